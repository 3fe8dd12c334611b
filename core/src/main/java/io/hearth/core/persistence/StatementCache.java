package io.hearth.core.persistence;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps each connection's prepared statements open for the next call with the same SQL text.
 * HSQLDB parses and compiles every {@code prepareStatement} anew (a quarter of the CPU of a write,
 * measured), and drops the compiled statement once the last statement prepared from it is closed;
 * HikariCP has no statement cache and jOOQ closes each statement after use. A statement closed by
 * its user goes back to its connection's cache instead (its parameters cleared); the cache holds
 * at most {@code capacity} idle statements per connection, the least recently used closed first,
 * and closes them all with the connection.
 *
 * <p>A statement is kept only when its connection prepared the same SQL before: a text used once,
 * such as a queue read with its time inlined, is closed at once as without the cache, instead of
 * pushing out the statements that are used again.
 *
 * <p>Only statements used plainly are kept: one whose fetch size, row limit, timeout or other
 * setting was changed, or on which any call failed, is really closed. A statement still in use
 * when the same SQL is prepared again is not shared: the second one is a statement of its own.
 * One connection is used by one thread at a time (the pool's contract), and so is its cache.
 */
final class StatementCache {
    /** Statement calls that change how later executions behave: such a statement is not reused. */
    private static final Set<String> SETTINGS = Set.of(
            "setFetchSize",
            "setFetchDirection",
            "setMaxRows",
            "setLargeMaxRows",
            "setMaxFieldSize",
            "setQueryTimeout",
            "setEscapeProcessing",
            "setCursorName",
            "setPoolable",
            "closeOnCompletion");

    private StatementCache() {}

    /** {@code dataSource}'s connections, each with a cache of at most {@code capacity} idle statements. */
    static DataSource caching(DataSource dataSource, int capacity) {
        requireNonNull(dataSource, "dataSource is null");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        return new CachingDataSource(dataSource, capacity);
    }

    private record CachingDataSource(DataSource dataSource, int capacity) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return CachingConnection.wrap(dataSource.getConnection(), capacity);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return CachingConnection.wrap(dataSource.getConnection(username, password), capacity);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return dataSource.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            dataSource.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            dataSource.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return dataSource.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return dataSource.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return type.isInstance(this) ? type.cast(this) : dataSource.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return type.isInstance(this) || dataSource.isWrapperFor(type);
        }
    }

    /**
     * A {@code prepareStatement} call's arguments: the SQL text and the variant's others (result
     * set type, generated keys wanted), arrays as lists so that equal ones match.
     */
    private record Key(List<Object> arguments) {
        static Key of(Object[] args) {
            Object[] normalized = args.clone();
            for (int i = 0; i < normalized.length; i++) {
                if (normalized[i] instanceof int[] columns) {
                    normalized[i] = Arrays.stream(columns).boxed().toList();
                } else if (normalized[i] instanceof String[] columns) {
                    normalized[i] = List.of(columns);
                }
            }
            return new Key(Arrays.asList(normalized));
        }
    }

    private static final class CachingConnection implements InvocationHandler {
        private final Connection connection;
        private final Map<Key, PreparedStatement> idle;
        /** The SQL this connection prepared (the most recent, a few times the capacity). */
        private final Map<Key, Boolean> seen;

        private Connection proxy;

        private CachingConnection(Connection connection, int capacity) {
            this.connection = connection;
            int remembered = capacity * 4;
            this.seen = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                    return size() > remembered;
                }
            };
            this.idle = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, PreparedStatement> eldest) {
                    if (size() <= capacity) {
                        return false;
                    }
                    closeQuietly(eldest.getValue());
                    return true;
                }
            };
        }

        static Connection wrap(Connection connection, int capacity) {
            CachingConnection handler = new CachingConnection(connection, capacity);
            handler.proxy = (Connection) Proxy.newProxyInstance(
                    StatementCache.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
            return handler.proxy;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement":
                    return prepare(method, args);
                case "close":
                    closeIdle();
                    break;
                case "unwrap":
                    if (((Class<?>) args[0]).isInstance(self)) {
                        return self;
                    }
                    break;
                case "isWrapperFor":
                    if (((Class<?>) args[0]).isInstance(self)) {
                        return true;
                    }
                    break;
                case "equals":
                    return self == args[0];
                case "hashCode":
                    return System.identityHashCode(self);
                default:
                    break;
            }
            return call(connection, method, args);
        }

        private PreparedStatement prepare(Method method, Object[] args) throws Throwable {
            Key key = Key.of(args);
            PreparedStatement statement = idle.remove(key);
            if (statement == null) {
                statement = (PreparedStatement) call(connection, method, args);
            }
            return CachedStatement.wrap(statement, this, key);
        }

        /**
         * Takes back a statement its user closed: kept when its SQL was prepared before and no
         * other statement is kept for it.
         */
        void giveBack(Key key, PreparedStatement statement) {
            if (seen.put(key, Boolean.TRUE) == null || idle.putIfAbsent(key, statement) != null) {
                closeQuietly(statement);
            }
        }

        private void closeIdle() {
            for (Iterator<PreparedStatement> statements = idle.values().iterator(); statements.hasNext(); ) {
                closeQuietly(statements.next());
                statements.remove();
            }
        }

        Connection proxy() {
            return proxy;
        }

        /** The number of idle statements kept, for tests. */
        int idleCount() {
            return idle.size();
        }
    }

    private static final class CachedStatement implements InvocationHandler {
        private final PreparedStatement statement;
        private final CachingConnection owner;
        private final Key key;
        private boolean closed;
        private boolean reusable = true;

        private CachedStatement(PreparedStatement statement, CachingConnection owner, Key key) {
            this.statement = statement;
            this.owner = owner;
            this.key = key;
        }

        static PreparedStatement wrap(PreparedStatement statement, CachingConnection owner, Key key) {
            return (PreparedStatement) Proxy.newProxyInstance(
                    StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class},
                    new CachedStatement(statement, owner, key));
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "close":
                    close();
                    return null;
                case "isClosed":
                    return closed;
                case "getConnection":
                    requireOpen();
                    return owner.proxy();
                case "equals":
                    return self == args[0];
                case "hashCode":
                    return System.identityHashCode(self);
                default:
                    break;
            }
            requireOpen();
            if (SETTINGS.contains(name)) {
                reusable = false;
            }
            try {
                return call(statement, method, args);
            } catch (SQLException | RuntimeException e) {
                reusable = false;
                throw e;
            }
        }

        private void requireOpen() throws SQLException {
            if (closed) {
                throw new SQLException("statement is closed", "HY010");
            }
        }

        private void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (reusable) {
                try {
                    ResultSet open = statement.getResultSet();
                    if (open != null) {
                        open.close();
                    }
                    statement.clearParameters();
                    statement.clearBatch();
                    statement.clearWarnings();
                    owner.giveBack(key, statement);
                    return;
                } catch (SQLException | RuntimeException e) {
                    // not fit to be used again: closed below
                }
            }
            closeQuietly(statement);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException | RuntimeException e) {
            // the connection is going or gone: nothing is left to release
        }
    }

    /** For tests: how many idle statements {@code connection}'s cache keeps. */
    static int idleCount(Connection connection) {
        return ((CachingConnection) Proxy.getInvocationHandler(connection)).idleCount();
    }
}
