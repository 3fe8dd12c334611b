package io.hearth.core.sync;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The same contract on PostgreSQL; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresDealsSyncTest extends DealsSyncContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
