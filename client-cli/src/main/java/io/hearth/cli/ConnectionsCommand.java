package io.hearth.cli;

import com.google.protobuf.FieldMask;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.hearth.proto.v1.ConfigProblem;
import io.hearth.proto.v1.Connection;
import io.hearth.proto.v1.ConnectionDirection;
import io.hearth.proto.v1.CreateConnectionRequest;
import io.hearth.proto.v1.DeleteConnectionRequest;
import io.hearth.proto.v1.GetConnectionRequest;
import io.hearth.proto.v1.ListConnectionsRequest;
import io.hearth.proto.v1.ListConnectionsResponse;
import io.hearth.proto.v1.RunConnectionRequest;
import io.hearth.proto.v1.SyncCounts;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import io.hearth.proto.v1.TestConnectionRequest;
import io.hearth.proto.v1.TestConnectionResponse;
import io.hearth.proto.v1.UpdateConnectionRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth connections}: stored syncs (a CRM account with its settings, schedule and
 * direction). A connection is named by its display name or its resource name
 * ({@code connections/{id}}). Secrets are given only as references, {@code env:NAME} or
 * {@code file:/absolute/path}, resolved on the server.
 */
@Command(name = "connections", description = "Create, list, change, delete, test and run stored syncs with CRMs.")
final class ConnectionsCommand {
    private static final String DIRECTION = "CONNECTION_DIRECTION_";
    private static final String COLLECTION = "connections/";

    private ConnectionsCommand() {}

    /** When a connection runs by itself: {@code --every 15m} or {@code --manual}. */
    static final class ScheduleOptions {
        @Option(
                names = "--every",
                paramLabel = "INTERVAL",
                description = "Run by itself this often, in whole minutes: 15m, 2h, 1d (1 minute to 7 days).")
        String every;

        @Option(names = "--manual", description = "Run only when asked (hearth connections run).")
        boolean manual;
    }

    /** The settings shared by create and update. */
    abstract static class Settings extends RpcCommand {
        @Option(
                names = "--set",
                paramLabel = "KEY=VALUE",
                description =
                        "A connector setting (see 'hearth connectors list'), e.g. base_url=https://api.hubapi.com.")
        Map<String, String> set = new LinkedHashMap<>();

        @Option(
                names = "--secret",
                paramLabel = "KEY=REF",
                description = "A secret setting as a reference the server resolves: token=env:HUBSPOT_TOKEN or"
                        + " token=file:/etc/hearth/hubspot-token. Never the secret itself.")
        Map<String, String> secrets = new LinkedHashMap<>();

        @ArgGroup(exclusive = true)
        ScheduleOptions schedule;

        @Option(
                names = "--direction",
                paramLabel = "WAY",
                description = "read, write or both (default read). write and both write back what Hearth owns"
                        + " (--set own.FIELD=hearth|crm) and the touches logged, each once.")
        String direction;

        /** The schedule in minutes (0: manual), or null when not given. */
        Integer everyMinutes() {
            if (schedule == null) {
                return null;
            }
            if (schedule.manual) {
                return 0;
            }
            Duration interval;
            try {
                interval = DurationText.parse(schedule.every);
            } catch (IllegalArgumentException e) {
                throw usageError("--every: " + e.getMessage());
            }
            if (interval.toSecondsPart() != 0 || interval.toMinutes() > Integer.MAX_VALUE) {
                throw usageError("--every takes whole minutes, e.g. 15m or 2h, got " + schedule.every);
            }
            return (int) interval.toMinutes();
        }

        ConnectionDirection directionValue() {
            if (direction == null) {
                return ConnectionDirection.CONNECTION_DIRECTION_UNSPECIFIED;
            }
            try {
                return ConnectionDirection.valueOf(DIRECTION + direction.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw usageError("--direction takes read, write or both, got " + direction);
            }
        }
    }

    @Command(name = "create", description = "Store a new connection.")
    static final class Create extends Settings {
        @Parameters(paramLabel = "NAME", description = "Its display name, e.g. HubSpot.")
        String displayName;

        @Option(names = "--connector", required = true, paramLabel = "CONNECTOR", description = "e.g. hubspot.")
        String connector;

