package io.hearth.core.priority;

import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.TestDatabases;

/** The same contract on PostgreSQL; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresLeadRatingsTest extends LeadRatingsContract {
    private TestDatabases.SchemaDatabase schema;

    @Override
    protected Database openDatabase() {
        schema = TestDatabases.postgres();
        return schema.database();
    }

    @Override
    protected AutoCloseable closer() {
        return schema;
    }
}
