package io.hearth.core.touch;

import io.hearth.core.person.LeadSource;
import io.hearth.core.person.Scope;
import java.util.List;

/** The raw facts behind the follow-up statistics, read for one period, of the people {@code scope} may see. */
public interface FollowUpStatsStore {
    /**
     * Touches made in the period, while the owner when one is given owned the person (whoever owns
     * it now), to people from the source when one is given; those the scope may see by their owner
     * then or by the person's owner now.
     */
    List<Touch> touches(StatsPeriod period, Scope scope);

    /** Leads created in the period (of the owner and source, when given), and whether each converted by its end. */
    List<LeadConversionFact> leadsCreated(StatsPeriod period, Scope scope);

    /** For each lead converted in the period: how many touches it had when it converted. */
    List<Integer> touchesBeforeConversion(StatsPeriod period, Scope scope);

    /** People moved to drip in the period. */
    int movedToDrip(StatsPeriod period, Scope scope);

    record LeadConversionFact(LeadSource source, boolean converted) {}
}