        @Option(names = "--disabled", description = "Store it disabled: it does not run until enabled.")
        boolean disabled;

        @Override
        void execute() {
            Connection.Builder connection = Connection.newBuilder()
                    .setDisplayName(displayName)
                    .setConnector(connector.startsWith("connectors/") ? connector : "connectors/" + connector)
                    .putAllConfig(set)
                    .putAllSecretRefs(secrets)
                    .setDirection(directionValue())
                    .setEnabled(!disabled);
            Integer every = everyMinutes();
            if (every != null) {
                connection.setEveryMinutes(every);
            }
            Connection created = syncService()
                    .createConnection(CreateConnectionRequest.newBuilder()
                            .setConnection(connection)
                            .build());
            print(created, this);
        }
    }

    @Command(name = "list", description = "List the connections by display name.")
    static final class ListConnections extends RpcCommand {
        @Override
        void execute() {
            List<Connection> all = all(this);
            if (json()) {
                all.forEach(c -> ProtoJson.printLine(c, out()));
                return;
            }
            TableFormatter table = new TableFormatter(
                    "NAME", "DISPLAY NAME", "CONNECTOR", "SCHEDULE", "DIRECTION", "ENABLED", "LAST RUN");
            for (Connection c : all) {
                table.addRow(
                        c.getName(),
                        c.getDisplayName(),
                        connector(c),
                        schedule(c),
                        direction(c),
                        c.getEnabled() ? "yes" : "no",
                        c.getLastRun());
            }
            table.printTo(out());
        }
    }

    @Command(name = "get", description = "Show a connection: its settings, secret references, cursor and last run.")
    static final class Get extends RpcCommand {
        @Parameters(paramLabel = "NAME", description = "Display name or connections/{id}.")
        String name;

        @Override
        void execute() {
            print(
                    syncService()
                            .getConnection(GetConnectionRequest.newBuilder()
                                    .setName(resolve(this, name))
                                    .build()),
                    this);
        }
    }

    @Command(
            name = "update",
            description = "Change a connection. --set and --unset change single settings and keep the others;"
                    + " the change is refused (ABORTED) if someone else changed it meanwhile.")
    static final class Update extends Settings {
        @Parameters(paramLabel = "NAME", description = "Display name or connections/{id}.")
        String name;

        @Option(names = "--display-name", paramLabel = "NEW", description = "A new display name.")
        String newDisplayName;

        @Option(names = "--unset", paramLabel = "KEY", description = "Remove a setting or a secret reference.")
        List<String> unset = new ArrayList<>();

        @Option(names = "--enable", description = "Let it run.")
        boolean enable;

        @Option(names = "--disable", description = "Stop it from running, by schedule or by hand.")
        boolean disable;

        @Override
        void execute() {
            if (enable && disable) {
                throw usageError("--enable and --disable exclude each other");
            }
            Connection current = syncService()
                    .getConnection(GetConnectionRequest.newBuilder()
                            .setName(resolve(this, name))
                            .build());
            Connection.Builder changes =
                    Connection.newBuilder().setName(current.getName()).setEtag(current.getEtag());
            List<String> mask = new ArrayList<>();
            if (newDisplayName != null) {
                changes.setDisplayName(newDisplayName);
                mask.add("display_name");
            }
            Map<String, String> config = new TreeMap<>(current.getConfigMap());
            Map<String, String> refs = new TreeMap<>(current.getSecretRefsMap());
            config.putAll(set);
            refs.putAll(secrets);
            unset.forEach(key -> {
                config.remove(key);
                refs.remove(key);
            });
            if (!config.equals(current.getConfigMap())) {
                changes.putAllConfig(config);
                mask.add("config");
            }
            if (!refs.equals(current.getSecretRefsMap())) {
                changes.putAllSecretRefs(refs);
                mask.add("secret_refs");
            }
            Integer every = everyMinutes();
            if (every != null) {
                changes.setEveryMinutes(every);
                mask.add("every_minutes");
            }
            if (direction != null) {
                changes.setDirection(directionValue());
                mask.add("direction");
            }
            if (enable || disable) {
                changes.setEnabled(enable);
                mask.add("enabled");
            }
            if (mask.isEmpty()) {
                throw usageError("Nothing to change: give --display-name, --set, --unset, --secret, --every,"
                        + " --manual, --direction, --enable or --disable");
            }
            print(
                    syncService()
                            .updateConnection(UpdateConnectionRequest.newBuilder()
                                    .setConnection(changes)
                                    .setUpdateMask(FieldMask.newBuilder().addAllPaths(mask))
                                    .build()),
                    this);
        }
    }

