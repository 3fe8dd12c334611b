package io.hearth.core.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HsqldbLeadsTest extends LeadsContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.openHsqldb();
    }

    @Test
    void fileDatabaseKeepsLeadsAcrossRestarts(@TempDir Path dataDir) {
        Lead created;
        try (Database first = Database.open(DatabaseConfig.embedded(dataDir, 2))) {
            created = LeadFixtures.leads(first, clock)
                    .create(LeadFixtures.person("Ada", "Lovelace").build(), null);
        }
        try (Database second = Database.open(DatabaseConfig.embedded(dataDir, 2))) {
            assertThat(LeadFixtures.leads(second, clock).get(created.id())).isEqualTo(created);
        }
    }
}
