package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.hearth.proto.v1.AdminServiceGrpc;
import io.hearth.proto.v1.CreateTokenRequest;
import io.hearth.proto.v1.CreateTokenResponse;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListTokensRequest;
import io.hearth.proto.v1.RevokeTokenRequest;
import io.hearth.proto.v1.Role;
import io.hearth.server.InProcessHearth;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server open to local callers, one that needs tokens, and what stays open on both. */
@Timeout(120)
class OpenServerTest {
    private static final String ADMIN = "hth_open-server-test-admin-token-0123456";

    @Test
    void onLoopbackWithoutTokensCallsNeedNoneButNoTokenCanBeMadeThere() throws Exception {
        try (InProcessHearth hearth = InProcessHearth.listeningOn(Clock.systemUTC(), "127.0.0.1", Optional.empty())) {
            assertThat(LeadServiceGrpc.newBlockingStub(hearth.channel())
                            .listLeads(ListLeadsRequest.getDefaultInstance())
                            .getLeadsList())
                    .isEmpty();
            assertThatThrownBy(() -> AdminServiceGrpc.newBlockingStub(hearth.channel())
                            .createToken(CreateTokenRequest.newBuilder()
                                    .setUser("mallory")
                                    .setRole(Role.ROLE_ADMIN)
                                    .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED))
                    .hasMessageContaining("HEARTH_ADMIN_TOKEN");
            // a token that is sent is checked even here
            assertThat(TokenCalls.call(
                                    hearth.channel(),
                                    LeadServiceGrpc.getListLeadsMethod(),
                                    Optional.of("hth_" + "B".repeat(43)))
                            .getCode())
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Test
    void beyondLoopbackACallWithoutATokenIsRefusedWhileHealthAndReflectionStayOpen() throws Exception {
        try (InProcessHearth hearth = InProcessHearth.listeningOn(Clock.systemUTC(), "0.0.0.0", Optional.empty())) {
            assertThat(TokenCalls.call(hearth.channel(), LeadServiceGrpc.getListLeadsMethod(), Optional.empty())
                            .getCode())
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(HealthGrpc.newBlockingStub(hearth.channel())
                            .check(HealthCheckRequest.getDefaultInstance())
                            .getStatus())
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            assertThat(TokenCalls.call(
                                    hearth.channel(),
                                    io.grpc.reflection.v1.ServerReflectionGrpc.getServerReflectionInfoMethod(),
                                    Optional.empty())
                            .getCode())
                    .isNotEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Test
    void anAdminMakesListsAndRevokesATokenThatIsShownOnce() throws Exception {
        try (InProcessHearth hearth = InProcessHearth.listeningOn(Clock.systemUTC(), "127.0.0.1", Optional.of(ADMIN))) {
            AdminServiceGrpc.AdminServiceBlockingStub admin =
                    AdminServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(ADMIN)));
            CreateTokenResponse created = admin.createToken(CreateTokenRequest.newBuilder()
                    .setUser("alice")
                    .setRole(Role.ROLE_REP)
                    .setTeam("east")
                    .build());
            assertThat(created.getToken()).startsWith("hth_");
            assertThat(created.getApiToken().getCreatedBy()).isEqualTo("admin");
            LeadServiceGrpc.LeadServiceBlockingStub alice = LeadServiceGrpc.newBlockingStub(
                    TokenCalls.withToken(hearth.channel(), Optional.of(created.getToken())));
            assertThat(alice.listLeads(ListLeadsRequest.getDefaultInstance()).getLeadsList())
                    .isEmpty();

            var listed = admin.listTokens(ListTokensRequest.getDefaultInstance());
            assertThat(listed.getApiTokensList()).extracting(t -> t.getUser()).containsExactly("alice", "admin");
            assertThat(listed.toString()).doesNotContain(created.getToken()).doesNotContain(ADMIN);

            admin.revokeToken(RevokeTokenRequest.newBuilder()
                    .setName(created.getApiToken().getName())
                    .build());
            assertThatThrownBy(() -> alice.listLeads(ListLeadsRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
            assertThatThrownBy(() -> admin.createToken(CreateTokenRequest.newBuilder()
                            .setUser("mo")
                            .setRole(Role.ROLE_MANAGER)
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
    }
}
