package io.hearth.core.dedup;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The same contract on PostgreSQL; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresContactMergeTest extends ContactMergeContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
