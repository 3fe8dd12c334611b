package io.hearth.core.persistence;

import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The same contract through COPY; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresBulkSqlTest extends BulkSqlContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
