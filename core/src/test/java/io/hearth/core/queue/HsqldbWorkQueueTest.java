package io.hearth.core.queue;

import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.TestDatabases;

class HsqldbWorkQueueTest extends WorkQueueContract {
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
