package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.AdminServiceGrpc;
import io.hearth.proto.v1.ApiToken;
import io.hearth.proto.v1.AuditEntry;
import io.hearth.proto.v1.CreateTokenRequest;
import io.hearth.proto.v1.CreateTokenResponse;
import io.hearth.proto.v1.FieldChange;
import io.hearth.proto.v1.ListAuditEntriesRequest;
import io.hearth.proto.v1.ListAuditEntriesResponse;
import io.hearth.proto.v1.ListTokensRequest;
import io.hearth.proto.v1.ListTokensResponse;
import io.hearth.proto.v1.RevokeTokenRequest;
import io.hearth.proto.v1.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code hearth admin tokens ...} and {@code --token} against a recording AdminService. */
class AdminCommandsTest {
    private static final String SECRET = "hth_the-new-token-only-shown-once-0123456789ab";
    private static final String CALLER = "hth_the-callers-own-admin-token-0123456789";
    private static final Timestamp CREATED =
            Timestamp.newBuilder().setSeconds(1_796_000_000).build();

    private final String serverName = InProcessServerBuilder.generateName();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<Object> requests = new CopyOnWriteArrayList<>();
    private Status refuseWith;
    private Server server;

    @BeforeEach
    void start() throws Exception {
        ServerInterceptor recordHeader = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                String header = headers.get(BearerToken.AUTHORIZATION);
                authorizations.add(header == null ? "<none>" : header);
                return next.startCall(call, headers);
            }
        };
        server = InProcessServerBuilder.forName(serverName)
                .directExecutor()
                .addService(ServerInterceptors.intercept(new RecordingAdminService(), recordHeader))
                .build()
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(
                (target, credentials) -> InProcessChannelBuilder.forName(serverName)
                        .directExecutor()
                        .build(),
                Clock.systemUTC(),
                false,
                Duration.ofSeconds(1),
                Duration.ofMillis(1));
        int exitCode = HearthCli.run(args, new PrintWriter(out), new PrintWriter(err), environment);
        return new CliResult(exitCode, out.toString(), err.toString());
    }

    @Test
    void createSendsTheRequestAndPrintsTheTokenOnceWithAWarning() {
        CliResult result = run(
                "admin",
                "tokens",
                "create",
                "--user",
                "alice",
                "--role",
                "rep",
                "--team",
                "east",
                "--expires-in",
                "90d",
                "--token",
                CALLER);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(CreateTokenRequest.newBuilder()
                        .setUser("alice")
                        .setRole(Role.ROLE_REP)
                        .setTeam("east")
                        .setExpiresIn(com.google.protobuf.Duration.newBuilder().setSeconds(90L * 86_400))
                        .build());
        assertThat(result.out()).contains("alice (rep, team east").containsOnlyOnce(SECRET);
        assertThat(result.err()).contains("will not be shown again").doesNotContain(SECRET);
        assertThat(authorizations).containsExactly("Bearer " + CALLER);
        assertThat(result.out() + result.err()).doesNotContain(CALLER);
    }

    @Test
    void auditAsksForTheResourceAndUserAndShowsEachChange() {
        CliResult result = run("admin", "audit", "--resource", "leads/l1", "--user", "alice", "--limit", "5");

        assertThat(result.exitCode()).as(result.err()).isZero();
        ListAuditEntriesRequest sent = (ListAuditEntriesRequest) requests.get(0);
        assertThat(sent.getResource()).isEqualTo("leads/l1");
        assertThat(sent.getUser()).isEqualTo("alice");
        assertThat(sent.getPageSize()).isEqualTo(5);
        assertThat(result.out())
                .contains("alice")
                .contains("leads/l1")
                .contains("email: ada@example.com -> ada@engines.example")
                .contains("notes: (empty) -> met");
        assertThat(run("admin", "audit", "--limit", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void theTokenComesFromTheOptionOrNowhereAndIsNeverPrinted() {
        run("admin", "tokens", "list");
        assertThat(authorizations).isNotEmpty().containsOnly("<none>");

        refuseWith = Status.UNAUTHENTICATED.withDescription("the token is not valid");
        CliResult refused = run("admin", "tokens", "list", "--token", CALLER);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("UNAUTHENTICATED").doesNotContain(CALLER);
        assertThat(run("--help").out()).doesNotContain(CALLER);
    }

    @Test
    void listPrintsEveryPageWithoutTokensAndRevokeNamesTheToken() {
        CliResult list = run("admin", "tokens", "list", "--token", CALLER);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("ID", "USER", "t1", "t2", "alice", "bob", "manager", "never");
        assertThat(requests).hasSize(2);

        CliResult revoke = run("admin", "tokens", "revoke", "t1", "--token", CALLER);
        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        assertThat(requests.get(2))
                .isEqualTo(RevokeTokenRequest.newBuilder().setName("tokens/t1").build());
        assertThat(revoke.out()).startsWith("revoked token t1 of alice");
    }

    @Test
    void anUnknownRoleIsAUsageError() {
        CliResult result = run("admin", "tokens", "create", "--user", "alice", "--role", "boss");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(requests).isEmpty();
    }

    private final class RecordingAdminService extends AdminServiceGrpc.AdminServiceImplBase {
        private static ApiToken token(String id, String user, Role role) {
            return ApiToken.newBuilder()
                    .setName("tokens/" + id)
                    .setUser(user)
                    .setRole(role)
                    .setTeam("east")
                    .setCreateTime(CREATED)
                    .setCreatedBy("admin")
                    .build();
        }

        private boolean refused(StreamObserver<?> response) {
            if (refuseWith != null) {
                response.onError(refuseWith.asRuntimeException());
                return true;
            }
            return false;
        }

        @Override
        public void createToken(CreateTokenRequest request, StreamObserver<CreateTokenResponse> response) {
            requests.add(request);
            if (refused(response)) {
                return;
            }
            response.onNext(CreateTokenResponse.newBuilder()
                    .setApiToken(token("t9", request.getUser(), request.getRole()).toBuilder()
                            .setExpireTime(Timestamp.newBuilder().setSeconds(1_800_000_000)))
                    .setToken(SECRET)
                    .build());
            response.onCompleted();
        }

        @Override
        public void listTokens(ListTokensRequest request, StreamObserver<ListTokensResponse> response) {
            requests.add(request);
            if (refused(response)) {
                return;
            }
            ListTokensResponse page = request.getPageToken().isEmpty()
                    ? ListTokensResponse.newBuilder()
                            .addApiTokens(token("t1", "alice", Role.ROLE_REP))
                            .setNextPageToken("p2")
                            .build()
                    : ListTokensResponse.newBuilder()
                            .addApiTokens(token("t2", "bob", Role.ROLE_MANAGER))
                            .build();
            response.onNext(page);
            response.onCompleted();
        }

        @Override
        public void listAuditEntries(
                ListAuditEntriesRequest request, StreamObserver<ListAuditEntriesResponse> response) {
            requests.add(request);
            if (refused(response)) {
                return;
            }
            response.onNext(ListAuditEntriesResponse.newBuilder()
                    .addAuditEntries(AuditEntry.newBuilder()
                            .setName("auditEntries/a1")
                            .setTime(CREATED)
                            .setUser("alice")
                            .setToken("tokens/t1")
                            .setMethod("hearth.v1.LeadService/UpdateLead")
                            .setResource("leads/l1")
                            .setAction("update")
                            .addChanges(FieldChange.newBuilder()
                                    .setField("email")
                                    .setOldValue("ada@example.com")
                                    .setNewValue("ada@engines.example"))
                            .addChanges(
                                    FieldChange.newBuilder().setField("notes").setNewValue("met")))
                    .build());
            response.onCompleted();
        }

        @Override
        public void revokeToken(RevokeTokenRequest request, StreamObserver<ApiToken> response) {
            requests.add(request);
            if (refused(response)) {
                return;
            }
            response.onNext(token("t1", "alice", Role.ROLE_REP).toBuilder()
                    .setRevokeTime(CREATED)
                    .build());
            response.onCompleted();
        }
    }
}
