package io.hearth.core.opportunity;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

class HsqldbDealQueueTest extends DealQueueContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.openHsqldb();
    }
}
