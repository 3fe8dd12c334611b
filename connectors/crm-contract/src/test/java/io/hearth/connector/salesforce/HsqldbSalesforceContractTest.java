package io.hearth.connector.salesforce;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The CRM contract for Salesforce on the embedded HSQLDB. */
class HsqldbSalesforceContractTest extends SalesforceContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.openHsqldb();
    }
}
