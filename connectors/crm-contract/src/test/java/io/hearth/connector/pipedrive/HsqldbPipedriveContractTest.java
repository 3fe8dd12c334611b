package io.hearth.connector.pipedrive;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The CRM contract for Pipedrive on the embedded HSQLDB. */
class HsqldbPipedriveContractTest extends PipedriveContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.openHsqldb();
    }
}
