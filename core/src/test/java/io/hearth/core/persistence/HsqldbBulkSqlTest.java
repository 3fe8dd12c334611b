package io.hearth.core.persistence;

class HsqldbBulkSqlTest extends BulkSqlContract {
    @Override
    protected Database openDatabase() {
        return TestDatabases.hsqldb();
    }

    @Override
    protected AutoCloseable closer() {
        return database;
    }
}
