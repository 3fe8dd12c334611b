package io.hearth.core.persistence;

/** The same contract through COPY; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresBulkSqlTest extends BulkSqlContract {
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
