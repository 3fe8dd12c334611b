package io.hearth.core.opportunity;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The same contract on PostgreSQL; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresDealQueueTest extends DealQueueContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
