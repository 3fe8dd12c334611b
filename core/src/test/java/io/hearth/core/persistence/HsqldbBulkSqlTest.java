package io.hearth.core.persistence;

import io.hearth.core.persistence.TestDatabases.TestDatabase;

class HsqldbBulkSqlTest extends BulkSqlContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.openHsqldb();
    }
}
