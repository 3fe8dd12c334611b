package io.hearth.connector.salesforce;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The CRM contract for Salesforce on PostgreSQL; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresSalesforceContractTest extends SalesforceContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
