package io.hearth.core.queue;

/** The bands of the work queue, worked top to bottom. */
public enum Lane {
    /** Inbound leads waiting for their first touch, nearest deadline first. */
    SPEED_TO_LEAD,
    /** Hot and to be worked today. */
    SIZZLING,
    /** Hot: an immediate or near-future need; highest value first. */
    HOT,
    /**
     * An open deal whose next step has fallen due or that has sat in its stage past the stage's
     * stall limit; the longest waiting first. Below the hot leads (minutes and days count there),
     * above the cadence's follow-ups and the warm, cool and cold leads: money already on the table
     * is not buried under leads that may never buy.
     */
    OPPORTUNITY,
    /** A scheduled follow-up has come due; oldest first. */
    DUE_FOLLOW_UP,
    WARM,
    COOL,
    /** The last resort: worked only when nothing hotter waits, but never dropped. */
    COLD;

    /**
     * Whether the lane ranks its entries by the time they fell due (oldest first, {@link
     * QueueEntry#dueRank}), so that the entries not due yet form its tail and a read can stop before them.
     */
    public boolean timeRanked() {
        return this == OPPORTUNITY || this == DUE_FOLLOW_UP;
    }

    /**
     * Stored so that a descending index walk yields lanes in this order. Adding a lane changes the
     * stored priority of the lanes above it: a migration must move those rows (V23 did for
     * {@link #OPPORTUNITY}).
     */
    public int priority() {
        return values().length - ordinal();
    }

    public static Lane ofPriority(int priority) {
        return values()[values().length - priority];
    }
}
