package io.hearth.core.lead;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/** The same bounds on PostgreSQL; skipped with a message when HEARTH_TEST_PG_URL is not set. */
class PostgresWriteStatementsTest extends WriteStatementsContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    protected int[] statementBounds() {
        return new int[] {10, 8, 10, 9};
    }
}
