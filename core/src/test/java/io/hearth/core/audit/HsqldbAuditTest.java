package io.hearth.core.audit;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

class HsqldbAuditTest extends AuditContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.openHsqldb();
    }
}
