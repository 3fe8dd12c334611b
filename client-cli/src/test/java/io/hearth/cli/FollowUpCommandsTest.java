package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.ChannelRate;
import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.ConvertLeadRequest;
import io.hearth.proto.v1.ConvertLeadResponse;
import io.hearth.proto.v1.CreateContactRequest;
import io.hearth.proto.v1.FollowUp;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.FollowUpStats;
import io.hearth.proto.v1.GetFollowUpStatsRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.ListContactsRequest;
import io.hearth.proto.v1.ListContactsResponse;
import io.hearth.proto.v1.ListDueFollowUpsRequest;
import io.hearth.proto.v1.ListDueFollowUpsResponse;
import io.hearth.proto.v1.LogTouchRequest;
import io.hearth.proto.v1.LogTouchResponse;
import io.hearth.proto.v1.MergeLeadIntoContactRequest;
import io.hearth.proto.v1.MergeLeadIntoContactResponse;
import io.hearth.proto.v1.Touch;
import io.hearth.proto.v1.TouchChannel;
import io.hearth.proto.v1.TouchKind;
import io.hearth.proto.v1.TouchOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** contacts, touch log, followups due, leads convert and stats followups against recording fakes. */
class FollowUpCommandsTest {

    private final List<Message> requests = new CopyOnWriteArrayList<>();
    private final String serverName = InProcessServerBuilder.generateName();
    private Server server;

    @BeforeEach
    void start() throws Exception {
        server = InProcessServerBuilder.forName(serverName)
                .directExecutor()
                .addService(new Contacts())
                .addService(new FollowUps())
                .build()
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void contactsCreateSendsTheKindAndPrintsTheContact() {
        CliResult result = run("contacts", "create", "--kind", "supplier", "--company", "Paper Co");

        assertThat(result.exitCode()).as(result.err()).isZero();
        CreateContactRequest request = (CreateContactRequest) requests.get(0);
        assertThat(request.getContact().getKind()).isEqualTo(ContactKind.CONTACT_KIND_SUPPLIER);
        assertThat(request.getContact().getCompany()).isEqualTo("Paper Co");
        assertThat(request.getRequestId()).as("a random request id").hasSize(36);
        assertThat(request.getAllowDuplicate()).isFalse();
        assertThat(result.out()).contains("contacts/c1").contains("supplier");
    }

    @Test
    void contactsMergeLeadSendsBothNamesAndSaysWhatMoved() {
        CliResult result = run("contacts", "merge-lead", "c1", "l9", "--lead-etag", "\"3\"");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests.get(0))
                .isEqualTo(MergeLeadIntoContactRequest.newBuilder()
                        .setContact("contacts/c1")
                        .setLead("leads/l9")
                        .setLeadEtag("\"3\"")
                        .build());
        assertThat(result.out())
                .startsWith("leads/l9 merged into " + PAPER_CO.getName()
                        + ": 2 touches, 0 follow-ups, 0 connector links moved");
    }

