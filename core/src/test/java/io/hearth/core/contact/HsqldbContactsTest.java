package io.hearth.core.contact;

import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.TestDatabases;

class HsqldbContactsTest extends ContactsContract {
    @Override
    protected Database openDatabase() {
        return TestDatabases.hsqldb();
    }

    @Override
    protected AutoCloseable closer() {
        return database;
    }
}
