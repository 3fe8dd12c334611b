package io.hearth.core.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hsqldb.server.Server;

/**
 * A test database reached over the network through a {@link CuttableProxy}, so a test can take it
 * away and bring it back without stopping a database server anyone else uses: an HSQLDB server the
 * test runs itself on a free loopback port, or a fresh schema of the configured PostgreSQL
 * ({@code HEARTH_TEST_PG_URL}; skipped without it). Closing drops what it made.
 */
public final class CuttableDatabase implements TestDatabases.TestDatabase {
    private static final Pattern POSTGRES_URL = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/(.*)");

    private final CuttableProxy proxy;
    private final Database database;
    private final Runnable cleanUp;

    private CuttableDatabase(CuttableProxy proxy, Database database, Runnable cleanUp) {
        this.proxy = proxy;
        this.database = database;
        this.cleanUp = cleanUp;
    }

    /** Outage tests need no second server: the one behind the proxy. */
    @Override
    public Database anotherServer() {
        return database;
    }

    /** An in-memory HSQLDB database served by an HSQLDB server on 127.0.0.1, behind a proxy. */
    public static CuttableDatabase hsqldb(Duration connectTimeout) {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Server server = new Server();
        server.setLogWriter(null);
        server.setErrWriter(null);
        server.setSilent(true);
        server.setTrace(false);
        server.setNoSystemExit(true);
        server.setAddress("127.0.0.1");
        server.setPort(freeLoopbackPort());
        server.setDatabaseName(0, name);
        server.setDatabasePath(0, "mem:" + name + ";hsqldb.tx=mvcc");
        server.start();
        CuttableProxy proxy = CuttableProxy.to("127.0.0.1", server.getPort());
        try {
            Database database = Database.open(new DatabaseConfig(
                    "jdbc:hsqldb:hsql://127.0.0.1:" + proxy.port() + "/" + name, "SA", "", 4, connectTimeout));
            return new CuttableDatabase(proxy, database, server::stop);
        } catch (RuntimeException e) {
            proxy.close();
            server.stop();
            throw e;
        }
    }

    /** A new schema of the configured PostgreSQL, reached through a proxy; skips the test without one. */
    public static CuttableDatabase postgres(Duration connectTimeout) {
        String url = TestDatabases.postgresUrlOrSkip();
        Matcher parts = POSTGRES_URL.matcher(url);
        if (!parts.matches()) {
            throw new IllegalArgumentException("cannot tell host and port from " + url);
        }
        String schema =
                "hearth_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(url, "CREATE SCHEMA " + schema);
        CuttableProxy proxy =
                CuttableProxy.to(parts.group(1), parts.group(2) == null ? 5432 : Integer.parseInt(parts.group(2)));
        String rest = parts.group(3);
        String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + rest + (rest.contains("?") ? "&" : "?")
                + "currentSchema=" + schema;
        Runnable dropSchema = () -> execute(url, "DROP SCHEMA " + schema + " CASCADE");
        try {
            return new CuttableDatabase(
                    proxy, Database.open(new DatabaseConfig(proxied, null, null, 4, connectTimeout)), dropSchema);
        } catch (RuntimeException e) {
            proxy.close();
            dropSchema.run();
            throw e;
        }
    }

    @Override
    public Database database() {
        return database;
    }

    /** The database goes away: open connections break, new ones are refused. */
    public void cut() {
        proxy.cut();
    }

    /** The database is back. */
    public void restore() {
        proxy.restore();
    }

    @Override
    public void close() {
        proxy.restore();
        try {
            database.close();
        } finally {
            proxy.close();
            cleanUp.run();
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }
}
