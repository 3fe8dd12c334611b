package io.hearth.core.error;

/** A write raced with another one: the resource changed since the caller read it. */
public final class StaleEtagException extends HearthException {
    private final boolean concurrent;

    private StaleEtagException(String message, boolean concurrent) {
        super(message);
        this.concurrent = concurrent;
    }

    /** Whether another writer committed between this call's read and its write (no etag was stale). */
    public boolean concurrent() {
        return concurrent;
    }

    /** The caller sent an etag that is no longer the current one. */
    public static StaleEtagException sent(String resourceName, String sentEtag, String currentEtag) {
        return new StaleEtagException(
                resourceName + " was changed by someone else (etag " + Excerpts.of(sentEtag) + " is stale, current is "
                        + currentEtag + "); get it again and retry",
                false);
    }

    /** Another writer committed between our read and our write. */
    public static StaleEtagException concurrent(String resourceName) {
        return new StaleEtagException(
                resourceName + " was changed by someone else at the same moment; " + "get it again and retry", true);
    }

    @Override
    public Kind kind() {
        return Kind.ABORTED;
    }

    @Override
    public ErrorReason errorReason() {
        return ErrorReason.STALE_ETAG;
    }
}
