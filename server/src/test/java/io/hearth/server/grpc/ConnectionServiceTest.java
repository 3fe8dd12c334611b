package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.assertCode;
import static io.hearth.server.grpc.GrpcAssertions.assertInvalid;
import static io.hearth.server.grpc.GrpcAssertions.errorReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.proto.v1.ConfigProblem;
import io.hearth.proto.v1.Connection;
import io.hearth.proto.v1.ConnectionDirection;
import io.hearth.proto.v1.CreateConnectionRequest;
import io.hearth.proto.v1.DeleteConnectionRequest;
import io.hearth.proto.v1.GetConnectionRequest;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListConnectionsRequest;
import io.hearth.proto.v1.ListConnectionsResponse;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListSyncRunsRequest;
import io.hearth.proto.v1.RunConnectionRequest;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import io.hearth.proto.v1.SyncServiceGrpc;
import io.hearth.proto.v1.TestConnectionRequest;
import io.hearth.proto.v1.UpdateConnectionRequest;
import io.hearth.server.FakeCrmPlugin;
import io.hearth.server.InProcessHearth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection RPCs end to end inside one JVM: the server's wiring, a fake CRM installed as a
 * plugin (three people; a check that accepts only the token "right"), secrets in files.
 */
class ConnectionServiceTest {
    @TempDir
    Path dataDir;

    private InProcessHearth hearth;
    private SyncServiceGrpc.SyncServiceBlockingStub sync;
    private Path token;

    @BeforeEach
    void start() throws Exception {
        FakeCrmPlugin.writeTo(dataDir);
        token = dataDir.resolve("crm-token");
        Files.writeString(token, "right\n");
        hearth = new InProcessHearth(Clock.systemUTC(), dataDir);
        sync = SyncServiceGrpc.newBlockingStub(hearth.channel());
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    private Connection.Builder crm(String displayName) {
        return Connection.newBuilder()
                .setDisplayName(displayName)
                .setConnector("connectors/fakecrm")
                .putConfig("label", "main")
                .putSecretRefs("token", "file:" + token)
                .setEveryMinutes(15);
    }

    private Connection create(Connection.Builder connection) {
        return sync.createConnection(
                CreateConnectionRequest.newBuilder().setConnection(connection).build());
    }

    private SyncRun run(String name) {
        Iterator<SyncRun> stream = sync.runConnection(
                RunConnectionRequest.newBuilder().setName(name).build());
        List<SyncRun> all = new ArrayList<>();
        stream.forEachRemaining(all::add);
        assertThat(all).as("progress, then the end").hasSizeGreaterThan(1);
        return all.get(all.size() - 1);
    }

    @Test
    void aConnectionIsCreatedReadListedAndShowsItsReferenceNeverTheSecret() {
        Connection created = create(crm("HubSpot"));

        assertThat(created.getName()).startsWith("connections/");
        assertThat(created.getConnector()).isEqualTo("connectors/fakecrm");
        assertThat(created.getSecretRefsMap()).containsEntry("token", "file:" + token);
        assertThat(created.toString()).doesNotContain("right");
        assertThat(created.getDirection()).isEqualTo(ConnectionDirection.CONNECTION_DIRECTION_READ);
        assertThat(created.getEnabled()).isTrue();
        assertThat(created.getEveryMinutes()).isEqualTo(15);
        assertThat(sync.getConnection(GetConnectionRequest.newBuilder()
                        .setName(created.getName())
                        .build()))
                .isEqualTo(created);
        create(crm("Another"));
        ListConnectionsResponse page = sync.listConnections(
                ListConnectionsRequest.newBuilder().setPageSize(1).build());
        assertThat(page.getConnections(0).getDisplayName()).isEqualTo("Another");
        assertThat(sync.listConnections(ListConnectionsRequest.newBuilder()
                                .setPageToken(page.getNextPageToken())
                                .build())
                        .getConnectionsList())
                .extracting(Connection::getDisplayName)
                .containsExactly("HubSpot");
    }

    @Test
    void everyInvalidRequestNamesItsField() {
        assertInvalid(() -> sync.createConnection(CreateConnectionRequest.getDefaultInstance()), "connection");
        assertInvalid(() -> create(crm("")), "connection.display_name");
        assertInvalid(() -> create(crm("x").setConnector("connectors/nope")), "connection.connector");
        assertInvalid(() -> create(crm("x").putConfig("token", "right")), "connection.config.token");
        assertInvalid(() -> create(crm("x").putSecretRefs("token", "right")), "connection.secret_refs.token");
        assertInvalid(() -> create(crm("x").putSecretRefs("label", "env:X")), "connection.secret_refs.label");
        assertInvalid(() -> create(crm("x").putConfig("page_size", "many")), "connection.config.page_size");
        assertInvalid(() -> create(crm("x").removeSecretRefs("token")), "connection.secret_refs.token");
        assertInvalid(() -> create(crm("x").setEveryMinutes(0 - 5)), "connection.every_minutes");
        assertInvalid(() -> create(crm("x").setEveryMinutes(10081)), "connection.every_minutes");
        assertInvalid(
                () -> create(crm("x").setDirection(ConnectionDirection.CONNECTION_DIRECTION_WRITE)),
                "connection.direction");
        assertInvalid(() -> create(crm("x").setDirectionValue(42)), "connection.direction");
        assertInvalid(
                () -> sync.getConnection(
                        GetConnectionRequest.newBuilder().setName("leads/1").build()),
                "name");
        assertInvalid(
                () -> sync.listConnections(
                        ListConnectionsRequest.newBuilder().setPageToken("x").build()),
                "page_token");
        Connection created = create(crm("HubSpot"));
        assertInvalid(
                () -> sync.updateConnection(UpdateConnectionRequest.newBuilder()
                        .setConnection(Connection.newBuilder().setName(created.getName()))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("connector"))
                        .build()),
                "update_mask");
        assertInvalid(
                () -> sync.updateConnection(UpdateConnectionRequest.newBuilder()
                        .setConnection(Connection.newBuilder().setName("connections/x"))
                        .build()),
                "connection.name");
        assertInvalid(
                () -> sync.listSyncRuns(
                        ListSyncRunsRequest.newBuilder().setConnection("x").build()),
                "connection");
    }

