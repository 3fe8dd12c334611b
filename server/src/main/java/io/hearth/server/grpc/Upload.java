package io.hearth.server.grpc;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A temporary file written chunk by chunk, with the SHA-256 of its content. It keeps the client's
 * file name, alone in a temporary folder, so messages about the file name what the user sent.
 */
final class Upload {
    private final Path path;
    private final OutputStream out;
    private final MessageDigest digest;
    private String hex;

    private Upload(Path path, OutputStream out, MessageDigest digest) {
        this.path = path;
        this.out = out;
        this.digest = digest;
    }

    static Upload start(String fileName) {
        String safeName = Path.of(fileName.isBlank() ? "upload" : fileName).getFileName().toString();
        try {
            Path path = Files.createTempDirectory("hearth-").resolve(safeName);
            return new Upload(path, Files.newOutputStream(path), MessageDigest.getInstance("SHA-256"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    void append(ByteString chunk) {
        try {
            chunk.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload in " + path, e);
        }
        digest.update(chunk.asReadOnlyByteBuffer());
    }

    /** Closes the file for writing and returns where it is. */
    Path finish() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload in " + path, e);
        }
        hex = HexFormat.of().formatHex(digest.digest());
        return path;
    }

    Path path() {
        return path;
    }

    /** The content's SHA-256 in hex; after {@link #finish()}. */
    String digest() {
        return hex;
    }

    void delete() {
        try {
            out.close();
            Files.deleteIfExists(path);
            Files.deleteIfExists(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
