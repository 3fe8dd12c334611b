package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Conversion;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityFields;
import io.hearth.core.person.LeadId;

/**
 * Converts a lead and opens a deal with the new prospect in one transaction: the hand-off from the
 * lead pipeline to the sales pipeline is one step, and it happens whole or not at all (a deal the
 * rules refuse leaves the lead a lead).
 */
public final class LeadToDealConversion {
    private final Leads leads;
    private final LeadConversion conversion;
    private final Opportunities opportunities;
    private final Transactor transactor;

    public LeadToDealConversion(
            Leads leads, LeadConversion conversion, Opportunities opportunities, Transactor transactor) {
        this.leads = requireNonNull(leads, "leads is null");
        this.conversion = requireNonNull(conversion, "conversion is null");
        this.opportunities = requireNonNull(opportunities, "opportunities is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
    }

    /** A converted lead, its prospect and the deal opened with it. */
    public record Result(Conversion conversion, Opportunity opportunity) {
        public Result {
            requireNonNull(conversion, "conversion is null");
            requireNonNull(opportunity, "opportunity is null");
        }
    }

    /**
     * Converts the lead (a non-blank {@code etag} must be its current one) and opens a deal with the
     * prospect in its first stage, carrying the lead and its source.
     *
     * @param deal the deal's fields; a bad one is named under {@code opportunity} and nothing is converted
     */
    public Result convert(LeadId id, String etag, OpportunityFields deal) {
        requireNonNull(deal, "deal is null");
        Result done = transactor.inTransaction(() -> {
            Conversion converted = conversion.convertInTransaction(leads.currentVersion(id, etag));
            Opportunity opened = opportunities.openForConversion(converted.contact(), id, deal);
            return new Result(converted, opened);
        });
        return new Result(
                new Conversion(
                        leads.shown(done.conversion().lead()), done.conversion().contact()),
                done.opportunity());
    }
}
