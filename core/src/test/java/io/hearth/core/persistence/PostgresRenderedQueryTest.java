package io.hearth.core.persistence;

import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The same contract on PostgreSQL; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresRenderedQueryTest extends RenderedQueryContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
