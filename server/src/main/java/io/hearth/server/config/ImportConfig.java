package io.hearth.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where files come from in an import.
 *
 * @param importsDir the only folder whose files a sync may name over the API (StartSync's path)
 * @param uploadsDir where uploads (ImportFile) wait while they are imported; emptied at start,
 *     since an upload left there belongs to a run that ended with the server
 * @param maxUploadBytes the largest upload taken; a larger one is refused with RESOURCE_EXHAUSTED
 */
public record ImportConfig(Path importsDir, Path uploadsDir, long maxUploadBytes) {
    /** 1 GiB: ten times a 1,000,000-row CSV export (about 110 MB). */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 1L << 30;

    public ImportConfig {
        requireNonNull(importsDir, "importsDir is null");
        requireNonNull(uploadsDir, "uploadsDir is null");
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("the upload limit must be at least 1 byte, got " + maxUploadBytes);
        }
    }

    /** {@code imports/} and {@code uploads/} in the data directory, 1 GiB uploads. */
    public static ImportConfig in(Path dataDir) {
        return new ImportConfig(dataDir.resolve("imports"), dataDir.resolve("uploads"), DEFAULT_MAX_UPLOAD_BYTES);
    }
}
