package io.hearth.core.team;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The same contract on PostgreSQL; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresEscalationsTest extends EscalationsContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
