package io.hearth.core.queue;

/** The bands of the work queue, worked top to bottom. */
public enum Lane {
    /** Inbound leads waiting for their first touch, nearest deadline first. */
    SPEED_TO_LEAD,
    /** Hot and to be worked today. */
    SIZZLING,
    /** Hot: an immediate or near-future need; highest value first. */
    HOT,
    /** A scheduled follow-up has come due; oldest first. */
    DUE_FOLLOW_UP,
    WARM,
    COOL,
    /** The last resort: worked only when nothing hotter waits, but never dropped. */
    COLD;

    /** Stored so that a descending index walk yields lanes in this order. */
    public int priority() {
        return values().length - ordinal();
    }

    public static Lane ofPriority(int priority) {
        return values()[values().length - priority];
    }
}
