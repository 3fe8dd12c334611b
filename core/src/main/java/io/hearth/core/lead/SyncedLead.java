package io.hearth.core.lead;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A lead a sync wrote.
 *
 * @param created whether the sync made it (rather than merged a record into it)
 * @param inquiredAt when the person asked, as far as the source says (its record's last change);
 *     {@code null} when the source does not say, as with a spreadsheet
 */
public record SyncedLead(Lead lead, boolean created, Instant inquiredAt) {
    public SyncedLead {
        requireNonNull(lead, "lead is null");
    }
}
