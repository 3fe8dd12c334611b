package io.hearth.core.sync;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The write-back contract on PostgreSQL; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresWriteBackTest extends WriteBackContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
