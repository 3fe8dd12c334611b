package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.PermissionDeniedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one folder whose files a caller may name over the API (a sync's {@code path}). Anything
 * else on the server's disk stays out of reach: a path outside the folder, or a link inside it
 * that leads out, is refused. Relative paths are taken inside the folder.
 */
public final class ImportFolder {
    public static final String REASON = ErrorReason.PATH_OUTSIDE_IMPORT_FOLDER.name();

    private final Path root;

    public ImportFolder(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * The real file {@code value} names, links resolved, when it lies inside the folder.
     *
     * @param field the request field the value came from, for the error
     * @throws PermissionDeniedException when it lies outside, or a link leads out
     * @throws InvalidArgumentException when there is no such file in the folder
     */
    public Path resolve(String field, String value) {
        Path asked = root.resolve(value).normalize();
        if (!asked.startsWith(root)) {
            throw outside(field);
        }
        Path real;
        try {
            real = asked.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                throw outside(field);
            }
        } catch (NoSuchFileException e) {
            throw InvalidArgumentException.of(
                    field, "there is no file '" + root.relativize(asked) + "' in the server's import folder");
        } catch (IOException e) {
            throw InvalidArgumentException.of(
                    field, "the file '" + root.relativize(asked) + "' in the server's import folder cannot be read");
        }
        if (!Files.isRegularFile(real)) {
            throw InvalidArgumentException.of(field, "'" + root.relativize(asked) + "' is not a file");
        }
        return real;
    }

    private static PermissionDeniedException outside(String field) {
        return new PermissionDeniedException(
                ErrorReason.PATH_OUTSIDE_IMPORT_FOLDER,
                field + ": only files in the server's import folder ("
                        + "imports/ in its data directory, or --imports-dir) can be read; copy the file there, or upload it "
                        + "with 'hearth import FILE'");
    }
}
