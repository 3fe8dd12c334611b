package io.hearth.core.dedup;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

class HsqldbDuplicateEntryTest extends DuplicateEntryContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.openHsqldb();
    }
}
