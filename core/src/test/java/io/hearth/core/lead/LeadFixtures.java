package io.hearth.core.lead;

import io.hearth.core.dedup.DuplicateGuard;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqLeadStore;
import io.hearth.core.persistence.JooqPersonMatchStore;
import io.hearth.core.persistence.Transactor;
import io.hearth.core.person.PhoneNumbers;
import io.hearth.core.priority.SpeedToLeadPolicy;
import java.time.Clock;
import java.util.List;

/** Builders of leads and wired use cases for tests. */
public final class LeadFixtures {
    private LeadFixtures() {}

    public static LeadRules rules() {
        return new LeadRules(new PhoneNumbers("US"));
    }

    public static Leads leads(Database database, Clock clock) {
        return new Leads(
                new JooqLeadStore(database.dsl()),
                new Transactor(database.dsl()),
                rules(),
                clock,
                duplicateGuard(database));
    }

    public static DuplicateGuard duplicateGuard(Database database) {
        return new DuplicateGuard(new JooqPersonMatchStore(database.dsl()), SpeedToLeadPolicy.DEFAULT.inboundSources());
    }

    public static LeadFields.Builder person(String given, String family) {
        return LeadFields.builder().givenName(given).familyName(family).tags(List.of());
    }
}
