package io.hearth.core.persistence;

import java.time.Duration;

/** The outage contract on an HSQLDB server this test runs on a loopback port. */
class HsqldbDatabaseOutageTest extends DatabaseOutageContract {
    @Override
    protected CuttableDatabase open(Duration connectTimeout) {
        return CuttableDatabase.hsqldb(connectTimeout);
    }
}
