package io.hearth.core.sync;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The run contract on PostgreSQL; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresSyncRunsTest extends SyncRunsContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
