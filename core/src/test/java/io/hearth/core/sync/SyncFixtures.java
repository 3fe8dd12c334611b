package io.hearth.core.sync;

import io.hearth.core.contact.ContactObserver;
import io.hearth.core.contact.ContactRules;
import io.hearth.core.person.PhoneNumbers;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqContactStore;
import java.util.List;

/** Sync wiring shared by the sync tests. */
final class SyncFixtures {
    private SyncFixtures() {
    }

    static SyncedContacts contacts(Database database, ContactObserver... observers) {
        return new SyncedContacts(new JooqContactStore(database.dsl()), new ContactRules(new PhoneNumbers("US")),
                List.of(observers));
    }
}
