package io.hearth.core.sync;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The connection contract on the embedded HSQLDB. */
class HsqldbConnectionsTest extends ConnectionsContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.openHsqldb();
    }
}
