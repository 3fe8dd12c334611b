package io.hearth.core.persistence;

import java.time.Duration;

/** The outage contract on PostgreSQL, through a proxy; skipped when HEARTH_TEST_PG_URL is not set. */
class PostgresDatabaseOutageTest extends DatabaseOutageContract {
    @Override
    protected CuttableDatabase open(Duration connectTimeout) {
        return CuttableDatabase.postgres(connectTimeout);
    }
}
