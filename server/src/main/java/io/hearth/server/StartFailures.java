package io.hearth.server;

import io.hearth.core.persistence.DatabaseConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What stops a server from starting, said in one line that names what to change, instead of a
 * stack trace: a port another process holds (found before the database is opened and migrated),
 * a data directory another server has open, a database that cannot be reached or refuses the user.
 */
final class StartFailures {
    /** Causes are followed this deep at most, so a cyclic chain cannot loop. */
    private static final int MAX_DEPTH = 20;

    private StartFailures() {}

    /**
     * Whether {@code host:port} is free, by binding it a moment: a server already there is found
     * before anything is opened. Port 0 (any free port) is always free.
     */
    static Optional<String> portInUse(String host, int port) {
        if (port == 0) {
            return Optional.empty();
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Netty binds: a port in TIME_WAIT after a restart is free
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return Optional.empty();
        } catch (BindException e) {
            return Optional.of(portMessage(host, port));
        } catch (IOException e) {
            return Optional.of("cannot listen on " + host + ":" + port + ": " + e.getMessage() + "; check --host");
        }
    }

    /** The one line for a listen that failed because the port is taken, or empty for another failure. */
    static Optional<String> bindFailure(Throwable failure, String host, int port) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return Optional.of(portMessage(host, port));
            }
        }
        return Optional.empty();
    }

    private static String portMessage(String host, int port) {
        return "cannot listen on " + host + ":" + port
                + ": the port is in use (another Hearth server?); stop it, or choose another with --port";
    }

    /** The one line for a database that could not be opened, or empty when the failure is of another kind. */
    static Optional<String> databaseFailure(Throwable failure, DatabaseConfig database, Path dataDir) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            // HSQLDB's LockFile.LockHeldExternallyException; named, not imported: an engine's internal class
            if (t.getClass().getName().endsWith("LockHeldExternallyException")) {
                return Optional.of("the data directory " + dataDir
                        + " is in use by another Hearth server (its database is locked); stop that server, "
                        + "or choose another --data-dir");
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08")) {
                    return Optional.of("cannot reach the database at " + database.redactedUrl() + ": "
                            + firstLine(sql.getMessage()) + "; check --db-url and that the database is running");
                }
                if (state.startsWith("28")) {
                    return Optional.of("the database at " + database.redactedUrl() + " refused the login: "
                            + firstLine(sql.getMessage()) + "; check --db-user and --db-password");
                }
                if (state.equals("3D000")) {
                    return Optional.of("the database at " + database.redactedUrl() + " does not exist: "
                            + firstLine(sql.getMessage()) + "; create it (createdb) or fix --db-url");
                }
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