    @Command(name = "delete", description = "Delete a connection and its cursor; its runs stay listed.")
    static final class Delete extends RpcCommand {
        @Parameters(paramLabel = "NAME", description = "Display name or connections/{id}.")
        String name;

        @Override
        void execute() {
            String resourceName = resolve(this, name);
            syncService()
                    .deleteConnection(DeleteConnectionRequest.newBuilder()
                            .setName(resourceName)
                            .build());
            if (json()) {
                out().println(CliErrors.JSON
                        .objectNode()
                        .put("deleted", resourceName)
                        .toPrettyString());
            } else {
                out().println("Deleted " + resourceName);
            }
        }
    }

    @Command(
            name = "test",
            description = "Check that the connection reaches its system: its secrets resolved on the server and"
                    + " one cheap authenticated call. Exits 1 when there are problems.")
    static final class Test extends RpcCommand {
        @Parameters(paramLabel = "NAME", description = "Display name or connections/{id}.")
        String name;

        @Override
        void execute() {
            TestConnectionResponse result = syncService()
                    .testConnection(TestConnectionRequest.newBuilder()
                            .setName(resolve(this, name))
                            .build());
            if (json()) {
                ProtoJson.print(result, out());
                if (result.getProblemsCount() > 0) {
                    exitWith(EXIT_RPC_FAILED);
                }
                return;
            }
            if (result.getProblemsCount() == 0) {
                out().println("OK: " + name + " reaches its system");
                return;
            }
            for (ConfigProblem problem : result.getProblemsList()) {
                err().println(problem.getKey() + ": " + problem.getMessage());
            }
            exitWith(EXIT_RPC_FAILED);
        }
    }

    @Command(
            name = "run",
            description = "Run the connection's sync now, from its cursor, showing progress."
                    + " Ctrl-C ends the run after its current batch, keeping what it stored.")
    static final class Run extends RpcCommand {
        @Parameters(paramLabel = "NAME", description = "Display name or connections/{id}.")
        String name;

