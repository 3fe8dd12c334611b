package io.hearth.core.priority;

import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.TestDatabases;

class HsqldbMissedDeadlinesTest extends MissedDeadlinesContract {
    private Database database;

    @Override
    protected Database openDatabase() {
        database = TestDatabases.hsqldb();
        return database;
    }

    @Override
    protected AutoCloseable closer() {
        return database;
    }
}
