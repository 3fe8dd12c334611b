package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.core.lead.TickingClock;
import io.hearth.proto.v1.AdminServiceGrpc;
import io.hearth.proto.v1.AuditEntry;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.CreateTokenRequest;
import io.hearth.proto.v1.FieldChange;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadServiceGrpc.LeadServiceBlockingStub;
import io.hearth.proto.v1.ListAuditEntriesRequest;
import io.hearth.proto.v1.ListAuditEntriesResponse;
import io.hearth.proto.v1.ListConnectionsRequest;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListSyncRunsRequest;
import io.hearth.proto.v1.Role;
import io.hearth.proto.v1.SyncServiceGrpc;
import io.hearth.proto.v1.UpdateLeadRequest;
import io.hearth.server.InProcessHearth;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Over gRPC, a caller's token scopes the people the lead service shows: a rep gets another rep's
 * lead as NOT_FOUND, exactly like an id never used, and lists only their own and unowned leads; a
 * manager gets their team's; the admin everyone's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedCallsTest {
    private static final String ADMIN = "hth_scoped-calls-test-admin-token-0123456789";

    private final TickingClock clock = new TickingClock(Instant.parse("2026-12-06T09:00:00Z"), Duration.ofMillis(1));
    private InProcessHearth hearth;
    private String aliceToken;
    private LeadServiceBlockingStub alice;
    private LeadServiceBlockingStub carol;
    private LeadServiceBlockingStub eastManager;
    private LeadServiceBlockingStub admin;

    @BeforeAll
    void start() throws Exception {
        hearth = InProcessHearth.listeningOn(clock, "127.0.0.1", Optional.of(ADMIN));
        AdminServiceGrpc.AdminServiceBlockingStub tokens =
                AdminServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(ADMIN)));
        aliceToken = tokens.createToken(token("alice", Role.ROLE_REP, "east")).getToken();
        alice = leadsAs(aliceToken);
        carol = leadsAs(
                tokens.createToken(token("carol", Role.ROLE_REP, "west")).getToken());
        eastManager = leadsAs(
                tokens.createToken(token("erin", Role.ROLE_MANAGER, "east")).getToken());
        admin = leadsAs(ADMIN);
    }

    @AfterAll
    void stop() throws Exception {
        if (hearth != null) {
            hearth.close();
        }
    }

    @Test
    void anotherRepsLeadIsNotFoundAndNotListed() {
        Lead alices = create(alice, "Ada", "");
        Lead carols = create(carol, "Cy", "");

        assertThat(alices.getOwner()).isEqualTo("alice");
        assertCode(
                () -> alice.getLead(
                        GetLeadRequest.newBuilder().setName(carols.getName()).build()),
                Status.Code.NOT_FOUND);
        assertCode(
                () -> alice.updateLead(UpdateLeadRequest.newBuilder()
                        .setLead(Lead.newBuilder().setName(carols.getName()).setNotes("mine"))
                        .build()),
                Status.Code.NOT_FOUND);
        assertThat(names(alice)).contains(alices.getName()).doesNotContain(carols.getName());
        assertThat(names(eastManager)).contains(alices.getName()).doesNotContain(carols.getName());
        assertThat(names(admin)).contains(alices.getName(), carols.getName());
    }

    @Test
    void aChangeIsAuditedWithItsUserTokenAndRpcAndOnlyTheAdminReadsTheLog() {
        Lead lead = create(alice, "Audrey", "");
        alice.updateLead(UpdateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder().setName(lead.getName()).setNotes("met at the expo"))
                .build());

        ListAuditEntriesResponse log = adminService(ADMIN)
                .listAuditEntries(ListAuditEntriesRequest.newBuilder()
                        .setResource(lead.getName())
                        .build());
        assertThat(log.getAuditEntriesList()).extracting(AuditEntry::getAction).containsExactly("update", "create");
        AuditEntry update = log.getAuditEntries(0);
        assertThat(update.getUser()).isEqualTo("alice");
        assertThat(update.getToken()).startsWith("tokens/");
        assertThat(update.getMethod()).isEqualTo("hearth.v1.LeadService/UpdateLead");
        assertThat(update.getChangesList())
                .containsExactly(FieldChange.newBuilder()
                        .setField("notes")
                        .setNewValue("met at the expo")
                        .build());
        assertCode(
                () -> adminService(aliceToken)
                        .listAuditEntries(ListAuditEntriesRequest.newBuilder().build()),
                Status.Code.PERMISSION_DENIED);
    }

    private AdminServiceGrpc.AdminServiceBlockingStub adminService(String token) {
        return AdminServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(token)));
    }

    @Test
    void syncRunsAreAManagersAndConnectionsAnAdmins() {
        SyncServiceGrpc.SyncServiceBlockingStub asAlice =
                SyncServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(aliceToken)));
        assertCode(() -> asAlice.listSyncRuns(ListSyncRunsRequest.getDefaultInstance()), Status.Code.PERMISSION_DENIED);
        assertCode(
                () -> asAlice.listConnections(ListConnectionsRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED);
        SyncServiceGrpc.SyncServiceBlockingStub asAdmin =
                SyncServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(ADMIN)));
        assertThat(asAdmin.listConnections(ListConnectionsRequest.getDefaultInstance())
                        .getConnectionsList())
                .isEmpty();
    }

    @Test
    void aRepCannotGiveALeadToSomeoneElse() {
        assertCode(() -> create(alice, "Bo", "bob"), Status.Code.PERMISSION_DENIED);
    }

    private static Lead create(LeadServiceBlockingStub as, String name, String owner) {
        return as.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder().setGivenName(name).setOwner(owner))
                .build());
    }

    private static java.util.List<String> names(LeadServiceBlockingStub as) {
        return as.listLeads(ListLeadsRequest.newBuilder().setPageSize(100).build()).getLeadsList().stream()
                .map(Lead::getName)
                .toList();
    }

    private LeadServiceBlockingStub leadsAs(String token) {
        return LeadServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(token)));
    }

    private static CreateTokenRequest token(String user, Role role, String team) {
        return CreateTokenRequest.newBuilder()
                .setUser(user)
                .setRole(role)
                .setTeam(team)
                .build();
    }

    private static void assertCode(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }
}
