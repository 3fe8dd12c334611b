package io.hearth.core.lead;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

class HsqldbWriteStatementsTest extends WriteStatementsContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.openHsqldb();
    }

    @Override
    protected int[] statementBounds() {
        return new int[] {6, 7, 10, 9};
    }
}
