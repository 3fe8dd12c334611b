package io.hearth.core.sync;

import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.TestDatabases;

class HsqldbSyncedRatingsTest extends SyncedRatingsContract {
    @Override
    protected Database openDatabase() {
        return TestDatabases.hsqldb();
    }

    @Override
    protected AutoCloseable closer() {
        return database;
    }
}
