package io.hearth.bench.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The product as deployed for one database: one server on an embedded HSQLDB data directory, or
 * two stateless servers on one fresh PostgreSQL schema (each with its own data directory, for its
 * uploads). Closing it stops the servers with SIGTERM and drops the schema.
 */
final class Deployment implements AutoCloseable {
    private final String name;
    private final boolean embedded;
    private final Path jar;
    private final Path logs;
    private final List<Path> dataDirs;
    private final List<String> serverArgs;
    private final List<ServerProcess> servers = new ArrayList<>();
    private final List<Cleanup.Step> leftovers = new ArrayList<>();

    private Deployment(
            String name, boolean embedded, Path jar, Path logs, List<Path> dataDirs, List<String> serverArgs) {
        this.name = name;
        this.embedded = embedded;
        this.jar = jar;
        this.logs = logs;
        this.dataDirs = dataDirs;
        this.serverArgs = serverArgs;
    }

    static Deployment hsqldb(Path jar, Path work, Path logs) throws IOException, InterruptedException {
        Deployment deployment = new Deployment(
                "HSQLDB: one embedded server", true, jar, logs, List.of(work.resolve("hsqldb")), List.of());
        deployment.leftovers.add(Cleanup.register(
                "delete " + work.resolve("hsqldb"), () -> TempFiles.deleteRecursively(work.resolve("hsqldb"))));
        return deployment.startServers();
    }

    /** Two servers on a fresh schema of the database {@code baseUrl} names; the schema is dropped on close. */
    static Deployment postgresql(Path jar, Path work, Path logs, String baseUrl)
            throws IOException, InterruptedException, SQLException {
        String schema = "hearth_reliability_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql(baseUrl, "CREATE SCHEMA " + schema);
        Cleanup.Step dropSchema = Cleanup.register("drop schema " + schema, () -> {
            try {
                sql(baseUrl, "DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        List<Path> dataDirs = List.of(work.resolve("pg-a"), work.resolve("pg-b"));
        Deployment deployment = new Deployment(
                "PostgreSQL: two servers, one database", false, jar, logs, dataDirs, List.of("--db-url", url));
        deployment.leftovers.add(dropSchema);
        for (Path dir : dataDirs) {
            deployment.leftovers.add(Cleanup.register("delete " + dir, () -> TempFiles.deleteRecursively(dir)));
        }
        return deployment.startServers();
    }

    private static void sql(String url, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    /** One after the other: the first migrates the schema, so the second does not wait on its lock. */
    private Deployment startServers() throws IOException, InterruptedException {
        try {
            for (int i = 0; i < dataDirs.size(); i++) {
                servers.add(startServer(i));
            }
            return this;
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private ServerProcess startServer(int index) throws IOException, InterruptedException {
        String label = (embedded ? "hsqldb" : "pg") + "-server-" + (char) ('a' + index);
        return ServerProcess.start(label, jar, dataDirs.get(index), serverArgs, logs.resolve(label + ".log"));
    }

    String name() {
        return name;
    }

    boolean embedded() {
        return embedded;
    }

    /** The servers in turn: call {@code i} goes to server {@code i} modulo their number. */
    ServerProcess server(int i) {
        return servers.get(Math.floorMod(i, servers.size()));
    }

    int size() {
        return servers.size();
    }

    /** Starts server {@code index} again on its data directory, after it was killed. */
    ServerProcess restart(int index) throws IOException, InterruptedException {
        servers.get(index).close();
        ServerProcess again = startServer(index);
        servers.set(index, again);
        return again;
    }

    @Override
    public void close() throws InterruptedException {
        for (ServerProcess server : servers) {
            server.close();
        }
        servers.clear();
        for (int i = leftovers.size() - 1; i >= 0; i--) {
            leftovers.get(i).close();
        }
        leftovers.clear();
    }
}