    @Test
    void contactsCreateSendsAllowDuplicateWhenAsked() {
        CliResult result = run("contacts", "create", "--kind", "partner", "--company", "Ink Ltd", "--allow-duplicate");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((CreateContactRequest) requests.get(0)).getAllowDuplicate()).isTrue();
    }

    @Test
    void contactsCreateSendsTheRequestIdThatMakesRetriesSafe() {
        CliResult result =
                run("contacts", "create", "--kind", "partner", "--company", "Ink Ltd", "--request-id", "k-7");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((CreateContactRequest) requests.get(0)).getRequestId()).isEqualTo("k-7");
    }

    @Test
    void contactsListBuildsTheFilterFromOptions() {
        CliResult result = run("contacts", "list", "--kind", "partner", "--owner", "alice", "--cadence-state", "drip");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((ListContactsRequest) requests.get(0)).getFilter())
                .isEqualTo("kind = PARTNER AND owner = \"alice\" AND cadence_state = DRIP");
        assertThat(result.out()).contains("DISPLAY NAME").contains("Paper Co").contains("drip");
    }

    @Test
    void contactsListFiltersOnTheFieldsEveryPersonHas() {
        CliResult result = run("contacts", "list", "--source", "referral", "--tag", "vip", "--tag", "say \"hi\"");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((ListContactsRequest) requests.get(0)).getFilter())
                .isEqualTo("source = REFERRAL AND tag = \"vip\" AND tag = \"say \\\"hi\\\"\"");
    }

    @Test
    void touchLogReportsTheConversion() {
        CliResult result = run(
                "touch",
                "log",
                "leads/l1",
                "--kind",
                "touch-base",
                "--channel",
                "phone",
                "--outcome",
                "replied-positive",
                "--minutes",
                "5",
                "--by",
                "alice");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Touch touch = ((LogTouchRequest) requests.get(0)).getTouch();
        assertThat(touch.getKind()).isEqualTo(TouchKind.TOUCH_KIND_TOUCH_BASE);
        assertThat(touch.getOutcome()).isEqualTo(TouchOutcome.TOUCH_OUTCOME_REPLIED_POSITIVE);
        assertThat(touch.getDuration().getSeconds()).isEqualTo(300);
        assertThat(result.out()).contains("converted to contacts/c1");
    }

    @Test
    void aTouchForADealNamesTheDeal() {
        CliResult result = run(
                "touch",
                "log",
                "contacts/c1",
                "--kind",
                "follow-up",
                "--channel",
                "phone",
                "--outcome",
                "connected",
                "--deal",
                "d1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Touch touch = ((LogTouchRequest) requests.get(0)).getTouch();
        assertThat(touch.getOpportunity()).isEqualTo("opportunities/d1");
        assertThat(result.out()).contains("logged touches/t1 for opportunities/d1;");
    }

    @Test
    void ruleViolationsPrintTheServersWordsAndExitOne() {
        CliResult result = run(
                "touch", "log", "contacts/c1", "--kind", "cold-call", "--channel", "phone", "--outcome", "connected");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("FAILED_PRECONDITION").contains("never cold calls");
    }

    @Test
    void followUpsDueAsJson() {
        CliResult result = run("--output", "json", "followups", "due", "--owner", "alice");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((ListDueFollowUpsRequest) requests.get(0)).getOwner()).isEqualTo("alice");
        assertThat(result.out()).contains("\"followUps\"").contains("\"purpose\": \"follow-up 1 of 2: phone\"");
    }

    @Test
    void leadsConvertPrintsBothNames() {
        CliResult result = run("leads", "convert", "l1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((ConvertLeadRequest) requests.get(0)).getLead()).isEqualTo("leads/l1");
        assertThat(result.out()).contains("leads/l1 converted to contacts/c1");
    }

    @Test
    void statsFollowUpsCoversWholeUtcDaysAndPrintsRates() {
        CliResult result =
                run("stats", "followups", "--from", "2026-11-01", "--to", "2026-11-02", "--source", "referral");

        assertThat(result.exitCode()).as(result.err()).isZero();
        GetFollowUpStatsRequest request = (GetFollowUpStatsRequest) requests.get(0);
        assertThat(request.getStartTime().getSeconds()).isEqualTo(1_793_491_200L);
        assertThat(request.getEndTime().getSeconds()).isEqualTo(1_793_664_000L);
        assertThat(request.getSource()).isEqualTo(LeadSource.LEAD_SOURCE_REFERRAL);
        assertThat(result.out()).contains("phone").contains("25%").contains("median touches to conversion: 1.5");
    }

    private CliResult run(String... args) {
        return CliResult.run((target, credentials) -> inProcess(), args);
    }

    private ManagedChannel inProcess() {
        return InProcessChannelBuilder.forName(serverName).directExecutor().build();
    }

    private static final Contact PAPER_CO = Contact.newBuilder()
            .setName("contacts/c1")
            .setDisplayName("Paper Co")
            .setKind(ContactKind.CONTACT_KIND_SUPPLIER)
            .setCadenceState(CadenceState.CADENCE_STATE_DRIP)
            .build();

    private final class Contacts extends ContactServiceGrpc.ContactServiceImplBase {
        @Override
        public void createContact(CreateContactRequest request, StreamObserver<Contact> response) {
            requests.add(request);
            response.onNext(PAPER_CO);
            response.onCompleted();
        }

        @Override
        public void listContacts(ListContactsRequest request, StreamObserver<ListContactsResponse> response) {
            requests.add(request);
            response.onNext(
                    ListContactsResponse.newBuilder().addContacts(PAPER_CO).build());
            response.onCompleted();
        }

        @Override
        public void mergeLeadIntoContact(
                MergeLeadIntoContactRequest request, StreamObserver<MergeLeadIntoContactResponse> response) {
            requests.add(request);
            response.onNext(MergeLeadIntoContactResponse.newBuilder()
                    .setContact(PAPER_CO)
                    .setLead(Lead.newBuilder().setName(request.getLead()).setMergedInto(PAPER_CO.getName()))
                    .setTouchesMoved(2)
                    .build());
            response.onCompleted();
        }

        @Override
        public void convertLead(ConvertLeadRequest request, StreamObserver<ConvertLeadResponse> response) {
            requests.add(request);
            response.onNext(ConvertLeadResponse.newBuilder()
                    .setLead(Lead.newBuilder().setName("leads/l1"))
                    .setContact(PAPER_CO)
                    .build());
            response.onCompleted();
        }
    }

    private final class FollowUps extends FollowUpServiceGrpc.FollowUpServiceImplBase {
        @Override
        public void logTouch(LogTouchRequest request, StreamObserver<LogTouchResponse> response) {
            requests.add(request);
            if (request.getTouch().getKind() == TouchKind.TOUCH_KIND_COLD_CALL) {
                response.onError(Status.FAILED_PRECONDITION
                        .withDescription("contacts/c1 is a contact, not a lead: never cold calls")
                        .asException());
                return;
            }
            response.onNext(LogTouchResponse.newBuilder()
                    .setTouch(Touch.newBuilder()
                            .setName("touches/t1")
                            .setOpportunity(request.getTouch().getOpportunity()))
                    .setCadenceState(CadenceState.CADENCE_STATE_STOPPED)
                    .setConvertedContact(PAPER_CO)
                    .build());
            response.onCompleted();
        }

        @Override
        public void listDueFollowUps(
                ListDueFollowUpsRequest request, StreamObserver<ListDueFollowUpsResponse> response) {
            requests.add(request);
            response.onNext(ListDueFollowUpsResponse.newBuilder()
                    .addFollowUps(FollowUp.newBuilder()
                            .setName("followUps/f1")
                            .setPerson("leads/l1")
                            .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                            .setPurpose("follow-up 1 of 2: phone")
                            .setDueTime(Timestamp.newBuilder().setSeconds(1)))
                    .build());
            response.onCompleted();
        }

        @Override
        public void getFollowUpStats(GetFollowUpStatsRequest request, StreamObserver<FollowUpStats> response) {
            requests.add(request);
            response.onNext(FollowUpStats.newBuilder()
                    .addPositiveRateByChannel(ChannelRate.newBuilder()
                            .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                            .setTouches(4)
                            .setPositive(1)
                            .setRate(0.25))
                    .setConversions(2)
                    .setMedianTouchesToConversion(1.5)
                    .build());
            response.onCompleted();
        }
    }
}
