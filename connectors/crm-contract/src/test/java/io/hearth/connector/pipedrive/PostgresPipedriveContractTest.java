package io.hearth.connector.pipedrive;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The CRM contract for Pipedrive on PostgreSQL; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresPipedriveContractTest extends PipedriveContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
