package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.ConfigProblem;
import io.hearth.proto.v1.Connection;
import io.hearth.proto.v1.ConnectionDirection;
import io.hearth.proto.v1.CreateConnectionRequest;
import io.hearth.proto.v1.DeleteConnectionRequest;
import io.hearth.proto.v1.GetConnectionRequest;
import io.hearth.proto.v1.ListConnectionsRequest;
import io.hearth.proto.v1.ListConnectionsResponse;
import io.hearth.proto.v1.ListSyncRunsRequest;
import io.hearth.proto.v1.ListSyncRunsResponse;
import io.hearth.proto.v1.RunConnectionRequest;
import io.hearth.proto.v1.SyncCounts;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import io.hearth.proto.v1.SyncServiceGrpc;
import io.hearth.proto.v1.TestConnectionRequest;
import io.hearth.proto.v1.TestConnectionResponse;
import io.hearth.proto.v1.UpdateConnectionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connections commands against a scripted SyncService holding connections in memory. */
class ConnectionsCommandTest {
    private static final String ID = "connections/01a19b7c-a683-7cd0-b300-04ba774f43b0";

    private final ScriptedConnections service = new ScriptedConnections();
    private final String serverName = InProcessServerBuilder.generateName();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private Server server;

    @BeforeEach
    void start() throws Exception {
        server = InProcessServerBuilder.forName(serverName)
                .directExecutor()
                .addService(service)
                .build()
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        channels.forEach(ManagedChannel::shutdownNow);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private CliResult run(String... args) {
        return CliResult.run(
                (target, credentials) -> {
                    ManagedChannel channel = InProcessChannelBuilder.forName(serverName)
                            .directExecutor()
                            .build();
                    channels.add(channel);
                    return channel;
                },
                args);
    }

    private CliResult createHubSpot() {
        return run(
                "connections",
                "create",
                "HubSpot",
                "--connector",
                "hubspot",
                "--set",
                "base_url=http://127.0.0.1:9",
                "--secret",
                "token=env:HUBSPOT_TOKEN",
                "--every",
                "1h30m",
                "--direction",
                "both");
    }

    @Test
    void createSendsTheSettingsTheReferenceAndTheScheduleAndPrintsTheConnection() {
        CliResult result = createHubSpot();

        assertThat(result.exitCode()).as(result.err()).isZero();
        Connection sent = service.created;
        assertThat(sent.getDisplayName()).isEqualTo("HubSpot");
        assertThat(sent.getConnector()).isEqualTo("connectors/hubspot");
        assertThat(sent.getConfigMap()).containsExactly(Map.entry("base_url", "http://127.0.0.1:9"));
        assertThat(sent.getSecretRefsMap()).containsExactly(Map.entry("token", "env:HUBSPOT_TOKEN"));
        assertThat(sent.getEveryMinutes()).isEqualTo(90);
        assertThat(sent.getDirection()).isEqualTo(ConnectionDirection.CONNECTION_DIRECTION_BOTH);
        assertThat(sent.getEnabled()).isTrue();
        assertThat(result.out())
                .contains("name:         " + ID)
                .contains("schedule:     every 1h30m")
                .contains("secret:       token=env:HUBSPOT_TOKEN");
    }

    @Test
    void aScheduleInSecondsOrAnUnknownDirectionIsAUsageError() {
        CliResult seconds = run("connections", "create", "X", "--connector", "hubspot", "--every", "90s");
        CliResult both = run("connections", "create", "X", "--connector", "hubspot", "--every", "1m", "--manual");
        CliResult direction = run("connections", "create", "X", "--connector", "hubspot", "--direction", "up");

        assertThat(seconds.exitCode()).isEqualTo(2);
        assertThat(seconds.err()).contains("whole minutes");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(direction.exitCode()).isEqualTo(2);
        assertThat(direction.err()).contains("read, write or both");
        assertThat(service.created).isNull();
    }

    @Test
    void listGetAndDeleteFindTheConnectionByItsDisplayName() {
        createHubSpot();

        CliResult list = run("connections", "list");
        CliResult get = run("connections", "get", "HubSpot");
        CliResult delete = run("connections", "delete", "HubSpot");
        CliResult unknown = run("connections", "get", "Salesforce");

        assertThat(list.out())
                .contains("NAME", "DISPLAY NAME", "LAST RUN")
                .contains(ID + "  HubSpot       hubspot    every 1h30m  both");
        assertThat(get.out()).contains("display name: HubSpot");
        assertThat(delete.out()).contains("Deleted " + ID);
        assertThat(service.deleted).isEqualTo(ID);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("No connection is named Salesforce");
    }

    @Test
    void updateChangesOneSettingKeepsTheOthersAndSendsTheMaskAndTheEtag() {
        createHubSpot();

        CliResult result = run(
                "connections",
                "update",
                ID,
                "--set",
                "owner_property=hearth_owner",
                "--unset",
                "base_url",
                "--manual",
                "--disable");

        assertThat(result.exitCode()).as(result.err()).isZero();
        UpdateConnectionRequest sent = service.updated;
        assertThat(sent.getUpdateMask().getPathsList()).containsExactly("config", "every_minutes", "enabled");
        assertThat(sent.getConnection().getEtag()).isEqualTo("\"1\"");
        assertThat(sent.getConnection().getConfigMap()).containsExactly(Map.entry("owner_property", "hearth_owner"));
        assertThat(sent.getConnection().getEveryMinutes()).isZero();
        assertThat(sent.getConnection().getEnabled()).isFalse();
        assertThat(run("connections", "update", ID).exitCode()).isEqualTo(2);
    }

    @Test
    void testPrintsOkOrEachProblemAndExitsOneOnProblems() {
        createHubSpot();

        CliResult ok = run("connections", "test", "HubSpot");
        service.problems = List.of(ConfigProblem.newBuilder()
                .setKey("secret_refs.token")
                .setMessage("the HubSpot token lacks the crm.objects.contacts.read scope")
                .build());
        CliResult refused = run("connections", "test", "HubSpot");

        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("OK");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .contains("secret_refs.token: the HubSpot token lacks the crm.objects.contacts.read scope");
    }

    @Test
    void runShowsProgressAndTheSummaryAndAFailedRunExitsOne() {
        createHubSpot();

        CliResult done = run("connections", "run", "HubSpot");
        service.runFails = "the HubSpot token lacks the crm.objects.contacts.read scope";
        CliResult failed = run("connections", "run", "HubSpot");

        assertThat(done.exitCode()).as(done.err()).isZero();
        assertThat(service.ran).isEqualTo(ID);
        assertThat(done.err())
                .contains("Syncing HubSpot")
                .contains(" 5/? records")
                .doesNotContain("\r");
        assertThat(done.out())
                .contains("ARCHIVED  WRITTEN BACK")
                .contains("syncRuns/1  5     4        0")
                .contains("1         4 people, 1 touch (1 failed)  succeeded");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("Run failed: the HubSpot token lacks");
    }

    @Test
    void syncRunsCanListOneConnectionsRuns() {
        createHubSpot();

        CliResult result = run("sync", "runs", "--connection", "HubSpot");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(service.runsOf).isEqualTo(ID);
    }

    @Test
    void aServerErrorIsReportedAndExitsOne() {
        service.createFails =
                Status.INVALID_ARGUMENT.withDescription("connection.secret_refs.token: must be a reference");

        CliResult result = createHubSpot();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("must be a reference");
    }

    /** Keeps the connections it is given, one at a time, and records what the commands sent. */
    private static final class ScriptedConnections extends SyncServiceGrpc.SyncServiceImplBase {
        final Map<String, Connection> stored = new TreeMap<>();
        Connection created;
        UpdateConnectionRequest updated;
        String deleted;
        String ran;
        String runsOf;
        String runFails;
        Status createFails;
        List<ConfigProblem> problems = List.of();

        @Override
        public void createConnection(CreateConnectionRequest request, StreamObserver<Connection> response) {
            if (createFails != null) {
                response.onError(createFails.asRuntimeException());
                return;
            }
            created = request.getConnection();
            Connection connection =
                    created.toBuilder().setName(ID).setEtag("\"1\"").build();
            stored.put(ID, connection);
            response.onNext(connection);
            response.onCompleted();
        }

        @Override
        public void getConnection(GetConnectionRequest request, StreamObserver<Connection> response) {
            Connection connection = stored.get(request.getName());
            if (connection == null) {
                response.onError(Status.NOT_FOUND.asRuntimeException());
                return;
            }
            response.onNext(connection);
            response.onCompleted();
        }

        @Override
        public void listConnections(ListConnectionsRequest request, StreamObserver<ListConnectionsResponse> response) {
            response.onNext(ListConnectionsResponse.newBuilder()
                    .addAllConnections(stored.values())
                    .build());
            response.onCompleted();
        }

        @Override
        public void updateConnection(UpdateConnectionRequest request, StreamObserver<Connection> response) {
            updated = request;
            response.onNext(stored.get(request.getConnection().getName()));
            response.onCompleted();
        }

        @Override
        public void deleteConnection(DeleteConnectionRequest request, StreamObserver<Empty> response) {
            deleted = request.getName();
            stored.remove(deleted);
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void testConnection(TestConnectionRequest request, StreamObserver<TestConnectionResponse> response) {
            response.onNext(
                    TestConnectionResponse.newBuilder().addAllProblems(problems).build());
            response.onCompleted();
        }

        @Override
        public void runConnection(RunConnectionRequest request, StreamObserver<SyncRun> response) {
            ran = request.getName();
            SyncRun.Builder run = SyncRun.newBuilder()
                    .setName("syncRuns/1")
                    .setState(SyncRunState.SYNC_RUN_STATE_RUNNING)
                    .setCounts(SyncCounts.newBuilder().setRead(2).setCreated(2));
            response.onNext(run.build());
            if (runFails != null) {
                run.setState(SyncRunState.SYNC_RUN_STATE_FAILED).setError(runFails);
            } else {
                run.setState(SyncRunState.SYNC_RUN_STATE_SUCCEEDED)
                        .setCounts(SyncCounts.newBuilder()
                                .setRead(5)
                                .setCreated(4)
                                .setArchived(1)
                                .setPeopleWritten(4)
                                .setTouchesWritten(1)
                                .setTouchesFailed(1)
                                .setRejected(1));
            }
            response.onNext(run.build());
            response.onCompleted();
        }

        @Override
        public void listSyncRuns(ListSyncRunsRequest request, StreamObserver<ListSyncRunsResponse> response) {
            runsOf = request.getConnection();
            response.onNext(ListSyncRunsResponse.getDefaultInstance());
            response.onCompleted();
        }
    }
}
