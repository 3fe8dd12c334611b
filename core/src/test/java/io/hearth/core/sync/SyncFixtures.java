package io.hearth.core.sync;

import io.hearth.core.contact.ContactObserver;
import io.hearth.core.contact.ContactRules;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqContactStore;
import io.hearth.core.person.PhoneNumbers;
import java.nio.file.Path;
import java.util.List;

/** Sync wiring shared by the sync tests. */
final class SyncFixtures {
    private SyncFixtures() {}

    /** For connectors without files: an import folder nothing is read from, and the default lease. */
    static SyncSettings settings() {
        return new SyncSettings(
                new ImportFolder(Path.of(System.getProperty("java.io.tmpdir"), "hearth-no-imports")),
                SyncSettings.DEFAULT_LEASE);
    }

    static SyncedContacts contacts(Database database, ContactObserver... observers) {
        return new SyncedContacts(
                new JooqContactStore(database.dsl()), new ContactRules(new PhoneNumbers("US")), List.of(observers));
    }
}
