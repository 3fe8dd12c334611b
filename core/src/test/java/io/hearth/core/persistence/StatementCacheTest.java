package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.util.DriverDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class StatementCacheTest {
    private static final String ECHO = "select cast(? as int) from (values(0))";

    private static DataSource caching(int capacity) {
        return StatementCache.caching(
                new DriverDataSource(
                        "jdbc:hsqldb:mem:cache" + UUID.randomUUID().toString().replace("-", ""),
                        null,
                        new Properties(),
                        "SA",
                        ""),
                capacity);
    }

    private static PreparedStatement raw(PreparedStatement statement) throws SQLException {
        return statement.unwrap(PreparedStatement.class);
    }

    private static int echo(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Prepares and closes {@code sql} once: the cache keeps only what it saw prepared before. */
    private static void useOnce(Connection connection, String sql) throws SQLException {
        connection.prepareStatement(sql).close();
    }

    private static void useOnce(Connection connection, String sql, String[] keys) throws SQLException {
        connection.prepareStatement(sql, keys).close();
    }

    @Test
    void aStatementPreparedForTheFirstTimeIsClosedNotKept() throws SQLException {
        try (Connection connection = caching(10).getConnection()) {
            PreparedStatement first = connection.prepareStatement(ECHO);
            PreparedStatement firstRaw = raw(first);
            first.close();
            assertThat(firstRaw.isClosed()).isTrue();
            assertThat(StatementCache.idleCount(connection)).isZero();

            PreparedStatement second = connection.prepareStatement(ECHO);
            PreparedStatement secondRaw = raw(second);
            second.close();
            assertThat(secondRaw.isClosed()).as("prepared before: kept").isFalse();
            assertThat(StatementCache.idleCount(connection)).isEqualTo(1);
        }
    }

    @Test
    void aClosedStatementIsPreparedAgainFromTheCacheWithItsParametersCleared() throws SQLException {
        try (Connection connection = caching(10).getConnection()) {
            useOnce(connection, ECHO);
            PreparedStatement first = connection.prepareStatement(ECHO);
            first.setInt(1, 7);
            assertThat(echo(first)).isEqualTo(7);
            PreparedStatement firstRaw = raw(first);
            first.close();
            assertThat(first.isClosed()).isTrue();
            assertThatThrownBy(first::executeQuery).isInstanceOf(SQLException.class);
            assertThat(StatementCache.idleCount(connection)).isEqualTo(1);

            try (PreparedStatement second = connection.prepareStatement(ECHO)) {
                assertThat(raw(second)).isSameAs(firstRaw);
                assertThat(StatementCache.idleCount(connection)).isZero();
                assertThat(second.getConnection()).isSameAs(connection);
                assertThatThrownBy(second::executeQuery)
                        .as("the first user's parameter is gone")
                        .isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void theSameSqlPreparedWhileInUseIsAStatementOfItsOwnAndOnlyOneIsKept() throws SQLException {
        try (Connection connection = caching(10).getConnection()) {
            useOnce(connection, ECHO);
            PreparedStatement outer = connection.prepareStatement(ECHO);
            PreparedStatement inner = connection.prepareStatement(ECHO);
            assertThat(raw(inner)).isNotSameAs(raw(outer));
            outer.setInt(1, 1);
            inner.setInt(1, 2);
            assertThat(echo(outer)).isEqualTo(1);
            assertThat(echo(inner)).isEqualTo(2);
            PreparedStatement innerRaw = raw(inner);
            PreparedStatement outerRaw = raw(outer);
            inner.close();
            outer.close();
            assertThat(StatementCache.idleCount(connection)).isEqualTo(1);
            assertThat(outerRaw.isClosed())
                    .as("a second idle one for the same SQL is closed")
                    .isTrue();
            assertThat(innerRaw.isClosed()).isFalse();
        }
    }

    @Test
    void closingTheConnectionClosesEveryKeptStatement() throws SQLException {
        PreparedStatement kept;
        try (Connection connection = caching(10).getConnection()) {
            useOnce(connection, ECHO);
            PreparedStatement statement = connection.prepareStatement(ECHO);
            kept = raw(statement);
            statement.close();
            assertThat(kept.isClosed()).isFalse();
        }
        assertThat(kept.isClosed()).isTrue();
    }

    @Test
    void aStatementWhoseSettingsChangedOrThatFailedIsNotKept() throws SQLException {
        try (Connection connection = caching(10).getConnection()) {
            useOnce(connection, ECHO);
            PreparedStatement limited = connection.prepareStatement(ECHO);
            limited.setMaxRows(1);
            PreparedStatement limitedRaw = raw(limited);
            limited.close();
            assertThat(limitedRaw.isClosed()).isTrue();

            PreparedStatement failing = connection.prepareStatement(ECHO);
            assertThatThrownBy(failing::executeQuery).isInstanceOf(SQLException.class);
            PreparedStatement failingRaw = raw(failing);
            failing.close();
            assertThat(failingRaw.isClosed()).isTrue();
            assertThat(StatementCache.idleCount(connection)).isZero();
        }
    }

    @Test
    void theLeastRecentlyUsedIdleStatementIsClosedBeyondTheCapacity() throws SQLException {
        try (Connection connection = caching(2).getConnection()) {
            PreparedStatement[] raws = new PreparedStatement[3];
            for (int i = 0; i < raws.length; i++) {
                useOnce(connection, "select " + i + " from (values(0))");
                try (PreparedStatement statement = connection.prepareStatement("select " + i + " from (values(0))")) {
                    raws[i] = raw(statement);
                }
            }
            assertThat(StatementCache.idleCount(connection)).isEqualTo(2);
            assertThat(raws[0].isClosed()).isTrue();
            assertThat(raws[1].isClosed()).isFalse();
            assertThat(raws[2].isClosed()).isFalse();
        }
    }

    @Test
    void theGeneratedKeysVariantIsKeptApartFromThePlainOne() throws SQLException {
        try (Connection connection = caching(10).getConnection()) {
            useOnce(connection, ECHO);
            useOnce(connection, ECHO, new String[] {"C1"});
            PreparedStatement plainRaw;
            try (PreparedStatement plain = connection.prepareStatement(ECHO)) {
                plainRaw = raw(plain);
            }
            try (PreparedStatement keys = connection.prepareStatement(ECHO, new String[] {"C1"})) {
                assertThat(raw(keys)).isNotSameAs(plainRaw);
            }
            try (PreparedStatement keysAgain = connection.prepareStatement(ECHO, new String[] {"C1"})) {
                assertThat(StatementCache.idleCount(connection))
                        .as("equal column arrays match")
                        .isEqualTo(1);
            }
        }
    }
}
