package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.assertCode;
import static io.hearth.server.grpc.GrpcAssertions.assertInvalid;
import static io.hearth.server.grpc.GrpcAssertions.errorReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.core.lead.TickingClock;
import io.hearth.proto.v1.ArchiveLeadRequest;
import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.CompleteFollowUpRequest;
import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.CreateContactRequest;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.FollowUp;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.FollowUpState;
import io.hearth.proto.v1.FollowUpStats;
import io.hearth.proto.v1.GetFollowUpRequest;
import io.hearth.proto.v1.GetFollowUpStatsRequest;
import io.hearth.proto.v1.GetLeadProfileRequest;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadProfile;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.ListDueFollowUpsRequest;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListTouchesRequest;
import io.hearth.proto.v1.LogTouchRequest;
import io.hearth.proto.v1.LogTouchResponse;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.RestoreLeadRequest;
import io.hearth.proto.v1.ScheduleFollowUpRequest;
import io.hearth.proto.v1.SkipFollowUpRequest;
import io.hearth.proto.v1.Touch;
import io.hearth.proto.v1.TouchChannel;
import io.hearth.proto.v1.TouchKind;
import io.hearth.proto.v1.TouchOutcome;
import io.hearth.proto.v1.UpdateLeadRequest;
import io.hearth.server.InProcessHearth;
import io.hearth.server.config.CadenceConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FollowUpService end to end inside one JVM: real wiring, real rules, in-memory HSQLDB, a controlled clock. */
class FollowUpServiceTest {
    private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
    private final TickingClock clock = new TickingClock(START, Duration.ofMillis(1));
    private InProcessHearth hearth;
    private FollowUpServiceGrpc.FollowUpServiceBlockingStub followUps;
    private LeadServiceGrpc.LeadServiceBlockingStub leads;
    private ContactServiceGrpc.ContactServiceBlockingStub contacts;

