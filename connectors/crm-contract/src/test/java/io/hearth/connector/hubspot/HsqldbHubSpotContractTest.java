package io.hearth.connector.hubspot;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The CRM contract for HubSpot on the embedded HSQLDB. */
class HsqldbHubSpotContractTest extends HubSpotContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.openHsqldb();
    }
}
