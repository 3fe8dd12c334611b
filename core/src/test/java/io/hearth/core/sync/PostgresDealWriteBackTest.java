package io.hearth.core.sync;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The deal write-back contract on PostgreSQL; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresDealWriteBackTest extends DealWriteBackContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