    @Test
    void aTakenDisplayNameIsAlreadyExistsAndAnUnknownConnectionNotFound() {
        create(crm("HubSpot"));

        assertCode(() -> create(crm("HubSpot")), Status.Code.ALREADY_EXISTS);
        assertCode(
                () -> sync.getConnection(GetConnectionRequest.newBuilder()
                        .setName("connections/01a19b7c-a683-7cd0-b300-04ba774f43b0")
                        .build()),
                Status.Code.NOT_FOUND);
    }

    @Test
    void anUpdateTakesItsMaskAndAStaleEtagIsAborted() {
        Connection created = create(crm("HubSpot"));

        Connection updated = sync.updateConnection(UpdateConnectionRequest.newBuilder()
                .setConnection(Connection.newBuilder()
                        .setName(created.getName())
                        .setEtag(created.getEtag())
                        .setDisplayName("Renamed")
                        .setEnabled(false))
                .build());

        assertThat(updated.getDisplayName()).isEqualTo("Renamed");
        assertThat(updated.getEnabled()).isFalse();
        assertThat(updated.getEveryMinutes()).isEqualTo(15);
        assertThat(updated.getConfigMap()).isEqualTo(created.getConfigMap());
        assertCode(
                () -> sync.updateConnection(UpdateConnectionRequest.newBuilder()
                        .setConnection(Connection.newBuilder()
                                .setName(created.getName())
                                .setEtag(created.getEtag())
                                .setDisplayName("Again"))
                        .build()),
                Status.Code.ABORTED);
        Connection manual = sync.updateConnection(UpdateConnectionRequest.newBuilder()
                .setConnection(Connection.newBuilder().setName(created.getName()))
                .setUpdateMask(FieldMask.newBuilder().addPaths("every_minutes"))
                .build());
        assertThat(manual.getEveryMinutes()).isZero();
    }

    @Test
    void aTestReportsTheRefusedSecretUnderItsKeyAndAMissingFileIsAFailedPrecondition() throws Exception {
        Connection created = create(crm("HubSpot"));
        TestConnectionRequest test =
                TestConnectionRequest.newBuilder().setName(created.getName()).build();

        assertThat(sync.testConnection(test).getProblemsList()).isEmpty();
        Files.writeString(token, "wrong");
        assertThat(sync.testConnection(test).getProblemsList())
                .containsExactly(ConfigProblem.newBuilder()
                        .setKey("secret_refs.token")
                        .setMessage("the CRM refused the token")
                        .build());
        Files.delete(token);
        assertThatThrownBy(() -> sync.testConnection(test)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(errorReason(e)).isEqualTo("SECRET_UNAVAILABLE");
            assertThat(e.getStatus().getDescription()).contains("secret_refs.token", token.toString());
        });
    }

    @Test
    void aRunStreamsProgressStoresThePeopleAndTheNextRunResumesFromTheCursor() {
        Connection created = create(crm("HubSpot"));

        SyncRun first = run(created.getName());
        SyncRun second = run(created.getName());

        assertThat(first.getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_SUCCEEDED);
        assertThat(first.getCounts().getCreated()).isEqualTo(3);
        assertThat(first.getSource()).contains("token=***").doesNotContain("right");
        assertThat(second.getStartCursor()).isEqualTo("3");
        assertThat(second.getCounts().getRead()).isZero();
        assertThat(LeadServiceGrpc.newBlockingStub(hearth.channel())
                        .listLeads(ListLeadsRequest.getDefaultInstance())
                        .getLeadsCount())
                .isEqualTo(3);
        Connection after = sync.getConnection(
                GetConnectionRequest.newBuilder().setName(created.getName()).build());
        assertThat(after.getCursor()).isEqualTo("3");
        assertThat(after.getLastRun()).isEqualTo(second.getName());
        assertThat(sync.listSyncRuns(ListSyncRunsRequest.newBuilder()
                                .setConnection(created.getName())
                                .build())
                        .getSyncRunsList())
                .extracting(SyncRun::getName)
                .containsExactly(second.getName(), first.getName());
    }

    @Test
    void aDeletedConnectionIsGoneAndADisabledOneDoesNotRun() {
        Connection created = create(crm("HubSpot").setEnabled(false));

        assertThatThrownBy(() -> run(created.getName())).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(errorReason(e)).isEqualTo("CONNECTION_DISABLED");
        });
        assertCode(
                () -> sync.deleteConnection(DeleteConnectionRequest.newBuilder()
                        .setName(created.getName())
                        .setEtag("\"7\"")
                        .build()),
                Status.Code.ABORTED);
        sync.deleteConnection(
                DeleteConnectionRequest.newBuilder().setName(created.getName()).build());
        assertCode(
                () -> sync.getConnection(GetConnectionRequest.newBuilder()
                        .setName(created.getName())
                        .build()),
                Status.Code.NOT_FOUND);
    }
}
