package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.hearth.core.lead.TickingClock;
import io.hearth.proto.v1.AdminServiceGrpc;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.CreateTokenRequest;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.RevokeTokenRequest;
import io.hearth.proto.v1.Role;
import io.hearth.proto.v1.SyncServiceGrpc;
import io.hearth.server.InProcessHearth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Every RPC of every service, enumerated from the generated descriptors, is called with no token, a
 * garbage one, a revoked one and an expired one (all UNAUTHENTICATED), a rep's (administration
 * PERMISSION_DENIED, the rest past authentication) and the admin's (past authentication). A new RPC
 * is in these calls without a line of this test; a new service fails {@link #theServerServesExactlyTheseServices}
 * until it is listed here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class EveryRpcNeedsATokenTest {
    private static final String ADMIN = "hth_every-rpc-test-admin-token-0123456789";
    private static final List<ServiceDescriptor> SERVICES = List.of(
            LeadServiceGrpc.getServiceDescriptor(),
            QueueServiceGrpc.getServiceDescriptor(),
            ContactServiceGrpc.getServiceDescriptor(),
            FollowUpServiceGrpc.getServiceDescriptor(),
            io.hearth.proto.v1.OpportunityServiceGrpc.getServiceDescriptor(),
            SyncServiceGrpc.getServiceDescriptor(),
            AdminServiceGrpc.getServiceDescriptor(),
            io.hearth.proto.v1.ServerServiceGrpc.getServiceDescriptor(),
            io.hearth.proto.v1.TeamServiceGrpc.getServiceDescriptor());
    private static final Set<Status.Code> REFUSED =
            EnumSet.of(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED);

    private final TickingClock clock = new TickingClock(Instant.parse("2026-12-06T09:00:00Z"), Duration.ofMillis(1));
    private InProcessHearth hearth;
    private String rep;
    private String revoked;
    private String expired;

    @BeforeAll
    void start() throws Exception {
        hearth = InProcessHearth.listeningOn(clock, "127.0.0.1", Optional.of(ADMIN));
        AdminServiceGrpc.AdminServiceBlockingStub admin =
                AdminServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(ADMIN)));
        rep = admin.createToken(token("alice", null)).getToken();
        var revokedToken = admin.createToken(token("bob", null));
        revoked = revokedToken.getToken();
        admin.revokeToken(RevokeTokenRequest.newBuilder()
                .setName(revokedToken.getApiToken().getName())
                .build());
        expired = admin.createToken(token("carol", Duration.ofHours(1))).getToken();
        clock.advance(Duration.ofHours(2));
    }

    @AfterAll
    void stop() throws Exception {
        if (hearth != null) {
            hearth.close();
        }
    }

    private static CreateTokenRequest token(String user, Duration expiresIn) {
        CreateTokenRequest.Builder request = CreateTokenRequest.newBuilder()
                .setUser(user)
                .setRole(Role.ROLE_REP)
                .setTeam("east");
        if (expiresIn != null) {
            request.setExpiresIn(com.google.protobuf.Duration.newBuilder().setSeconds(expiresIn.toSeconds()));
        }
        return request.build();
    }

    private static List<MethodDescriptor<?, ?>> methods() {
        List<MethodDescriptor<?, ?>> methods = new ArrayList<>();
        SERVICES.forEach(service -> methods.addAll(service.getMethods()));
        return methods;
    }

    private Map<String, Status.Code> callEvery(Optional<String> token) throws Exception {
        Map<String, Status.Code> answers = new LinkedHashMap<>();
        for (MethodDescriptor<?, ?> method : methods()) {
            answers.put(
                    method.getFullMethodName(),
                    TokenCalls.call(hearth.channel(), method, token).getCode());
        }
        return answers;
    }

    @Test
    void theServerServesExactlyTheseServices() {
        Set<BindableService> served = hearth.get(Key.get(new TypeLiteral<Set<BindableService>>() {}));
        assertThat(served.stream()
                        .map(s -> s.bindService().getServiceDescriptor().getName()))
                .containsExactlyInAnyOrderElementsOf(
                        SERVICES.stream().map(ServiceDescriptor::getName).toList());
        assertThat(methods()).hasSizeGreaterThan(40);
    }

    @Test
    void everyRpcRefusesACallWithoutAValidToken() throws Exception {
        Map<String, Optional<String>> tokens = new LinkedHashMap<>();
        tokens.put("no token", Optional.empty());
        tokens.put("an unknown token", Optional.of("hth_" + "A".repeat(43)));
        tokens.put("a revoked token", Optional.of(revoked));
        tokens.put("an expired token", Optional.of(expired));
        for (Map.Entry<String, Optional<String>> token : tokens.entrySet()) {
            Map<String, Status.Code> answers = callEvery(token.getValue());
            assertThat(answers)
                    .as("with " + token.getKey())
                    .hasSize(methods().size())
                    .allSatisfy((method, code) -> assertThat(code).as(method).isEqualTo(Status.Code.UNAUTHENTICATED));
        }
    }

    /** What a rep's token may not call: administration, and imports, sync runs and connections (a manager's or an admin's). */
    private static final Set<String> NOT_A_REPS = Set.of(
            "hearth.v1.SyncService/ValidateConnectorConfig",
            "hearth.v1.SyncService/StartSync",
            "hearth.v1.SyncService/ImportFile",
            "hearth.v1.SyncService/ListSyncRuns",
            "hearth.v1.SyncService/GetSyncRun",
            "hearth.v1.SyncService/ListRejectedRecords",
            "hearth.v1.SyncService/CreateConnection",
            "hearth.v1.SyncService/GetConnection",
            "hearth.v1.SyncService/ListConnections",
            "hearth.v1.SyncService/UpdateConnection",
            "hearth.v1.SyncService/DeleteConnection",
            "hearth.v1.SyncService/TestConnection",
            "hearth.v1.SyncService/RunConnection");

    @Test
    void aRepsTokenPassesEveryRpcButAdministrationSyncsAndConnections() throws Exception {
        Map<String, Status.Code> answers = callEvery(Optional.of(rep));
        Set<String> adminMethods = AdminServiceGrpc.getServiceDescriptor().getMethods().stream()
                .map(MethodDescriptor::getFullMethodName)
                .collect(Collectors.toSet());
        assertThat(answers).allSatisfy((method, code) -> {
            if (adminMethods.contains(method) || NOT_A_REPS.contains(method)) {
                assertThat(code).as(method).isEqualTo(Status.Code.PERMISSION_DENIED);
            } else {
                assertThat(code).as(method).isNotIn(REFUSED);
            }
        });
    }

    @Test
    void theAdminTokenPassesEveryRpc() throws Exception {
        Map<String, Status.Code> answers = callEvery(Optional.of(ADMIN));
        assertThat(answers)
                .allSatisfy((method, code) -> assertThat(code).as(method).isNotIn(REFUSED));
        assertThat(answers.get("hearth.v1.AdminService/ListTokens")).isEqualTo(Status.Code.OK);
    }
}
