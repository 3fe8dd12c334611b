package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.hearth.core.lead.TickingClock;
import io.hearth.proto.v1.AdminServiceGrpc;
import io.hearth.proto.v1.ArchiveContactRequest;
import io.hearth.proto.v1.ArchiveLeadRequest;
import io.hearth.proto.v1.Bant;
import io.hearth.proto.v1.CompleteFollowUpRequest;
import io.hearth.proto.v1.Connection;
import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.ConvertLeadRequest;
import io.hearth.proto.v1.CreateConnectionRequest;
import io.hearth.proto.v1.CreateContactRequest;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.CreateTokenRequest;
import io.hearth.proto.v1.DeleteConnectionRequest;
import io.hearth.proto.v1.ExportContactsRequest;
import io.hearth.proto.v1.ExportLeadsRequest;
import io.hearth.proto.v1.ExportOpportunitiesRequest;
import io.hearth.proto.v1.FollowUp;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.GetConnectionRequest;
import io.hearth.proto.v1.GetContactRequest;
import io.hearth.proto.v1.GetFollowUpRequest;
import io.hearth.proto.v1.GetFollowUpStatsRequest;
import io.hearth.proto.v1.GetLeadProfileRequest;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.GetResponseStatsRequest;
import io.hearth.proto.v1.GetSyncRunRequest;
import io.hearth.proto.v1.ImportFileHeader;
import io.hearth.proto.v1.ImportFileRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListAuditEntriesRequest;
import io.hearth.proto.v1.ListConnectionsRequest;
import io.hearth.proto.v1.ListConnectorsRequest;
import io.hearth.proto.v1.ListContactsRequest;
import io.hearth.proto.v1.ListDueFollowUpsRequest;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListMissedDeadlinesRequest;
import io.hearth.proto.v1.ListQueueRequest;
import io.hearth.proto.v1.ListRejectedRecordsRequest;
import io.hearth.proto.v1.ListSyncRunsRequest;
import io.hearth.proto.v1.ListTokensRequest;
import io.hearth.proto.v1.ListTouchesRequest;
import io.hearth.proto.v1.LogTouchRequest;
import io.hearth.proto.v1.MergeContactsRequest;
import io.hearth.proto.v1.MergeLeadIntoContactRequest;
import io.hearth.proto.v1.MergeLeadsRequest;
import io.hearth.proto.v1.Opportunity;
import io.hearth.proto.v1.OpportunityServiceGrpc;
import io.hearth.proto.v1.PlanAgendaRequest;
import io.hearth.proto.v1.Qualification;
import io.hearth.proto.v1.QualifyLeadRequest;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.RestoreContactRequest;
import io.hearth.proto.v1.RestoreLeadRequest;
import io.hearth.proto.v1.RevokeTokenRequest;
import io.hearth.proto.v1.Role;
import io.hearth.proto.v1.RunConnectionRequest;
import io.hearth.proto.v1.ScheduleFollowUpRequest;
import io.hearth.proto.v1.SetTemperatureOverrideRequest;
import io.hearth.proto.v1.SkipFollowUpRequest;
import io.hearth.proto.v1.StartSyncRequest;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncServiceGrpc;
import io.hearth.proto.v1.Temperature;
import io.hearth.proto.v1.TestConnectionRequest;
import io.hearth.proto.v1.Touch;
import io.hearth.proto.v1.TouchChannel;
import io.hearth.proto.v1.TouchKind;
import io.hearth.proto.v1.TouchOutcome;
import io.hearth.proto.v1.UpdateConnectionRequest;
import io.hearth.proto.v1.UpdateContactRequest;
import io.hearth.proto.v1.UpdateLeadRequest;
import io.hearth.proto.v1.ValidateConnectorConfigRequest;
import io.hearth.proto.v1.WatchQueueRequest;
import io.hearth.server.InProcessHearth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Every RPC of every service, enumerated from the generated descriptors, is called about the people
 * and runs of one rep (alice, team east: a lead with a profile, a second lead, a contact, a touch, a
 * follow-up, and an import her manager ran) by another rep of her team (bob) and by the manager of
 * another team (wendy, team west). For each method a table says the answer each must get: NOT_FOUND
 * for another's resource named by id (as for an id never used), PERMISSION_DENIED for what the role
 * may not call or a person the caller may not give to alice, OK for lists, stats and exports. No
 * answer, whatever its code, may carry anything of alice's (her people's ids, names and emails),
 * and a list or a stats answer asked about alice equals the one asked about someone unknown. A new
 * RPC without a line in the table fails {@link #theTableCoversEveryRpc}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class EveryRpcIsScopedTest {
    private static final String ADMIN = "hth_every-rpc-scoped-test-admin-token-0123456789";
    private static final List<ServiceDescriptor> SERVICES = List.of(
            LeadServiceGrpc.getServiceDescriptor(),
            QueueServiceGrpc.getServiceDescriptor(),
            ContactServiceGrpc.getServiceDescriptor(),
            FollowUpServiceGrpc.getServiceDescriptor(),
            OpportunityServiceGrpc.getServiceDescriptor(),
            SyncServiceGrpc.getServiceDescriptor(),
            AdminServiceGrpc.getServiceDescriptor(),
            io.hearth.proto.v1.ServerServiceGrpc.getServiceDescriptor(),
            io.hearth.proto.v1.TeamServiceGrpc.getServiceDescriptor());
    private static final long DEADLINE_MILLIS = 1_500;
    /** A row that would give a new lead to alice: another team's manager's import rejects it. */
    private static final String GIVEN_AWAY = "First Name,Email,Owner\nGiven,given.away@example.com,alice\n";

    private static final Timestamp FROM = Timestamp.newBuilder()
            .setSeconds(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond())
            .build();
    private static final Timestamp TO = Timestamp.newBuilder()
            .setSeconds(Instant.parse("2027-01-01T00:00:00Z").getEpochSecond())
            .build();

    private final TickingClock clock = new TickingClock(Instant.parse("2026-12-06T09:00:00Z"), Duration.ofMillis(1));
    private InProcessHearth hearth;
    private String otherRep;
    private String otherTeamsManager;
    /** Alice's people and her manager's run. */
    private Lead lead;

    private Lead second;
    private Contact contact;
    private Contact secondContact;
    private Opportunity deal;
    private Touch touch;
    private FollowUp followUp;
    private SyncRun run;
    /** What no answer to bob or wendy may contain. */
    private final List<String> secrets = new ArrayList<>();

    /** What a method answers another rep and another team's manager, and how its request is made. */
    private record Case(
            Status.Code otherRep,
            Status.Code otherTeamsManager,
            Function<EveryRpcIsScopedTest, List<? extends Message>> request,
            Optional<Function<EveryRpcIsScopedTest, List<? extends Message>>> sameAs) {}

    private final Map<String, Case> table = new LinkedHashMap<>();

    private void expect(
            MethodDescriptor<?, ?> method,
            Status.Code otherRep,
            Status.Code otherTeamsManager,
            Function<EveryRpcIsScopedTest, ? extends Message> request) {
        table.put(
                method.getFullMethodName(),
                new Case(otherRep, otherTeamsManager, t -> List.of(request.apply(t)), Optional.empty()));
    }

    /** A list or stats call about alice: it must answer exactly what it answers about nobody. */
    private void expectAsForNobody(
            MethodDescriptor<?, ?> method,
            Status.Code otherRep,
            Status.Code otherTeamsManager,
            Function<String, ? extends Message> requestAbout) {
        table.put(
                method.getFullMethodName(),
                new Case(
                        otherRep,
                        otherTeamsManager,
                        t -> List.of(requestAbout.apply("alice")),
                        Optional.of(t -> List.of(requestAbout.apply("nobody-at-all")))));
    }

    private static final Status.Code OK = Status.Code.OK;
    private static final Status.Code NOT_FOUND = Status.Code.NOT_FOUND;
    private static final Status.Code DENIED = Status.Code.PERMISSION_DENIED;
    /** A watch stream runs until the call's deadline. */
    private static final Status.Code WATCHING = Status.Code.DEADLINE_EXCEEDED;

    private void fillTable() {
        String someConnection = "connections/" + UUID.randomUUID();
        // LeadService
        expect(
                LeadServiceGrpc.getCreateLeadMethod(),
                DENIED,
                DENIED,
                t -> CreateLeadRequest.newBuilder()
                        .setLead(Lead.newBuilder()
                                .setGivenName("Given")
                                .setFamilyName("Away")
                                .setOwner("alice"))
                        .build());
        expect(
                LeadServiceGrpc.getGetLeadMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> GetLeadRequest.newBuilder().setName(t.lead.getName()).build());
        expectAsForNobody(
                LeadServiceGrpc.getListLeadsMethod(),
                OK,
                OK,
                owner -> ListLeadsRequest.newBuilder()
                        .setFilter("owner = \"" + owner + "\"")
                        .setPageSize(100)
                        .build());
        expect(
                LeadServiceGrpc.getUpdateLeadMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> UpdateLeadRequest.newBuilder()
                        .setLead(Lead.newBuilder().setName(t.lead.getName()).setNotes("mine now"))
                        .build());
        expect(
                LeadServiceGrpc.getArchiveLeadMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> ArchiveLeadRequest.newBuilder().setName(t.lead.getName()).build());
        expect(
                LeadServiceGrpc.getRestoreLeadMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> RestoreLeadRequest.newBuilder().setName(t.lead.getName()).build());
        expect(
                LeadServiceGrpc.getMergeLeadsMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> MergeLeadsRequest.newBuilder()
                        .setSurvivor(t.lead.getName())
                        .setDuplicate(t.second.getName())
                        .build());
        // QueueService
        expectAsForNobody(
                QueueServiceGrpc.getListQueueMethod(),
                OK,
                OK,
                owner -> ListQueueRequest.newBuilder()
                        .setOwner(owner)
                        .setPageSize(100)
                        .build());
        expect(
                QueueServiceGrpc.getQualifyLeadMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> QualifyLeadRequest.newBuilder()
                        .setName(t.lead.getName())
                        .setQualification(Qualification.newBuilder().setNote("probing"))
                        .build());
        expect(
                QueueServiceGrpc.getSetTemperatureOverrideMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> SetTemperatureOverrideRequest.newBuilder()
                        .setName(t.lead.getName())
                        .setTemperature(Temperature.TEMPERATURE_COLD)
                        .setReason("probing")
                        .build());
        expect(
                QueueServiceGrpc.getGetLeadProfileMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> GetLeadProfileRequest.newBuilder()
                        .setName(t.lead.getName())
                        .build());
        expectAsForNobody(
                QueueServiceGrpc.getWatchQueueMethod(),
                WATCHING,
                WATCHING,
                owner -> WatchQueueRequest.newBuilder()
                        .setOwner(owner)
                        .setSize(50)
                        .build());
        expectAsForNobody(
                QueueServiceGrpc.getPlanAgendaMethod(),
                OK,
                OK,
                owner -> PlanAgendaRequest.newBuilder()
                        .setOwner(owner)
                        .setTimeBudget(com.google.protobuf.Duration.newBuilder().setSeconds(7200))
                        .build());
        expectAsForNobody(
                QueueServiceGrpc.getGetResponseStatsMethod(),
                OK,
                OK,
                owner -> GetResponseStatsRequest.newBuilder()
                        .setOwner(owner)
                        .setStartTime(FROM)
                        .setEndTime(TO)
                        .build());
        expectAsForNobody(
                QueueServiceGrpc.getListMissedDeadlinesMethod(),
                OK,
                OK,
                owner -> ListMissedDeadlinesRequest.newBuilder()
                        .setOwner(owner)
                        .setStartTime(FROM)
                        .setEndTime(TO)
                        .build());
        // ContactService
        expect(
                ContactServiceGrpc.getCreateContactMethod(),
                DENIED,
                DENIED,
                t -> CreateContactRequest.newBuilder()
                        .setContact(Contact.newBuilder()
                                .setKind(io.hearth.proto.v1.ContactKind.CONTACT_KIND_PROSPECT)
                                .setGivenName("Given")
                                .setFamilyName("Away")
                                .setOwner("alice"))
                        .build());
        expect(
                ContactServiceGrpc.getGetContactMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> GetContactRequest.newBuilder().setName(t.contact.getName()).build());
        expectAsForNobody(
                ContactServiceGrpc.getListContactsMethod(),
                OK,
                OK,
                owner -> ListContactsRequest.newBuilder()
                        .setFilter("owner = \"" + owner + "\"")
                        .setPageSize(100)
                        .build());
        expect(
                ContactServiceGrpc.getUpdateContactMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> UpdateContactRequest.newBuilder()
                        .setContact(Contact.newBuilder()
                                .setName(t.contact.getName())
                                .setNotes("mine now"))
                        .build());
        expect(
                ContactServiceGrpc.getArchiveContactMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> ArchiveContactRequest.newBuilder()
                        .setName(t.contact.getName())
                        .build());
        expect(
                ContactServiceGrpc.getRestoreContactMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> RestoreContactRequest.newBuilder()
                        .setName(t.contact.getName())
                        .build());
        expect(
                ContactServiceGrpc.getConvertLeadMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> ConvertLeadRequest.newBuilder().setLead(t.lead.getName()).build());
        expect(
                ContactServiceGrpc.getMergeLeadIntoContactMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> MergeLeadIntoContactRequest.newBuilder()
                        .setContact(t.contact.getName())
                        .setLead(t.second.getName())
                        .build());
        expect(
                ContactServiceGrpc.getMergeContactsMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> MergeContactsRequest.newBuilder()
                        .setSurvivor(t.contact.getName())
                        .setDuplicate(t.secondContact.getName())
                        .build());
        // FollowUpService
        expect(
                FollowUpServiceGrpc.getLogTouchMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> LogTouchRequest.newBuilder()
                        .setTouch(Touch.newBuilder()
                                .setPerson(t.lead.getName())
                                .setKind(TouchKind.TOUCH_KIND_COLD_CALL)
                                .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                                .setOutcome(TouchOutcome.TOUCH_OUTCOME_NO_ANSWER))
                        .build());
        expect(
                FollowUpServiceGrpc.getListTouchesMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> ListTouchesRequest.newBuilder().setPerson(t.lead.getName()).build());
        expect(
                FollowUpServiceGrpc.getScheduleFollowUpMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> ScheduleFollowUpRequest.newBuilder()
                        .setPerson(t.lead.getName())
                        .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                        .build());
        expectAsForNobody(
                FollowUpServiceGrpc.getListDueFollowUpsMethod(),
                OK,
                OK,
                owner -> ListDueFollowUpsRequest.newBuilder()
                        .setOwner(owner)
                        .setDueBy(TO)
                        .build());
        expect(
                FollowUpServiceGrpc.getCompleteFollowUpMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> CompleteFollowUpRequest.newBuilder()
                        .setName(t.followUp.getName())
                        .setOutcome(TouchOutcome.TOUCH_OUTCOME_NO_ANSWER)
                        .build());
        expect(
                FollowUpServiceGrpc.getSkipFollowUpMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> SkipFollowUpRequest.newBuilder()
                        .setName(t.followUp.getName())
                        .build());
        expect(
                FollowUpServiceGrpc.getGetFollowUpMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> GetFollowUpRequest.newBuilder()
                        .setName(t.followUp.getName())
                        .build());
        expectAsForNobody(
                FollowUpServiceGrpc.getGetFollowUpStatsMethod(),
                OK,
                OK,
                owner -> GetFollowUpStatsRequest.newBuilder()
                        .setOwner(owner)
                        .setStartTime(FROM)
                        .setEndTime(TO)
                        .build());
        // OpportunityService: a deal is scoped by its owner, a new one by its contact
        expect(
                OpportunityServiceGrpc.getCreateOpportunityMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> io.hearth.proto.v1.CreateOpportunityRequest.newBuilder()
                        .setOpportunity(dealWith(t.contact.getName()))
                        .build());
        expect(
                OpportunityServiceGrpc.getGetOpportunityMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> io.hearth.proto.v1.GetOpportunityRequest.newBuilder()
                        .setName(t.deal.getName())
                        .build());
        expectAsForNobody(
                OpportunityServiceGrpc.getListOpportunitiesMethod(),
                OK,
                OK,
                owner -> io.hearth.proto.v1.ListOpportunitiesRequest.newBuilder()
                        .setFilter("owner = \"" + owner + "\"")
                        .setShowArchived(true)
                        .setPageSize(100)
                        .build());
        expect(
                OpportunityServiceGrpc.getUpdateOpportunityMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> io.hearth.proto.v1.UpdateOpportunityRequest.newBuilder()
                        .setOpportunity(Opportunity.newBuilder()
                                .setName(t.deal.getName())
                                .setTitle("mine now"))
                        .build());
        expect(
                OpportunityServiceGrpc.getMoveOpportunityStageMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> io.hearth.proto.v1.MoveOpportunityStageRequest.newBuilder()
                        .setName(t.deal.getName())
                        .setStage("proposal")
                        .build());
        expect(
                OpportunityServiceGrpc.getCloseOpportunityMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> io.hearth.proto.v1.CloseOpportunityRequest.newBuilder()
                        .setName(t.deal.getName())
                        .setOutcome(io.hearth.proto.v1.OpportunityOutcome.OPPORTUNITY_OUTCOME_LOST)
                        .setReason("probing")
                        .build());
        expect(
                OpportunityServiceGrpc.getArchiveOpportunityMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> io.hearth.proto.v1.ArchiveOpportunityRequest.newBuilder()
                        .setName(t.deal.getName())
                        .build());
        expect(
                OpportunityServiceGrpc.getRestoreOpportunityMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> io.hearth.proto.v1.RestoreOpportunityRequest.newBuilder()
                        .setName(t.deal.getName())
                        .build());
        expect(
                OpportunityServiceGrpc.getReopenOpportunityMethod(),
                NOT_FOUND,
                NOT_FOUND,
                t -> io.hearth.proto.v1.ReopenOpportunityRequest.newBuilder()
                        .setName(t.deal.getName())
                        .setStage("proposal")
                        .build());
        expectAsForNobody(
                OpportunityServiceGrpc.getGetPipelineStatsMethod(),
                OK,
                OK,
                owner -> io.hearth.proto.v1.GetPipelineStatsRequest.newBuilder()
                        .setOwner(owner)
                        .build());
        // SyncService: connectors are no one's; imports and sync runs a manager's, of their team; connections an
        // admin's
        expect(SyncServiceGrpc.getListConnectorsMethod(), OK, OK, t -> ListConnectorsRequest.getDefaultInstance());
        expect(
                SyncServiceGrpc.getValidateConnectorConfigMethod(),
                DENIED,
                OK,
                t -> ValidateConnectorConfigRequest.newBuilder()
                        .setConnector("connectors/csv")
                        .putConfig("path", "fair.csv")
                        .build());
        expect(
                SyncServiceGrpc.getStartSyncMethod(),
                DENIED,
                OK,
                t -> StartSyncRequest.newBuilder()
                        .setConnector("connectors/csv")
                        .putConfig("path", "alices.csv")
                        .build());
        table.put(
                SyncServiceGrpc.getImportFileMethod().getFullMethodName(),
                new Case(DENIED, OK, t -> upload(GIVEN_AWAY), Optional.empty()));
        expectAsForNobody(
                SyncServiceGrpc.getExportLeadsMethod(),
                OK,
                OK,
                owner -> ExportLeadsRequest.newBuilder()
                        .setConnector("connectors/csv")
                        .setFilter("owner = \"" + owner + "\"")
                        .build());
        expectAsForNobody(
                SyncServiceGrpc.getExportContactsMethod(),
                OK,
                OK,
                owner -> ExportContactsRequest.newBuilder()
                        .setConnector("connectors/csv")
                        .setFilter("owner = \"" + owner + "\"")
                        .build());
        expectAsForNobody(
                SyncServiceGrpc.getExportOpportunitiesMethod(),
                OK,
                OK,
                owner -> ExportOpportunitiesRequest.newBuilder()
                        .setConnector("connectors/csv")
                        .setFilter("owner = \"" + owner + "\"")
                        .build());
        expect(SyncServiceGrpc.getListSyncRunsMethod(), DENIED, OK, t -> ListSyncRunsRequest.getDefaultInstance());
        expect(
                SyncServiceGrpc.getGetSyncRunMethod(),
                DENIED,
                NOT_FOUND,
                t -> GetSyncRunRequest.newBuilder().setName(t.run.getName()).build());
        expect(
                SyncServiceGrpc.getListRejectedRecordsMethod(),
                DENIED,
                NOT_FOUND,
                t -> ListRejectedRecordsRequest.newBuilder()
                        .setParent(t.run.getName())
                        .build());
        expect(
                SyncServiceGrpc.getCreateConnectionMethod(),
                DENIED,
                DENIED,
                t -> CreateConnectionRequest.newBuilder()
                        .setConnection(
                                Connection.newBuilder().setDisplayName("crm").setConnector("connectors/csv"))
                        .build());
        expect(
                SyncServiceGrpc.getGetConnectionMethod(),
                DENIED,
                DENIED,
                t -> GetConnectionRequest.newBuilder().setName(someConnection).build());
        expect(
                SyncServiceGrpc.getListConnectionsMethod(),
                DENIED,
                DENIED,
                t -> ListConnectionsRequest.getDefaultInstance());
        expect(
                SyncServiceGrpc.getUpdateConnectionMethod(),
                DENIED,
                DENIED,
                t -> UpdateConnectionRequest.newBuilder()
                        .setConnection(
                                Connection.newBuilder().setName(someConnection).setDisplayName("x"))
                        .build());
        expect(
                SyncServiceGrpc.getDeleteConnectionMethod(),
                DENIED,
                DENIED,
                t -> DeleteConnectionRequest.newBuilder()
                        .setName(someConnection)
                        .build());
        expect(
                SyncServiceGrpc.getTestConnectionMethod(),
                DENIED,
                DENIED,
                t -> TestConnectionRequest.newBuilder().setName(someConnection).build());
        expect(
                SyncServiceGrpc.getRunConnectionMethod(),
                DENIED,
                DENIED,
                t -> RunConnectionRequest.newBuilder().setName(someConnection).build());
        // AdminService: an admin's alone
        expect(
                AdminServiceGrpc.getCreateTokenMethod(),
                DENIED,
                DENIED,
                t -> CreateTokenRequest.newBuilder()
                        .setUser("mallory")
                        .setRole(Role.ROLE_ADMIN)
                        .build());
        expect(AdminServiceGrpc.getListTokensMethod(), DENIED, DENIED, t -> ListTokensRequest.getDefaultInstance());
        expect(
                AdminServiceGrpc.getRevokeTokenMethod(),
                DENIED,
                DENIED,
                t -> RevokeTokenRequest.newBuilder()
                        .setName("tokens/" + UUID.randomUUID())
                        .build());
        expect(
                AdminServiceGrpc.getListAuditEntriesMethod(),
                DENIED,
                DENIED,
                t -> ListAuditEntriesRequest.newBuilder()
                        .setResource(t.lead.getName())
                        .build());
        // ServerService: anyone's; it tells about the server and the caller, never about people
        expect(
                io.hearth.proto.v1.ServerServiceGrpc.getGetServerInfoMethod(),
                Status.Code.OK,
                Status.Code.OK,
                t -> io.hearth.proto.v1.GetServerInfoRequest.getDefaultInstance());
        expect(
                AdminServiceGrpc.getBackupDatabaseMethod(),
                DENIED,
                DENIED,
                t -> io.hearth.proto.v1.BackupDatabaseRequest.getDefaultInstance());
        // TeamService: alice's team east; a rep of it reads it, only its manager (or an admin) changes it
        expect(
                io.hearth.proto.v1.TeamServiceGrpc.getGetTeamMethod(),
                OK,
                DENIED,
                t -> io.hearth.proto.v1.GetTeamRequest.newBuilder()
                        .setName("teams/east")
                        .build());
        expect(
                io.hearth.proto.v1.TeamServiceGrpc.getUpdateTeamMethod(),
                DENIED,
                DENIED,
                t -> io.hearth.proto.v1.UpdateTeamRequest.newBuilder()
                        .setTeam(io.hearth.proto.v1.Team.newBuilder()
                                .setName("teams/east")
                                .setReassignMissedLeads(true))
                        .build());
        expect(
                io.hearth.proto.v1.TeamServiceGrpc.getSetRepAvailabilityMethod(),
                DENIED,
                DENIED,
                t -> io.hearth.proto.v1.SetRepAvailabilityRequest.newBuilder()
                        .setTeam("teams/east")
                        .setUser("alice")
                        .build());
        expect(
                io.hearth.proto.v1.TeamServiceGrpc.getListPipelineStagesMethod(),
                OK,
                DENIED,
                t -> io.hearth.proto.v1.ListPipelineStagesRequest.newBuilder()
                        .setTeam("teams/east")
                        .build());
        expect(
                io.hearth.proto.v1.TeamServiceGrpc.getUpdatePipelineStagesMethod(),
                DENIED,
                DENIED,
                t -> io.hearth.proto.v1.UpdatePipelineStagesRequest.newBuilder()
                        .setTeam("teams/east")
                        .addStages(io.hearth.proto.v1.PipelineStage.newBuilder()
                                .setKey("qualification")
                                .setProbability(10)
                                .setStallDays(14))
                        .build());
    }

    private static Opportunity dealWith(String contact) {
        return Opportunity.newBuilder()
                .setContact(contact)
                .setTitle("Cosima's pilot")
                .setAmount(com.google.type.Money.newBuilder()
                        .setCurrencyCode("EUR")
                        .setUnits(12_000))
                .setExpectedCloseDate(com.google.type.Date.newBuilder()
                        .setYear(2027)
                        .setMonth(3)
                        .setDay(31))
                .build();
    }

    private static List<ImportFileRequest> upload(String csv) {
        return List.of(
                ImportFileRequest.newBuilder()
                        .setHeader(ImportFileHeader.newBuilder().setFileName("alices.csv"))
                        .build(),
                ImportFileRequest.newBuilder()
                        .setChunk(ByteString.copyFrom(csv, StandardCharsets.UTF_8))
                        .build());
    }

    @BeforeAll
    void start() throws Exception {
        hearth = InProcessHearth.listeningOn(clock, "127.0.0.1", Optional.of(ADMIN));
        AdminServiceGrpc.AdminServiceBlockingStub admin =
                AdminServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(ADMIN)));
        String alice = admin.createToken(token("alice", Role.ROLE_REP, "east")).getToken();
        String erin =
                admin.createToken(token("erin", Role.ROLE_MANAGER, "east")).getToken();
        otherRep = admin.createToken(token("bob", Role.ROLE_REP, "east")).getToken();
        otherTeamsManager =
                admin.createToken(token("wendy", Role.ROLE_MANAGER, "west")).getToken();

        java.nio.file.Path imports = java.nio.file.Files.createDirectories(
                hearth.get(io.hearth.server.config.ServerConfig.class).dataDir().resolve("imports"));
        java.nio.file.Files.writeString(imports.resolve("alices.csv"), GIVEN_AWAY);
        var leads = LeadServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(alice)));
        lead = leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName("Ottilie")
                        .setFamilyName("Ownerly")
                        .setEmail("ottilie.ownerly@example.com"))
                .build());
        second = leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName("Severin")
                        .setFamilyName("Secondly")
                        .setEmail("severin.secondly@example.com"))
                .build());
        contact = ContactServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(alice)))
                .createContact(CreateContactRequest.newBuilder()
                        .setContact(Contact.newBuilder()
                                .setKind(io.hearth.proto.v1.ContactKind.CONTACT_KIND_PROSPECT)
                                .setGivenName("Cosima")
                                .setFamilyName("Contactly")
                                .setEmail("cosima.contactly@example.com"))
                        .build());
        secondContact = ContactServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(alice)))
                .createContact(CreateContactRequest.newBuilder()
                        .setContact(Contact.newBuilder()
                                .setKind(io.hearth.proto.v1.ContactKind.CONTACT_KIND_SUPPLIER)
                                .setGivenName("Sixtus")
                                .setFamilyName("Secondcontact")
                                .setEmail("sixtus.secondcontact@example.com"))
                        .build());
        deal = OpportunityServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(alice)))
                .createOpportunity(io.hearth.proto.v1.CreateOpportunityRequest.newBuilder()
                        .setOpportunity(dealWith(contact.getName()))
                        .build());
        var queue = QueueServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(alice)));
        queue.qualifyLead(QualifyLeadRequest.newBuilder()
                .setName(lead.getName())
                .setQualification(Qualification.newBuilder()
                        .setNote("budget approved")
                        .setBant(Bant.newBuilder().build()))
                .build());
        var followUps = FollowUpServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(alice)));
        touch = followUps
                .logTouch(LogTouchRequest.newBuilder()
                        .setTouch(Touch.newBuilder()
                                .setPerson(lead.getName())
                                .setKind(TouchKind.TOUCH_KIND_COLD_CALL)
                                .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                                .setOutcome(TouchOutcome.TOUCH_OUTCOME_NO_ANSWER)
                                .setNote("Ottilie asked to call back"))
                        .build())
                .getTouch();
        followUp = followUps.scheduleFollowUp(ScheduleFollowUpRequest.newBuilder()
                .setPerson(second.getName())
                .setChannel(TouchChannel.TOUCH_CHANNEL_EMAIL)
                .setPurpose("send Severin the price list")
                .build());
        // alice's manager imports one lead for her and a row that is rejected
        Answer imported = call(
                SyncServiceGrpc.getImportFileMethod(),
                upload("First Name,Last Name,Email,Owner\nImre,Importly,imre.importly@example.com,alice\n"
                        + ",,not-an-email,alice\n"),
                Optional.of(erin));
        assertThat(imported.status().getCode()).as(imported.status().toString()).isEqualTo(Status.Code.OK);
        run = (SyncRun) imported.responses().get(imported.responses().size() - 1);
        assertThat(run.getCounts().getCreated()).isEqualTo(1);
        assertThat(run.getCounts().getRejected()).isEqualTo(1);

        secrets.addAll(List.of(
                id(lead.getName()),
                id(second.getName()),
                id(contact.getName()),
                id(secondContact.getName()),
                id(deal.getName()),
                "Cosima's pilot",
                id(touch.getName()),
                id(followUp.getName()),
                id(run.getName()),
                "Ottilie",
                "Ownerly",
                "Severin",
                "Cosima",
                "Sixtus",
                "Imre",
                "not-an-email",
                "budget approved"));
        fillTable();
    }

    private static String id(String name) {
        return name.substring(name.indexOf('/') + 1);
    }

    @AfterAll
    void stop() throws Exception {
        if (hearth != null) {
            hearth.close();
        }
    }

    private static CreateTokenRequest token(String user, Role role, String team) {
        return CreateTokenRequest.newBuilder()
                .setUser(user)
                .setRole(role)
                .setTeam(team)
                .build();
    }

    @Test
    void theTableCoversEveryRpc() {
        Set<String> methods = SERVICES.stream()
                .flatMap(service -> service.getMethods().stream())
                .map(MethodDescriptor::getFullMethodName)
                .collect(Collectors.toSet());
        assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(methods);
    }

    @Test
    void anotherRepLearnsNothingOfAlicesPeople() throws Exception {
        assertEveryAnswer(Optional.of(otherRep), Case::otherRep);
    }

    @Test
    void unfilteredListsStreamsAndExportsHoldNothingOfAlices() throws Exception {
        List<MethodAndRequest> calls = List.of(
                new MethodAndRequest(
                        LeadServiceGrpc.getListLeadsMethod(),
                        ListLeadsRequest.newBuilder()
                                .setPageSize(1000)
                                .setShowArchived(true)
                                .build()),
                new MethodAndRequest(
                        ContactServiceGrpc.getListContactsMethod(),
                        ListContactsRequest.newBuilder()
                                .setPageSize(1000)
                                .setShowArchived(true)
                                .build()),
                new MethodAndRequest(
                        OpportunityServiceGrpc.getListOpportunitiesMethod(),
                        io.hearth.proto.v1.ListOpportunitiesRequest.newBuilder()
                                .setPageSize(1000)
                                .setShowArchived(true)
                                .build()),
                new MethodAndRequest(
                        QueueServiceGrpc.getListQueueMethod(),
                        ListQueueRequest.newBuilder().setPageSize(1000).build()),
                new MethodAndRequest(
                        QueueServiceGrpc.getWatchQueueMethod(),
                        WatchQueueRequest.newBuilder().setSize(100).build()),
                new MethodAndRequest(
                        QueueServiceGrpc.getPlanAgendaMethod(),
                        PlanAgendaRequest.newBuilder()
                                .setTimeBudget(com.google.protobuf.Duration.newBuilder()
                                        .setSeconds(36_000))
                                .build()),
                new MethodAndRequest(
                        QueueServiceGrpc.getListMissedDeadlinesMethod(),
                        ListMissedDeadlinesRequest.newBuilder()
                                .setStartTime(FROM)
                                .setEndTime(TO)
                                .build()),
                new MethodAndRequest(
                        FollowUpServiceGrpc.getListTouchesMethod(),
                        ListTouchesRequest.newBuilder().setPageSize(1000).build()),
                new MethodAndRequest(
                        FollowUpServiceGrpc.getListDueFollowUpsMethod(),
                        ListDueFollowUpsRequest.newBuilder().setDueBy(TO).build()),
                new MethodAndRequest(
                        SyncServiceGrpc.getExportLeadsMethod(),
                        ExportLeadsRequest.newBuilder()
                                .setConnector("connectors/csv")
                                .build()),
                new MethodAndRequest(
                        SyncServiceGrpc.getExportContactsMethod(),
                        ExportContactsRequest.newBuilder()
                                .setConnector("connectors/csv")
                                .build()),
                new MethodAndRequest(
                        SyncServiceGrpc.getExportOpportunitiesMethod(),
                        ExportOpportunitiesRequest.newBuilder()
                                .setConnector("connectors/csv")
                                .build()));
        List<String> wrong = new ArrayList<>();
        for (String token : List.of(otherRep, otherTeamsManager)) {
            for (MethodAndRequest call : calls) {
                Answer answer = call(call.method(), List.of(call.request()), Optional.of(token));
                String said = answer.toString();
                for (String secret : secrets) {
                    if (said.contains(secret)) {
                        wrong.add(call.method().getFullMethodName() + " names " + secret + ": " + said);
                    }
                }
            }
            // the same calls with the admin's token do see her people: the fixture is there
        }
        assertThat(wrong).isEmpty();
        Answer asAdmin = call(
                LeadServiceGrpc.getListLeadsMethod(),
                List.of(ListLeadsRequest.newBuilder().setPageSize(1000).build()),
                Optional.of(ADMIN));
        assertThat(asAdmin.toString()).contains(id(lead.getName()), id(second.getName()));
    }

    private record MethodAndRequest(MethodDescriptor<?, ?> method, Message request) {}

    @Test
    void anotherRepsInquiryOfAlicesPersonDoesNotNameHerLead() throws Exception {
        LeadServiceGrpc.LeadServiceBlockingStub bob =
                LeadServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(otherRep)));
        Lead inquiry = bob.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName("Otto")
                        .setEmail("ottilie.ownerly@example.com")
                        .setSource(io.hearth.proto.v1.LeadSource.LEAD_SOURCE_WEB_FORM))
                .build());

        assertThat(inquiry.getPossibleDuplicateOf()).isEmpty();
        List<String> said = new ArrayList<>();
        said.add(bob.getLead(
                        GetLeadRequest.newBuilder().setName(inquiry.getName()).build())
                .toString());
        said.add(bob.listLeads(ListLeadsRequest.newBuilder()
                        .setFilter("possible_duplicate = true")
                        .build())
                .toString());
        said.add(call(
                        QueueServiceGrpc.getListQueueMethod(),
                        List.of(ListQueueRequest.getDefaultInstance()),
                        Optional.of(otherRep))
                .toString());
        assertThat(said).noneMatch(answer -> answer.contains(id(lead.getName())));
        assertThat(said.get(1)).contains(id(inquiry.getName()));
        // the admin sees whom it may be
        assertThat(LeadServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(ADMIN)))
                        .getLead(GetLeadRequest.newBuilder()
                                .setName(inquiry.getName())
                                .build())
                        .getPossibleDuplicateOf())
                .isEqualTo(lead.getName());
    }

    @Test
    void anotherTeamsManagerLearnsNothingOfAlicesPeopleNorHerTeamsRuns() throws Exception {
        assertEveryAnswer(Optional.of(otherTeamsManager), Case::otherTeamsManager);
        // the imports ran, but the row that named alice, out of wendy's team, was rejected
        assertThat(LeadServiceGrpc.newBlockingStub(TokenCalls.withToken(hearth.channel(), Optional.of(ADMIN)))
                        .listLeads(
                                ListLeadsRequest.newBuilder().setPageSize(100).build())
                        .getLeadsList())
                .extracting(Lead::getEmail)
                .contains("ottilie.ownerly@example.com")
                .doesNotContain("given.away@example.com");
    }

    private void assertEveryAnswer(Optional<String> token, Function<Case, Status.Code> expected) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (MethodDescriptor<?, ?> method : methods()) {
            Case row = table.get(method.getFullMethodName());
            if (row == null) {
                continue; // theTableCoversEveryRpc fails
            }
            Answer answer = call(method, row.request().apply(this), token);
            String said = answer.toString();
            String asked = row.request().apply(this).toString();
            if (answer.status().getCode() != expected.apply(row)) {
                wrong.add(method.getFullMethodName() + ": expected " + expected.apply(row) + ", got " + said);
            }
            for (String secret : secrets) {
                // an id the caller named itself may be echoed ("leads/… does not exist")
                if (said.contains(secret) && !asked.contains(secret)) {
                    wrong.add(method.getFullMethodName() + ": the answer names " + secret + ": " + said);
                }
            }
            if (row.sameAs().isPresent()) {
                Answer aboutNobody = call(method, row.sameAs().get().apply(this), token);
                if (!withoutTimes(answer.responses()).equals(withoutTimes(aboutNobody.responses()))) {
                    wrong.add(method.getFullMethodName() + ": asked about alice it answers " + answer.responses()
                            + " but about nobody " + aboutNobody.responses());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The messages without their top-level timestamps (a watch's snapshot time, a plan's), which differ call to call. */
    private static List<Message> withoutTimes(List<Object> responses) {
        List<Message> stripped = new ArrayList<>();
        for (Object response : responses) {
            Message.Builder builder = ((Message) response).toBuilder();
            builder.getDescriptorForType().getFields().stream()
                    .filter(field ->
                            field.getJavaType() == com.google.protobuf.Descriptors.FieldDescriptor.JavaType.MESSAGE
                                    && field.getMessageType().getFullName().equals("google.protobuf.Timestamp"))
                    .forEach(builder::clearField);
            stripped.add(builder.build());
        }
        return stripped;
    }

    private static List<MethodDescriptor<?, ?>> methods() {
        List<MethodDescriptor<?, ?>> methods = new ArrayList<>();
        SERVICES.forEach(service -> methods.addAll(service.getMethods()));
        return methods;
    }

    private record Answer(Status status, List<Object> responses) {
        @Override
        public String toString() {
            return status.getCode() + " " + status.getDescription() + " " + responses;
        }
    }

    @SuppressWarnings("unchecked")
    private Answer call(MethodDescriptor<?, ?> method, List<? extends Message> requests, Optional<String> token)
            throws Exception {
        MethodDescriptor<Object, Object> any = (MethodDescriptor<Object, Object>) method;
        CompletableFuture<Status> closed = new CompletableFuture<>();
        List<Object> responses = new CopyOnWriteArrayList<>();
        ClientCall<Object, Object> call = TokenCalls.withToken(hearth.channel(), token)
                .newCall(any, CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS));
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onMessage(Object message) {
                        responses.add(message);
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        closed.complete(status);
                    }
                },
                new Metadata());
        call.request(Integer.MAX_VALUE);
        for (Message request : requests) {
            call.sendMessage(request);
        }
        call.halfClose();
        return new Answer(closed.get(30, TimeUnit.SECONDS), responses);
    }
}
