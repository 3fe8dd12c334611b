package io.hearth.core.lead;

/**
 * Where a lead stands in its life: new (not contacted yet), contacted (touched at least once),
 * qualified or unqualified, and at the end converted, merged or archived.
 */
public enum LeadStatus {
    /** Not contacted yet. */
    NEW,
    /** Touched at least once, no interest shown yet: the first touch sets it. */
    CONTACTED,
    QUALIFIED,
    UNQUALIFIED,
    /** Turned into a contact: only conversion sets it. */
    CONVERTED,
    /**
     * Merged into another lead or contact. Never stored: a lead merged ({@link Lead#mergedInto()})
     * reads so, and only a merge makes it so.
     */
    MERGED,
    /**
     * Archived. Never stored: an archived lead reads so, and reads as what it was again once
     * restored; only archiving makes it so.
     */
    ARCHIVED;

    /** Whether the lead's archive or merge decides it, rather than a value stored with the lead. */
    public boolean fromArchive() {
        return this == MERGED || this == ARCHIVED;
    }
}
