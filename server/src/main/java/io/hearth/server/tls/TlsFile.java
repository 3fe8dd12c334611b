package io.hearth.server.tls;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A PEM file the server was pointed at, with the option that named it, so every problem with it
 * is reported as "{@code --tls-key /etc/hearth/key.pem: ...}".
 */
record TlsFile(String option, Path path) {
    /** Far more than any certificate chain or key; a larger file is not one. */
    static final int MAX_BYTES = 1 << 20;

    TlsFile {
        requireNonNull(option, "option is null");
        requireNonNull(path, "path is null");
    }

    byte[] read() throws UnusableTlsFileException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] content = in.readNBytes(MAX_BYTES + 1);
            if (content.length > MAX_BYTES) {
                throw problem("larger than " + MAX_BYTES + " bytes: not a PEM certificate or key file");
            }
            return content;
        } catch (NoSuchFileException e) {
            throw problem("no such file");
        } catch (AccessDeniedException e) {
            throw problem("cannot be read: permission denied");
        } catch (IOException e) {
            throw problem("cannot be read: " + e.getMessage());
        }
    }

    UnusableTlsFileException problem(String problem) {
        return new UnusableTlsFileException(option, path, problem);
    }
}
