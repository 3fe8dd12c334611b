package io.hearth.core.touch;

import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.TestDatabases;

class HsqldbFollowUpsTest extends FollowUpsContract {
    @Override
    protected Database openDatabase() {
        return TestDatabases.hsqldb();
    }

    @Override
    protected AutoCloseable closer() {
        return database;
    }
}
