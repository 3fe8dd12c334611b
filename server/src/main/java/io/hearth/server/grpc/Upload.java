package io.hearth.server.grpc;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * A file written chunk by chunk into the server's uploads folder, with the SHA-256 of its content.
 * It keeps the client's file name, alone in a folder of its own, so messages about the file name
 * what the user sent. It is deleted when its import ends; what a stopped server left behind is
 * cleared at the next start ({@link #clearFolder}).
 */
public final class Upload {
    private final Path path;
    private final OutputStream out;
    private final MessageDigest digest;
    private String hex;

    private Upload(Path path, OutputStream out, MessageDigest digest) {
        this.path = path;
        this.out = out;
        this.digest = digest;
    }

    /**
     * Starts an upload of {@code fileName} in {@code folder}. It takes what it is given: how much a
     * caller may upload is {@link io.hearth.core.sync.UploadSteps}'s to say.
     */
    static Upload start(Path folder, String fileName) {
        String safeName =
                Path.of(fileName.isBlank() ? "upload" : fileName).getFileName().toString();
        try {
            Files.createDirectories(folder);
            Path path = Files.createTempDirectory(folder, "upload-").resolve(safeName);
            return new Upload(path, Files.newOutputStream(path), MessageDigest.getInstance("SHA-256"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an upload file", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Deletes every upload in {@code folder}: at start, each belongs to an import that ended with the server. */
    public static int clearFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> uploads = Files.list(folder)) {
            int cleared = 0;
            for (Path upload : uploads.toList()) {
                deleteTree(upload);
                cleared++;
            }
            return cleared;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the uploads folder " + folder, e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    void append(ByteString chunk) {
        try {
            chunk.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload", e);
        }
        digest.update(chunk.asReadOnlyByteBuffer());
    }

    /** Closes the file for writing and returns where it is. */
    Path finish() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload", e);
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
            throw new UncheckedIOException("cannot delete an upload", e);
        }
    }
}