        @Override
        void execute() {
            PrintWriter err = err();
            RunConnectionRequest request = RunConnectionRequest.newBuilder()
                    .setName(resolve(this, name))
                    .build();
            CompletableFuture<SyncRun> done = new CompletableFuture<>();
            AtomicReference<ClientCallStreamObserver<RunConnectionRequest>> call = new AtomicReference<>();
            boolean terminal = environment().errTerminal();
            ProgressBar syncing = Progress.start("Syncing " + name, -1, " records", 1, err, terminal);
            syncStreams().runConnection(request, new ClientResponseObserver<RunConnectionRequest, SyncRun>() {
                private SyncRun last;

                @Override
                public void beforeStart(ClientCallStreamObserver<RunConnectionRequest> requestStream) {
                    call.set(requestStream);
                }

                @Override
                public void onNext(SyncRun run) {
                    last = run;
                    syncing.stepTo(run.getCounts().getRead());
                }

                @Override
                public void onError(Throwable failure) {
                    done.completeExceptionally(failure);
                }

                @Override
                public void onCompleted() {
                    done.complete(last);
                }
            });
            Thread cancelOnExit = new Thread(
                    () -> {
                        if (!done.isDone() && call.get() != null) {
                            call.get().cancel("cancelled by the user", null);
                            err.println();
                            err.println("Run cancelled: the server keeps what it stored and stops after its current"
                                    + " batch; the next run goes on from there.");
                            err.flush();
                        }
                    },
                    "hearth-run-cancel");
            Runtime.getRuntime().addShutdownHook(cancelOnExit);
            SyncRun run;
            try {
                run = done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                syncing.close();
                if (terminal) {
                    err.println();
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(cancelOnExit);
                } catch (IllegalStateException exiting) {
                    // the hook is running: Ctrl-C came as the run ended
                }
            }
            if (json()) {
                ProtoJson.print(run, out());
                if (run.getState() != SyncRunState.SYNC_RUN_STATE_SUCCEEDED) {
                    out().flush();
                    CliErrors.printJson(
                            CliErrors.JSON
                                    .objectNode()
                                    .put("code", "RUN_" + run.getState().name().replaceFirst("^SYNC_RUN_STATE_", ""))
                                    .put("message", run.getError())
                                    .put("run", run.getName()),
                            err);
                    exitWith(EXIT_RPC_FAILED);
                }
                return;
            }
            SyncCounts c = run.getCounts();
            new TableFormatter(
                            "RUN",
                            "READ",
                            "CREATED",
                            "UPDATED",
                            "UNCHANGED",
                            "MERGED",
                            "REJECTED",
                            "ARCHIVED",
                            "WRITTEN BACK",
                            "STATE")
                    .addRow(
                            run.getName(),
                            Long.toString(c.getRead()),
                            Long.toString(c.getCreated()),
                            Long.toString(c.getUpdated()),
                            Long.toString(c.getUnchanged()),
                            Long.toString(c.getMerged()),
                            Long.toString(c.getRejected()),
                            Long.toString(c.getArchived()),
                            SyncRunsCommand.writtenBack(c),
                            SyncRunsCommand.state(run))
                    .printTo(out());
            if (run.getState() != SyncRunState.SYNC_RUN_STATE_SUCCEEDED) {
                out().flush();
                err.println("Run " + SyncRunsCommand.state(run) + ": " + run.getError());
                exitWith(EXIT_RPC_FAILED);
            }
        }
    }

    /** Every connection, page after page. */
    static List<Connection> all(RpcCommand command) {
        List<Connection> all = new ArrayList<>();
        String token = "";
        do {
            ListConnectionsResponse page = command.syncService()
                    .listConnections(ListConnectionsRequest.newBuilder()
                            .setPageSize(1000)
                            .setPageToken(token)
                            .build());
            all.addAll(page.getConnectionsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return all;
    }

    /** The resource name of the connection {@code name} names: itself, or the one with that display name. */
    static String resolve(RpcCommand command, String name) {
        if (name.startsWith(COLLECTION)) {
            return name;
        }
        return all(command).stream()
                .filter(c -> c.getDisplayName().equals(name.strip()))
                .map(Connection::getName)
                .findFirst()
                .orElseThrow(() -> command.usageError(
                        "No connection is named " + name + "; 'hearth connections list' shows them"));
    }

    static void print(Connection c, RpcCommand command) {
        PrintWriter out = command.out();
        if (command.json()) {
            ProtoJson.print(c, out);
            return;
        }
        out.println("name:         " + c.getName());
        out.println("display name: " + c.getDisplayName());
        out.println("connector:    " + connector(c));
        out.println("schedule:     " + schedule(c));
        out.println("direction:    " + direction(c));
        out.println("enabled:      " + (c.getEnabled() ? "yes" : "no"));
        new TreeMap<>(c.getConfigMap()).forEach((k, v) -> out.println("set:          " + k + "=" + v));
        new TreeMap<>(c.getSecretRefsMap()).forEach((k, v) -> out.println("secret:       " + k + "=" + v));
        out.println("next run:     "
                + (c.hasNextRunTime()
                        ? java.time.Instant.ofEpochSecond(c.getNextRunTime().getSeconds())
                                .toString()
                        : ""));
        out.println("cursor:       " + c.getCursor());
        out.println("last run:     " + c.getLastRun());
        out.println("etag:         " + c.getEtag());
    }

    private static String connector(Connection c) {
        return c.getConnector().replaceFirst("^connectors/", "");
    }

    private static String schedule(Connection c) {
        return c.getEveryMinutes() == 0
                ? "manual"
                : "every " + DurationText.format(Duration.ofMinutes(c.getEveryMinutes()));
    }

    private static String direction(Connection c) {
        return c.getDirection().name().replaceFirst("^" + DIRECTION, "").toLowerCase(Locale.ROOT);
    }
}