    private void start(CadenceConfig cadence) throws Exception {
        hearth = new InProcessHearth(clock, cadence);
        followUps = FollowUpServiceGrpc.newBlockingStub(hearth.channel());
        leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        contacts = ContactServiceGrpc.newBlockingStub(hearth.channel());
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void leadCadenceRunsCallThenPostcardThenDrip() throws Exception {
        start(CadenceConfig.DEFAULTS);
        Lead lead = lead();
        FollowUp call = followUps.scheduleFollowUp(
                ScheduleFollowUpRequest.newBuilder().setPerson(lead.getName()).build());
        assertThat(call.getChannel()).isEqualTo(TouchChannel.TOUCH_CHANNEL_PHONE);
        assertThat(due()).isZero();
        Lead scheduled = leads.getLead(
                GetLeadRequest.newBuilder().setName(lead.getName()).build());
        assertThat(scheduled.getCadenceState())
                .as("its first step is not due yet")
                .isEqualTo(CadenceState.CADENCE_STATE_WAITING);
        assertThat(scheduled.getNextStep().getFollowUp()).isEqualTo(call.getName());
        assertThat(scheduled.getNextStep().getChannel()).isEqualTo(TouchChannel.TOUCH_CHANNEL_PHONE);
        assertThat(scheduled.getNextStep().getDueTime()).isEqualTo(call.getDueTime());
        assertThat(scheduled.getNextStep().getReason()).isEqualTo("follow-up 1 of 2: phone");

        clock.advance(Duration.ofDays(2));
        assertThat(leads.getLead(GetLeadRequest.newBuilder()
                                .setName(lead.getName())
                                .build())
                        .getCadenceState())
                .as("its step has come due")
                .isEqualTo(CadenceState.CADENCE_STATE_ACTIVE);
        assertThat(followUps
                        .listDueFollowUps(ListDueFollowUpsRequest.newBuilder()
                                .setOwner("alice")
                                .build())
                        .getFollowUpsList())
                .extracting(FollowUp::getName)
                .containsExactly(call.getName());
        LogTouchResponse first = complete(call, TouchOutcome.TOUCH_OUTCOME_NO_ANSWER);
        assertThat(first.getNextFollowUp().getChannel()).isEqualTo(TouchChannel.TOUCH_CHANNEL_POSTCARD);
        assertThat(first.getCadenceState())
                .as("its postcard is scheduled for later")
                .isEqualTo(CadenceState.CADENCE_STATE_WAITING);

        assertThat(queuedPeople()).as("waits for its postcard").doesNotContain(lead.getName());
        clock.advance(Duration.ofDays(3));
        assertThat(queuedPeople()).contains(lead.getName());
        LogTouchResponse second = complete(first.getNextFollowUp(), TouchOutcome.TOUCH_OUTCOME_LEFT_VOICEMAIL);
        assertThat(second.getCadenceState()).isEqualTo(CadenceState.CADENCE_STATE_DRIP);
        assertThat(queuedPeople()).as("drip is nurtured, not worked by hand").doesNotContain(lead.getName());
        assertThat(second.getCompletedFollowUps()).isEqualTo(2);
        assertThat(second.hasNextFollowUp()).isFalse();
        Lead dripped = leads.getLead(
                GetLeadRequest.newBuilder().setName(lead.getName()).build());
        assertThat(dripped.getCadenceState()).as("drip is visible").isEqualTo(CadenceState.CADENCE_STATE_DRIP);
        assertThat(dripped.getCompletedFollowUps()).isEqualTo(2);
        assertThat(dripped.hasNextStep()).isFalse();
        assertThat(leads.listLeads(ListLeadsRequest.newBuilder()
                                .setFilter("cadence_state = DRIP")
                                .build())
                        .getLeadsList())
                .containsExactly(dripped);
        assertThat(leads.listLeads(ListLeadsRequest.newBuilder()
                                .setFilter("cadence_state = active")
                                .build())
                        .getLeadsList())
                .isEmpty();
        assertFailedPrecondition(
                () -> followUps.scheduleFollowUp(ScheduleFollowUpRequest.newBuilder()
                        .setPerson(lead.getName())
                        .build()),
                "PERSON_IN_DRIP");
        assertFailedPrecondition(() -> complete(call, TouchOutcome.TOUCH_OUTCOME_NO_ANSWER), "FOLLOW_UP_CLOSED");
    }

    @Test
    void positiveReplyConvertsAndTheContactKeepsTheTouches() throws Exception {
        start(CadenceConfig.DEFAULTS);
        Lead lead = lead();
        log(lead.getName(), TouchKind.TOUCH_KIND_COLD_CALL, TouchOutcome.TOUCH_OUTCOME_CONNECTED);
        LogTouchResponse reply =
                log(lead.getName(), TouchKind.TOUCH_KIND_TOUCH_BASE, TouchOutcome.TOUCH_OUTCOME_REPLIED_POSITIVE);

        Contact contact = reply.getConvertedContact();
        assertThat(contact.getConvertedFrom()).isEqualTo(lead.getName());
        assertThat(reply.getCadenceState()).isEqualTo(CadenceState.CADENCE_STATE_STOPPED);
        assertThat(reply.getTouch().getContact()).isEqualTo(contact.getName());
        assertThat(followUps
                        .listTouches(ListTouchesRequest.newBuilder()
                                .setPerson(contact.getName())
                                .build())
                        .getTouchesList())
                .extracting(Touch::getOutcome)
                .containsExactly(TouchOutcome.TOUCH_OUTCOME_REPLIED_POSITIVE, TouchOutcome.TOUCH_OUTCOME_CONNECTED);
        assertFailedPrecondition(
                () -> log(lead.getName(), TouchKind.TOUCH_KIND_TOUCH_BASE, TouchOutcome.TOUCH_OUTCOME_CONNECTED),
                "LEAD_CONVERTED");
    }

    @Test
    void theFirstTouchOnALeadIsItsResponseTime() throws Exception {
        start(CadenceConfig.DEFAULTS);
        Lead lead = lead();
        clock.advance(Duration.ofMinutes(3));
        LogTouchResponse call =
                log(lead.getName(), TouchKind.TOUCH_KIND_COLD_CALL, TouchOutcome.TOUCH_OUTCOME_NO_ANSWER);

        LeadProfile profile = QueueServiceGrpc.newBlockingStub(hearth.channel())
                .getLeadProfile(GetLeadProfileRequest.newBuilder()
                        .setName(lead.getName())
                        .build());
        assertThat(profile.getFirstTouchTime()).isEqualTo(call.getTouch().getOccurTime());
        assertThat(profile.getResponseTime().getSeconds()).isEqualTo(180);
    }

    @Test
    void suggestModeOnlySuggestsConverting() throws Exception {
        start(new CadenceConfig(2, 8, false));
        Lead lead = lead();
        LogTouchResponse meeting =
                log(lead.getName(), TouchKind.TOUCH_KIND_TOUCH_BASE, TouchOutcome.TOUCH_OUTCOME_MEETING_BOOKED);
        assertThat(meeting.getConversionSuggested()).isTrue();
        assertThat(meeting.hasConvertedContact()).isFalse();
    }

    @Test
    void rulesAnswerFailedPreconditionInWordsARepUnderstands() throws Exception {
        start(CadenceConfig.DEFAULTS);
        Contact supplier = contacts.createContact(CreateContactRequest.newBuilder()
                .setContact(Contact.newBuilder().setCompany("Paper Co").setKind(ContactKind.CONTACT_KIND_SUPPLIER))
                .build());
        assertThatThrownBy(() ->
                        log(supplier.getName(), TouchKind.TOUCH_KIND_COLD_CALL, TouchOutcome.TOUCH_OUTCOME_CONNECTED))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(errorReason(e)).isEqualTo("COLD_CALL_TO_CONTACT");
                    assertThat(e.getStatus().getDescription()).contains("never cold calls");
                });
        assertFailedPrecondition(
                () -> log(lead().getName(), TouchKind.TOUCH_KIND_FOLLOW_UP, TouchOutcome.TOUCH_OUTCOME_CONNECTED),
                "FOLLOW_UP_TO_LEAD");
    }

    @Test
    void badInputNamesTheFieldAndUnknownNamesAreNotFound() throws Exception {
        start(CadenceConfig.DEFAULTS);
        assertInvalid(
                () -> followUps.logTouch(LogTouchRequest.newBuilder()
                        .setTouch(Touch.newBuilder().setPerson(lead().getName()))
                        .build()),
                "touch.kind",
                "touch.channel",
                "touch.outcome");
        assertInvalid(
                () -> followUps.logTouch(LogTouchRequest.newBuilder()
                        .setTouch(Touch.newBuilder().setPerson("people/1"))
                        .build()),
                "touch.person");
        assertInvalid(() -> followUps.logTouch(LogTouchRequest.getDefaultInstance()), "touch");
        assertInvalid(() -> followUps.getFollowUpStats(GetFollowUpStatsRequest.getDefaultInstance()), "start_time");
        assertInvalid(
                () -> followUps.skipFollowUp(
                        SkipFollowUpRequest.newBuilder().setName("followUps/x").build()),
                "name");
        assertCode(
                () -> followUps.skipFollowUp(SkipFollowUpRequest.newBuilder()
                        .setName("followUps/" + UUID.randomUUID())
                        .build()),
                Status.Code.NOT_FOUND);
        assertCode(
                () -> followUps.scheduleFollowUp(ScheduleFollowUpRequest.newBuilder()
                        .setPerson("contacts/" + UUID.randomUUID())
                        .build()),
                Status.Code.NOT_FOUND);
        assertInvalid(
                () -> followUps.completeFollowUp(CompleteFollowUpRequest.newBuilder()
                        .setName("followUps/" + UUID.randomUUID())
                        .build()),
                "outcome");
    }

    @Test
    void statsCountTouchesOfThePeriod() throws Exception {
        start(CadenceConfig.DEFAULTS);
        Lead lead = lead();
        log(lead.getName(), TouchKind.TOUCH_KIND_COLD_CALL, TouchOutcome.TOUCH_OUTCOME_NO_ANSWER);
        log(lead.getName(), TouchKind.TOUCH_KIND_TOUCH_BASE, TouchOutcome.TOUCH_OUTCOME_MEETING_BOOKED);

        FollowUpStats stats = followUps.getFollowUpStats(GetFollowUpStatsRequest.newBuilder()
                .setStartTime(at(START))
                .setEndTime(at(START.plus(Duration.ofDays(1))))
                .build());

        assertThat(stats.getPositiveRateByChannelList()).hasSize(1);
        assertThat(stats.getPositiveRateByChannel(0).getTouches()).isEqualTo(2);
        assertThat(stats.getPositiveRateByChannel(0).getRate()).isEqualTo(0.5);
        assertThat(stats.getConversions()).isEqualTo(1);
        assertThat(stats.getMedianTouchesToConversion()).isEqualTo(2.0);
        assertThat(stats.getConversionRateBySource(0).getSource()).isEqualTo(LeadSource.LEAD_SOURCE_WEB_FORM);
        assertThat(stats.getConversionRateBySource(0).getRate()).isEqualTo(1.0);
    }

    @Test
    void skippingMovesToTheNextStep() throws Exception {
        start(CadenceConfig.DEFAULTS);
        FollowUp call = followUps.scheduleFollowUp(
                ScheduleFollowUpRequest.newBuilder().setPerson(lead().getName()).build());
        FollowUp next = followUps.skipFollowUp(
                SkipFollowUpRequest.newBuilder().setName(call.getName()).build());
        assertThat(next.getChannel()).isEqualTo(TouchChannel.TOUCH_CHANNEL_POSTCARD);
        assertThat(next.getFollowUpNumber()).isEqualTo(1);
        FollowUp skipped = followUps.getFollowUp(
                GetFollowUpRequest.newBuilder().setName(call.getName()).build());
        assertThat(skipped.getState()).isEqualTo(FollowUpState.FOLLOW_UP_STATE_SKIPPED);
        assertThat(skipped.getSkipReason()).as("none given").isEmpty();
    }

    @Test
    void aSkippedFollowUpKeepsItsReasonWithinItsLimit() throws Exception {
        start(CadenceConfig.DEFAULTS);
        FollowUp call = followUps.scheduleFollowUp(
                ScheduleFollowUpRequest.newBuilder().setPerson(lead().getName()).build());
        assertInvalid(
                () -> followUps.skipFollowUp(SkipFollowUpRequest.newBuilder()
                        .setName(call.getName())
                        .setReason("x".repeat(501))
                        .build()),
                "reason");
        assertInvalid(
                () -> followUps.skipFollowUp(SkipFollowUpRequest.newBuilder()
                        .setName(call.getName())
                        .setReason("two\nlines")
                        .build()),
                "reason");

        FollowUp next = followUps.skipFollowUp(SkipFollowUpRequest.newBuilder()
                .setName(call.getName())
                .setReason(" on leave until the 12th ")
                .build());

        FollowUp skipped = followUps.getFollowUp(
                GetFollowUpRequest.newBuilder().setName(call.getName()).build());
        assertThat(skipped.getState()).isEqualTo(FollowUpState.FOLLOW_UP_STATE_SKIPPED);
        assertThat(skipped.getSkipReason()).isEqualTo("on leave until the 12th");
        assertThat(followUps
                        .getFollowUp(GetFollowUpRequest.newBuilder()
                                .setName(next.getName())
                                .build())
                        .getSkipReason())
                .isEmpty();
        assertCode(
                () -> followUps.getFollowUp(GetFollowUpRequest.newBuilder()
                        .setName("followUps/" + UUID.randomUUID())
                        .build()),
                Status.Code.NOT_FOUND);
    }

    @Test
    void aLeadsStatusMovesWithItsLifeAndListsFilterOnIt() throws Exception {
        start(CadenceConfig.DEFAULTS);
        Lead lead = lead();
        assertThat(lead.getStatus()).isEqualTo(LeadStatus.LEAD_STATUS_NEW);

        log(lead.getName(), TouchKind.TOUCH_KIND_COLD_CALL, TouchOutcome.TOUCH_OUTCOME_NO_ANSWER);
        assertThat(leads.getLead(GetLeadRequest.newBuilder()
                                .setName(lead.getName())
                                .build())
                        .getStatus())
                .isEqualTo(LeadStatus.LEAD_STATUS_CONTACTED);
        assertThat(names("status = contacted")).containsExactly(lead.getName());
        assertThat(names("status = new")).isEmpty();

        Lead archived = leads.archiveLead(
                ArchiveLeadRequest.newBuilder().setName(lead.getName()).build());
        assertThat(archived.getStatus()).isEqualTo(LeadStatus.LEAD_STATUS_ARCHIVED);
        assertThat(names("status = archived")).containsExactly(lead.getName());
        assertThat(leads.restoreLead(RestoreLeadRequest.newBuilder()
                                .setName(lead.getName())
                                .build())
                        .getStatus())
                .isEqualTo(LeadStatus.LEAD_STATUS_CONTACTED);
        assertInvalid(
                () -> leads.updateLead(UpdateLeadRequest.newBuilder()
                        .setLead(Lead.newBuilder().setName(lead.getName()).setStatus(LeadStatus.LEAD_STATUS_MERGED))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("status"))
                        .build()),
                "lead.status");
    }

    private List<String> names(String filter) {
        return leads.listLeads(ListLeadsRequest.newBuilder().setFilter(filter).build()).getLeadsList().stream()
                .map(Lead::getName)
                .toList();
    }

    private Lead lead() {
        return leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName("Ada")
                        .setEmail("ada@example.com")
                        .setPhone("+1 415 555 0100")
                        .setSource(LeadSource.LEAD_SOURCE_WEB_FORM)
                        .setOwner("alice"))
                .build());
    }

    private LogTouchResponse log(String person, TouchKind kind, TouchOutcome outcome) {
        return followUps.logTouch(LogTouchRequest.newBuilder()
                .setTouch(Touch.newBuilder()
                        .setPerson(person)
                        .setKind(kind)
                        .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                        .setOutcome(outcome)
                        .setPerformedBy("alice"))
                .build());
    }

    private LogTouchResponse complete(FollowUp followUp, TouchOutcome outcome) {
        return followUps.completeFollowUp(CompleteFollowUpRequest.newBuilder()
                .setName(followUp.getName())
                .setOutcome(outcome)
                .setPerformedBy("alice")
                .build());
    }

    private int due() {
        return followUps
                .listDueFollowUps(ListDueFollowUpsRequest.getDefaultInstance())
                .getFollowUpsCount();
    }

    private static Timestamp at(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).build();
    }

    private static void assertFailedPrecondition(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(errorReason(e)).isEqualTo(reason);
        });
    }

    private List<String> queuedPeople() {
        return QueueServiceGrpc.newBlockingStub(hearth.channel())
                .listQueue(io.hearth.proto.v1.ListQueueRequest.getDefaultInstance())
                .getItemsList()
                .stream()
                .map(io.hearth.proto.v1.QueueItem::getPerson)
                .toList();
    }
}
