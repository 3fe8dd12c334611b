package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.assertCode;
import static io.hearth.server.grpc.GrpcAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.Date;
import com.google.type.Money;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.ActionChannel;
import io.hearth.proto.v1.ArchiveLeadRequest;
import io.hearth.proto.v1.Bant;
import io.hearth.proto.v1.BantAnswer;
import io.hearth.proto.v1.ChannelDuration;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.GetLeadProfileRequest;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.GetResponseStatsRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadProfile;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.ListQueueRequest;
import io.hearth.proto.v1.ListQueueResponse;
import io.hearth.proto.v1.PlanAgendaRequest;
import io.hearth.proto.v1.PlanAgendaResponse;
import io.hearth.proto.v1.Qualification;
import io.hearth.proto.v1.QualifyLeadRequest;
import io.hearth.proto.v1.QueueItem;
import io.hearth.proto.v1.QueueLane;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.QueueSnapshot;
import io.hearth.proto.v1.ReferralKind;
import io.hearth.proto.v1.ResponseStats;
import io.hearth.proto.v1.SetTemperatureOverrideRequest;
import io.hearth.proto.v1.Temperature;
import io.hearth.proto.v1.WatchQueueRequest;
import io.hearth.server.InProcessHearth;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** QueueService in one JVM: real wiring, real rules, in-memory HSQLDB, a fixed clock. */
class QueueServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private InProcessHearth hearth;
    private LeadServiceGrpc.LeadServiceBlockingStub leads;
    private QueueServiceGrpc.QueueServiceBlockingStub queue;

    @BeforeEach
    void start() throws Exception {
        hearth = new InProcessHearth(Clock.fixed(NOW, ZoneOffset.UTC));
        leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        queue = QueueServiceGrpc.newBlockingStub(hearth.channel());
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void webLeadsComeFirstWithTheirDeadlineAndEveryItemSaysWhy() {
        Lead cold = create("Cold", LeadSource.LEAD_SOURCE_PURCHASED_LIST);
        Lead web = create("Web", LeadSource.LEAD_SOURCE_WEB_FORM);
        Lead gone = create("Gone", LeadSource.LEAD_SOURCE_REFERRAL);
        leads.archiveLead(
                ArchiveLeadRequest.newBuilder().setName(gone.getName()).build());

        ListQueueResponse page =
                queue.listQueue(ListQueueRequest.newBuilder().setOwner("alice").build());

        assertThat(page.getItemsList()).extracting(QueueItem::getPerson).containsExactly(web.getName(), cold.getName());
        QueueItem first = page.getItems(0);
        assertThat(first.getLane()).isEqualTo(QueueLane.QUEUE_LANE_SPEED_TO_LEAD);
        assertThat(first.getDeadline().getSeconds())
                .isEqualTo(NOW.plusSeconds(300).getEpochSecond());
        assertThat(first.getDisplayName()).isEqualTo("Web Lead");
        assertThat(page.getItemsList())
                .allSatisfy(item -> assertThat(item.getReasonsList()).isNotEmpty());
    }

    @Test
    void qualifyingMovesTheLeadAndShowsTheReasons() {
        Lead lead = create("Buyer", LeadSource.LEAD_SOURCE_PURCHASED_LIST);
        LocalDate inFiveDays = LocalDate.ofInstant(NOW, ZoneOffset.UTC).plusDays(5);

        LeadProfile profile = queue.qualifyLead(QualifyLeadRequest.newBuilder()
                .setName(lead.getName())
                .setQualification(Qualification.newBuilder()
                        .setNeedBy(Date.newBuilder()
                                .setYear(inFiveDays.getYear())
                                .setMonth(inFiveDays.getMonthValue())
                                .setDay(inFiveDays.getDayOfMonth()))
                        .setEstimatedValue(
                                Money.newBuilder().setCurrencyCode("USD").setUnits(25_000))
                        .setBant(Bant.newBuilder()
                                .setBudget(BantAnswer.BANT_ANSWER_YES)
                                .setAuthority(BantAnswer.BANT_ANSWER_YES)
                                .setNeed(BantAnswer.BANT_ANSWER_YES)
                                .setTimescale(BantAnswer.BANT_ANSWER_YES))
                        .setLeadLevel(5))
                .build());

        assertThat(profile.getTemperature()).isEqualTo(Temperature.TEMPERATURE_HOT);
        assertThat(profile.getSizzling()).isTrue();
        assertThat(profile.getQualification().getQualified()).isTrue();
        assertThat(profile.getQualification().getEstimatedValue().getUnits()).isEqualTo(25_000);
        assertThat(profile.getReasonsList()).anyMatch(r -> r.startsWith("needs it by " + inFiveDays));
        assertThat(leads.getLead(GetLeadRequest.newBuilder()
                                .setName(lead.getName())
                                .build())
                        .getStatus())
                .isEqualTo(LeadStatus.LEAD_STATUS_QUALIFIED);
        assertThat(queue.listQueue(ListQueueRequest.getDefaultInstance())
                        .getItems(0)
                        .getLane())
                .isEqualTo(QueueLane.QUEUE_LANE_SIZZLING);
    }

    @Test
    void anOverrideIsKeptShownAndCleared() {
        Lead lead = create("Pinned", LeadSource.LEAD_SOURCE_PURCHASED_LIST);

        LeadProfile pinned = queue.setTemperatureOverride(SetTemperatureOverrideRequest.newBuilder()
                .setName(lead.getName())
                .setTemperature(Temperature.TEMPERATURE_WARM)
                .setReason("met at the gala")
                .setSetBy("alice")
                .build());
        LeadProfile requalified = queue.qualifyLead(QualifyLeadRequest.newBuilder()
                .setName(lead.getName())
                .setQualification(Qualification.newBuilder().setReferral(ReferralKind.REFERRAL_KIND_NONE))
                .build());

        assertThat(pinned.getTemperature()).isEqualTo(Temperature.TEMPERATURE_WARM);
        assertThat(pinned.getModelTemperature()).isEqualTo(Temperature.TEMPERATURE_COLD);
        assertThat(requalified.getOverride().getReason()).isEqualTo("met at the gala");
        assertThat(requalified.getTemperature()).isEqualTo(Temperature.TEMPERATURE_WARM);
        assertThat(queue.listQueue(ListQueueRequest.getDefaultInstance())
                        .getItems(0)
                        .getReasonsList())
                .contains("rep set it warm: met at the gala");

        LeadProfile cleared = queue.setTemperatureOverride(SetTemperatureOverrideRequest.newBuilder()
                .setName(lead.getName())
                .build());
        assertThat(cleared.hasOverride()).isFalse();
        assertThat(cleared.getTemperature()).isEqualTo(Temperature.TEMPERATURE_COLD);
        assertThat(queue.getLeadProfile(GetLeadProfileRequest.newBuilder()
                                .setName(lead.getName())
                                .build())
                        .getTemperature())
                .isEqualTo(Temperature.TEMPERATURE_COLD);
    }

    @Test
    void badInputNamesTheField() {
        Lead lead = create("Ada", LeadSource.LEAD_SOURCE_OTHER);
        assertInvalid(
                () -> queue.qualifyLead(QualifyLeadRequest.newBuilder()
                        .setName(lead.getName())
                        .setQualification(Qualification.newBuilder()
                                .setLeadLevel(9)
                                .setNeedBy(Date.newBuilder()
                                        .setYear(2026)
                                        .setMonth(13)
                                        .setDay(1))
                                .setEstimatedValue(Money.newBuilder()
                                        .setCurrencyCode("XYZ")
                                        .setUnits(5)))
                        .build()),
                "qualification.lead_level",
                "qualification.need_by",
                "qualification.estimated_value.currency_code");
        assertInvalid(
                () -> queue.qualifyLead(
                        QualifyLeadRequest.newBuilder().setName(lead.getName()).build()),
                "qualification");
        assertInvalid(
                () -> queue.setTemperatureOverride(SetTemperatureOverrideRequest.newBuilder()
                        .setName(lead.getName())
                        .setTemperature(Temperature.TEMPERATURE_HOT)
                        .build()),
                "reason");
        assertInvalid(
                () -> queue.getLeadProfile(
                        GetLeadProfileRequest.newBuilder().setName("leads/nope").build()),
                "name");
        assertInvalid(
                () -> queue.listQueue(
                        ListQueueRequest.newBuilder().setPageToken("garbage").build()),
                "page_token");
        assertInvalid(
                () -> queue.listQueue(
                        ListQueueRequest.newBuilder().setPageSize(-3).build()),
                "page_size");
        assertCode(
                () -> queue.getLeadProfile(GetLeadProfileRequest.newBuilder()
                        .setName("leads/" + UUID.randomUUID())
                        .build()),
                Status.Code.NOT_FOUND);
    }

    @Test
    void qualifyingAnArchivedLeadIsRefused() {
        Lead lead = create("Gone", LeadSource.LEAD_SOURCE_OTHER);
        leads.archiveLead(
                ArchiveLeadRequest.newBuilder().setName(lead.getName()).build());
        assertCode(
                () -> queue.qualifyLead(QualifyLeadRequest.newBuilder()
                        .setName(lead.getName())
                        .setQualification(Qualification.newBuilder().setLeadLevel(2))
                        .build()),
                Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void watchPushesANewWebLeadWithinASecond() throws Exception {
        create("Already", LeadSource.LEAD_SOURCE_PURCHASED_LIST);
        BlockingQueue<QueueSnapshot> snapshots = new LinkedBlockingQueue<>();
        QueueServiceGrpc.QueueServiceStub async = QueueServiceGrpc.newStub(hearth.channel());
        io.grpc.Context.CancellableContext watching = io.grpc.Context.current().withCancellation();
        watching.run(() -> async.watchQueue(
                WatchQueueRequest.newBuilder().setOwner("alice").build(), new StreamObserver<>() {
                    @Override
                    public void onNext(QueueSnapshot snapshot) {
                        snapshots.add(snapshot);
                    }

                    @Override
                    public void onError(Throwable t) {}

                    @Override
                    public void onCompleted() {}
                }));
        try {
            QueueSnapshot first = snapshots.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.getItemsList()).hasSize(1);

            Lead web = create("Web", LeadSource.LEAD_SOURCE_WEB_FORM);
            long start = System.nanoTime();
            QueueSnapshot next = snapshots.poll(5, TimeUnit.SECONDS);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(next).isNotNull();
            assertThat(waitedMillis).isLessThan(1000);
            assertThat(next.getItems(0).getPerson()).isEqualTo(web.getName());
            assertThat(next.getItems(0).hasDeadline()).isTrue();
        } finally {
            watching.cancel(null);
        }
    }

    @Test
    void watchSizeMustNotBeNegative() {
        assertInvalid(
                () -> queue.watchQueue(
                                WatchQueueRequest.newBuilder().setSize(-1).build())
                        .hasNext(),
                "size");
    }

    @Test
    void agendaFitsTheTimeBoxHottestFirst() {
        Lead hot = create("Hot", LeadSource.LEAD_SOURCE_OTHER);
        queue.setTemperatureOverride(SetTemperatureOverrideRequest.newBuilder()
                .setName(hot.getName())
                .setTemperature(Temperature.TEMPERATURE_HOT)
                .setReason("asked for a price")
                .build());
        Lead warm = create("Warm", LeadSource.LEAD_SOURCE_OTHER);
        queue.setTemperatureOverride(SetTemperatureOverrideRequest.newBuilder()
                .setName(warm.getName())
                .setTemperature(Temperature.TEMPERATURE_WARM)
                .setReason("friend of a client")
                .build());
        create("Cold", LeadSource.LEAD_SOURCE_PURCHASED_LIST);

        PlanAgendaResponse plan = queue.planAgenda(PlanAgendaRequest.newBuilder()
                .setOwner("alice")
                .setTimeBudget(com.google.protobuf.Duration.newBuilder().setSeconds(25 * 60))
                .addTypicalDurations(ChannelDuration.newBuilder()
                        .setChannel(ActionChannel.ACTION_CHANNEL_PHONE)
                        .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(12 * 60)))
                .build());

        assertThat(plan.getItemsList())
                .extracting(i -> i.getItem().getPerson())
                .containsExactly(hot.getName(), warm.getName());
        assertThat(plan.getPlanned().getSeconds()).isEqualTo(24 * 60);
        assertThat(plan.getLeft().getSeconds()).isEqualTo(60);
        // the cold lead behind the last planned one did not fit, but nothing was jumped over for it
        assertThat(plan.getSkipped()).isZero();
        assertInvalid(() -> queue.planAgenda(PlanAgendaRequest.getDefaultInstance()), "time_budget");
        assertInvalid(
                () -> queue.planAgenda(PlanAgendaRequest.newBuilder()
                        .setTimeBudget(com.google.protobuf.Duration.newBuilder().setSeconds(3600))
                        .addTypicalDurations(ChannelDuration.newBuilder()
                                .setChannel(ActionChannel.ACTION_CHANNEL_EMAIL)
                                .setDuration(com.google.protobuf.Duration.newBuilder()
                                        .setSeconds(-5)))
                        .build()),
                "typical_durations");
    }

    @Test
    void agendaTakesADurationForEveryChannelAndNamesAMissingOne() {
        create("Cold", LeadSource.LEAD_SOURCE_PURCHASED_LIST);
        PlanAgendaRequest.Builder request = PlanAgendaRequest.newBuilder()
                .setTimeBudget(com.google.protobuf.Duration.newBuilder().setSeconds(3600));
        for (ActionChannel channel : ActionChannel.values()) {
            if (channel != ActionChannel.ACTION_CHANNEL_UNSPECIFIED && channel != ActionChannel.UNRECOGNIZED) {
                request.addTypicalDurations(ChannelDuration.newBuilder()
                        .setChannel(channel)
                        .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(60)));
            }
        }

        assertThat(queue.planAgenda(request.build()).getItemsList()).hasSize(1);
        assertThat(request.getTypicalDurationsList())
                .extracting(ChannelDuration::getChannel)
                .contains(ActionChannel.ACTION_CHANNEL_SMS, ActionChannel.ACTION_CHANNEL_DIRECT_MAIL);
        assertInvalid(
                () -> queue.planAgenda(request.addTypicalDurations(ChannelDuration.newBuilder()
                                .setDuration(com.google.protobuf.Duration.newBuilder()
                                        .setSeconds(60)))
                        .build()),
                "typical_durations.channel");
    }

    @Test
    void responseStatsCountInboundLeadsOnly() {
        create("Web", LeadSource.LEAD_SOURCE_WEB_FORM);
        create("Listed", LeadSource.LEAD_SOURCE_PURCHASED_LIST);

        ResponseStats stats = queue.getResponseStats(GetResponseStatsRequest.newBuilder()
                .setOwner("alice")
                .setEndTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() + 1))
                .build());

        assertThat(stats.getAwaiting()).isEqualTo(1);
        assertThat(stats.getResponded()).isZero();
        assertThat(stats.hasMedian()).isFalse();
        assertThat(stats.getWindow().getSeconds()).isEqualTo(300);
        assertThat(stats.getBucketsList()).hasSize(4);
        assertInvalid(
                () -> queue.getResponseStats(GetResponseStatsRequest.newBuilder()
                        .setStartTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(NOW.getEpochSecond()))
                        .setEndTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 60))
                        .build()),
                "start_time");
    }

    private Lead create(String given, LeadSource source) {
        return leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName(given)
                        .setFamilyName("Lead")
                        .setPhone("+1 415 555 0100")
                        .setSource(source)
                        .setOwner("alice"))
                // the fixtures share one phone number
                .setAllowDuplicate(true)
                .build());
    }
}
