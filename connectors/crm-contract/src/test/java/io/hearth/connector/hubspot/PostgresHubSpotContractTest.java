package io.hearth.connector.hubspot;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The CRM contract for HubSpot on PostgreSQL; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresHubSpotContractTest extends HubSpotContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
