package io.hearth.core.lead;

import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;

/**
 * The same on PostgreSQL, where a create also claims its keys (one statement more); skipped with a
 * message when HEARTH_TEST_PG_URL is not set.
 */
class PostgresWriteStatementsTest extends WriteStatementsContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    protected int[] statementBounds() {
        return new int[] {7, 7, 10, 9};
    }
}
