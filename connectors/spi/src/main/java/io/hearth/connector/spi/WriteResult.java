package io.hearth.connector.spi;

import static java.util.Objects.requireNonNull;

/**
 * What became of one written person.
 *
 * @param externalId the id the destination gave it, or {@code null} when it gives none (a file)
 * @param error      why it was not written, or {@code null} when it was
 */
public record WriteResult(String hearthId, String externalId, String error) {
    public WriteResult {
        requireNonNull(hearthId, "hearthId is null");
    }

    public static WriteResult written(String hearthId, String externalId) {
        return new WriteResult(hearthId, externalId, null);
    }

    public static WriteResult failed(String hearthId, String error) {
        return new WriteResult(hearthId, null, requireNonNull(error, "error is null"));
    }

    public boolean ok() {
        return error == null;
    }
}
