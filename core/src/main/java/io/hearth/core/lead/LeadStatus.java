package io.hearth.core.lead;

/** Where a lead stands in the lead pipeline. */
public enum LeadStatus {
    NEW,
    CONTACTED,
    QUALIFIED,
    UNQUALIFIED,
    /** Turned into a contact: only conversion sets it. */
    CONVERTED
}
