package io.hearth.core.opportunity;

import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;

/**
 * Where a deal came from, kept so that pipeline figures can say which lead sources end in won
 * deals, not just in conversions.
 *
 * @param lead the lead whose conversion opened the deal, or {@code null} for a deal opened on a contact
 * @param leadSource the lead source the contact carried when the deal was opened (a converted
 *     contact keeps its lead's), or {@code null} when it had none
 */
public record OpportunitySource(LeadId lead, LeadSource leadSource) {
    public static final OpportunitySource NONE = new OpportunitySource(null, null);
}
