package io.hearth.core.persistence;

import io.hearth.core.persistence.TestDatabases.TestDatabase;

class HsqldbRenderedQueryTest extends RenderedQueryContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.openHsqldb();
    }
}
