package io.hearth.core.sync;

/**
 * What a run did with the records it read. Every read record lands in exactly one of created,
 * updated, unchanged, merged or rejected; rejected also counts records the connector could not parse,
 * and the people and touches a write-back step of the run had refused.
 *
 * @param merged records that matched a person this same run had already written (repeated rows)
 */
public record SyncCounts(long read, long created, long updated, long unchanged, long merged, long rejected) {
    public static final SyncCounts ZERO = new SyncCounts(0, 0, 0, 0, 0, 0);

    public SyncCounts plus(SyncCounts other) {
        return new SyncCounts(
                read + other.read,
                created + other.created,
                updated + other.updated,
                unchanged + other.unchanged,
                merged + other.merged,
                rejected + other.rejected);
    }
}
