package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Arrays;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lent test databases: a test gets the database the previous one gave back, emptied, on the
 * same pool but through a handle of its own; a test that leaves a pool connection in use or changes
 * the schema leaves a database nobody gets again.
 */
class TestDatabasesTest {
    private static TestDatabases.TestDatabase open(String kind) {
        return kind.equals("hsqldb") ? TestDatabases.openHsqldb() : TestDatabases.postgres();
    }

    private static int startPasses(Database database) {
        return database.dsl().fetchCount(database.dsl().selectFrom("start_pass"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hsqldb", "postgresql"})
    void theNextTestGetsTheSameDatabaseEmptiedThroughAHandleOfItsOwn(String kind) {
        String url;
        try (TestDatabases.TestDatabase first = open(kind)) {
            url = first.database().config().url();
            first.database()
                    .dsl()
                    .execute("INSERT INTO start_pass (name, done_at) VALUES ('a pass', CURRENT_TIMESTAMP)");
            assertThat(startPasses(first.database())).isEqualTo(1);
            StatementCounter.on(first.database());
        }
        try (TestDatabases.TestDatabase second = open(kind)) {
            assertThat(second.database().config().url()).isEqualTo(url);
            assertThat(startPasses(second.database())).isZero();
            ExecuteListenerProvider[] listeners =
                    second.database().dsl().configuration().executeListenerProviders();
            assertThat(Arrays.stream(listeners)
                            .map(provider -> provider instanceof DefaultExecuteListenerProvider d ? d.provide() : null))
                    .noneMatch(listener -> listener instanceof StatementCounter);
            // closing a lent handle leaves the pool to the next test
            second.database().close();
            assertThat(second.database().isAvailable()).isTrue();
        }
        try (TestDatabases.TestDatabase third = open(kind)) {
            assertThat(third.database().config().url()).isEqualTo(url);
            assertThat(startPasses(third.database())).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hsqldb", "postgresql"})
    void aDatabaseWhoseTestLeftAConnectionInUseIsNotLentAgain(String kind) throws Exception {
        String url;
        Connection leftOpen;
        try (TestDatabases.TestDatabase leaky = open(kind)) {
            url = leaky.database().config().url();
            leftOpen =
                    leaky.database().dsl().configuration().connectionProvider().acquire();
        }
        // the pool went with the database, ending the connection under the handle left open
        assertThat(leftOpen.isValid(1)).isFalse();
        try (TestDatabases.TestDatabase next = open(kind)) {
            assertThat(next.database().config().url()).isNotEqualTo(url);
            assertThat(startPasses(next.database())).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hsqldb", "postgresql"})
    void aDatabaseWhoseTestChangedTheSchemaIsNotLentAgain(String kind) {
        String url;
        try (TestDatabases.TestDatabase changer = open(kind)) {
            url = changer.database().config().url();
            changer.database().dsl().execute("CREATE TABLE left_behind (id INTEGER)");
        }
        try (TestDatabases.TestDatabase next = open(kind)) {
            assertThat(next.database().config().url()).isNotEqualTo(url);
            assertThat(next.database().dsl().meta().getTables("left_behind")).isEmpty();
            assertThat(next.database().dsl().meta().getTables("LEFT_BEHIND")).isEmpty();
        }
    }
}
