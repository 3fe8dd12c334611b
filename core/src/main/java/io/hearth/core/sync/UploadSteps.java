package io.hearth.core.sync;

import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.ResourceExhaustedException;
import java.util.Map;

/**
 * The rules of an upload (ImportFile), message by message: one header first, whose config leaves
 * the file's path out (the server stores the upload itself and gives the connector its path), then
 * the file in chunks, no more than the server takes in all. One call's messages arrive one at a
 * time, so an instance is not shared between threads.
 */
public final class UploadSteps {
    /** The config key the server sets to the stored upload. */
    public static final String PATH = "path";

    private final long maxBytes;
    private boolean headerSeen;
    private long received;

    /** @param maxBytes the largest upload the server takes */
    public UploadSteps(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** A header with {@code config} arrived. */
    public void header(Map<String, String> config) {
        if (headerSeen) {
            throw InvalidArgumentException.of("header", "send the header once, as the first message");
        }
        if (config.containsKey(PATH)) {
            throw InvalidArgumentException.of(
                    "header.config." + PATH, "the server stores the upload itself; leave path out");
        }
        headerSeen = true;
    }

    /** A chunk of {@code bytes} arrived. */
    public void chunk(long bytes) {
        if (!headerSeen) {
            throw InvalidArgumentException.of("header", "the first message must be the header");
        }
        received += bytes;
        if (received > maxBytes) {
            throw new ResourceExhaustedException(
                    ErrorReason.UPLOAD_TOO_LARGE,
                    "the upload is larger than this server takes (" + maxBytes
                            + " bytes, --max-upload-bytes); split the file or ask the operator to raise the limit");
        }
    }

    /** The caller has sent everything. */
    public void end() {
        if (!headerSeen) {
            throw InvalidArgumentException.of("header", "nothing was uploaded");
        }
    }
}
