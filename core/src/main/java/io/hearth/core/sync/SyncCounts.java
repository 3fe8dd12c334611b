package io.hearth.core.sync;

/**
 * What a run did with the records it read, and what its write-back step wrote. Every read record
 * lands in exactly one of created, updated, unchanged, merged, archived or rejected; rejected also
 * counts records the connector could not parse, and the people, touches and deals a write-back step
 * of the run had refused (each listed among the run's rejections).
 *
 * @param merged records that matched a person this same run had already written (repeated rows)
 * @param archived records the source deleted or merged into another that archived a person in
 *     Hearth (merging them into the survivor when Hearth has both); a deletion or merge of someone
 *     Hearth does not have, or has archived already, counts as unchanged
 * @param peopleWritten people the write-back step wrote to the destination
 * @param peopleFailed people the destination refused (also counted in {@code rejected})
 * @param touchesWritten touches the write-back step wrote as the destination's activities
 * @param touchesFailed touches the destination refused (also counted in {@code rejected})
 * @param dealsWritten deals the write-back step created or updated in the destination
 * @param dealsFailed deals the destination refused, or answered with an id another deal has (also
 *     counted in {@code rejected})
 */
public record SyncCounts(
        long read,
        long created,
        long updated,
        long unchanged,
        long merged,
        long rejected,
        long archived,
        long peopleWritten,
        long peopleFailed,
        long touchesWritten,
        long touchesFailed,
        long dealsWritten,
        long dealsFailed) {
    public static final SyncCounts ZERO = new SyncCounts(0, 0, 0, 0, 0, 0);

    /** The counts of a read that archived nothing and wrote nothing back. */
    public SyncCounts(long read, long created, long updated, long unchanged, long merged, long rejected) {
        this(read, created, updated, unchanged, merged, rejected, 0, 0, 0, 0, 0, 0, 0);
    }

    /** A write-back step's people and touch counts: the refused are rejections too. */
    public static SyncCounts written(long peopleWritten, long peopleFailed, long touchesWritten, long touchesFailed) {
        return new SyncCounts(
                0,
                0,
                0,
                0,
                0,
                peopleFailed + touchesFailed,
                0,
                peopleWritten,
                peopleFailed,
                touchesWritten,
                touchesFailed,
                0,
                0);
    }

    /** A write-back step's deal counts: the refused are rejections too. */
    public static SyncCounts dealsWritten(long dealsWritten, long dealsFailed) {
        return new SyncCounts(0, 0, 0, 0, 0, dealsFailed, 0, 0, 0, 0, 0, dealsWritten, dealsFailed);
    }

    public SyncCounts plus(SyncCounts other) {
        return new SyncCounts(
                read + other.read,
                created + other.created,
                updated + other.updated,
                unchanged + other.unchanged,
                merged + other.merged,
                rejected + other.rejected,
                archived + other.archived,
                peopleWritten + other.peopleWritten,
                peopleFailed + other.peopleFailed,
                touchesWritten + other.touchesWritten,
                touchesFailed + other.touchesFailed,
                dealsWritten + other.dealsWritten,
                dealsFailed + other.dealsFailed);
    }
}
