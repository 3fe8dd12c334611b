package io.hearth.cli;

import static io.hearth.cli.InProcessHearth.NOW;

import com.google.protobuf.util.Durations;
import com.google.type.Date;
import com.google.type.Money;
import io.hearth.proto.v1.ActionChannel;
import io.hearth.proto.v1.ActionKind;
import io.hearth.proto.v1.AgendaItem;
import io.hearth.proto.v1.Bant;
import io.hearth.proto.v1.BantAnswer;
import io.hearth.proto.v1.LeadProfile;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.MissedDeadline;
import io.hearth.proto.v1.OwnerMissedDeadlines;
import io.hearth.proto.v1.PlanAgendaResponse;
import io.hearth.proto.v1.Qualification;
import io.hearth.proto.v1.QueueItem;
import io.hearth.proto.v1.QueueLane;
import io.hearth.proto.v1.ReferralKind;
import io.hearth.proto.v1.ResponseBucket;
import io.hearth.proto.v1.ResponseBucketStats;
import io.hearth.proto.v1.ResponseStats;
import io.hearth.proto.v1.Temperature;
import io.hearth.proto.v1.TemperatureOverride;
import java.time.Duration;
import java.time.Instant;

/** Canned QueueService answers; times are relative to {@link InProcessHearth#NOW}. */
final class TestQueue {

    /** Due in 3m12s. */
    static final QueueItem ADA = QueueItem.newBuilder()
            .setPerson("leads/ada1")
            .setDisplayName("Ada Lovelace")
            .setOwner("alice")
            .setLane(QueueLane.QUEUE_LANE_SPEED_TO_LEAD)
            .setAction(ActionKind.ACTION_KIND_COLD_CALL)
            .setChannel(ActionChannel.ACTION_CHANNEL_PHONE)
            .addReasons("New web lead: first touch due")
            .addReasons("Asked for pricing")
            .setDeadline(Times.timestamp(NOW.plusSeconds(3 * 60 + 12)))
            .build();

    /** 1m05s overdue. */
    static final QueueItem GRACE = QueueItem.newBuilder()
            .setPerson("leads/grace2")
            .setDisplayName("Grace Hopper")
            .setOwner("bob")
            .setLane(QueueLane.QUEUE_LANE_SIZZLING)
            .setAction(ActionKind.ACTION_KIND_FOLLOW_UP)
            .setChannel(ActionChannel.ACTION_CHANNEL_VIDEO_CALL)
            .addReasons("Hot and due today")
            .setDeadline(Times.timestamp(NOW.minusSeconds(65)))
            .build();

    /** No deadline. */
    static final QueueItem LINUS = QueueItem.newBuilder()
            .setPerson("leads/linus3")
            .setDisplayName("Torvalds Inc")
            .setLane(QueueLane.QUEUE_LANE_COLD)
            .setAction(ActionKind.ACTION_KIND_TOUCH_BASE)
            .setChannel(ActionChannel.ACTION_CHANNEL_POSTCARD)
            .addReasons("No touch in 90 days")
            .build();

    /** A contact's follow-up that fell due 2 days ago. */
    static final QueueItem HOPPER = QueueItem.newBuilder()
            .setPerson("contacts/hopper4")
            .setDisplayName("Grace Hopper")
            .setOwner("alice")
            .setLane(QueueLane.QUEUE_LANE_DUE_FOLLOW_UP)
            .setAction(ActionKind.ACTION_KIND_FOLLOW_UP)
            .setChannel(ActionChannel.ACTION_CHANNEL_DIRECT_MAIL)
            .addReasons("follow-up 2 of 8 by direct mail, due 2026-11-21 10:00 UTC")
            .addReasons("prospect")
            .setDeadline(Times.timestamp(NOW.minus(Duration.ofDays(2))))
            .build();

    /** A contact's deal that stalled a day ago. */
    static final QueueItem RHODES = QueueItem.newBuilder()
            .setPerson("contacts/rhodes2")
            .setDisplayName("Ida Rhodes")
            .setOwner("alice")
            .setLane(QueueLane.QUEUE_LANE_OPPORTUNITY)
            .setAction(ActionKind.ACTION_KIND_FOLLOW_UP)
            .setChannel(ActionChannel.ACTION_CHANNEL_PHONE)
            .addReasons("deal \"200 seats\": in Proposal since 2026-11-12, stalled from 2026-11-22 (10-day limit),"
                    + " no next step")
            .addReasons("prospect")
            .setDeadline(Times.timestamp(NOW.minus(Duration.ofDays(1))))
            .setOpportunity("opportunities/d1")
            .build();

    /** A lead's scheduled text message, due a minute ago. */
    static final QueueItem BABBAGE = QueueItem.newBuilder()
            .setPerson("leads/babbage5")
            .setDisplayName("Charles Babbage")
            .setLane(QueueLane.QUEUE_LANE_DUE_FOLLOW_UP)
            .setAction(ActionKind.ACTION_KIND_TOUCH_BASE)
            .setChannel(ActionChannel.ACTION_CHANNEL_SMS)
            .addReasons("follow-up 1 of 2 by sms, due 2026-11-23 09:59 UTC")
            .setDeadline(Times.timestamp(NOW.minusSeconds(60)))
            .build();

    static final Qualification QUALIFICATION = Qualification.newBuilder()
            .setNeedBy(Date.newBuilder().setYear(2026).setMonth(12).setDay(15))
            .setEstimatedValue(
                    Money.newBuilder().setCurrencyCode("USD").setUnits(25000).setNanos(500_000_000))
            .setReferral(ReferralKind.REFERRAL_KIND_CHAMPION)
            .setBant(Bant.newBuilder()
                    .setBudget(BantAnswer.BANT_ANSWER_YES)
                    .setNeed(BantAnswer.BANT_ANSWER_YES)
                    .setTimescale(BantAnswer.BANT_ANSWER_NO))
            .setNote("Call after 2pm")
            .setLeadLevel(4)
            .setQualified(false)
            .setEtag("\"7\"")
            .build();

    /** Pinned hot over the model's warm; first touch due in 5 minutes. */
    static final LeadProfile PROFILE = LeadProfile.newBuilder()
            .setLead("leads/ada1")
            .setQualification(QUALIFICATION)
            .setTemperature(Temperature.TEMPERATURE_HOT)
            .setModelTemperature(Temperature.TEMPERATURE_WARM)
            .setSizzling(true)
            .setProbabilityToClose(0.724)
            .addReasons("Inbound web form")
            .addReasons("Budget confirmed")
            .setOverride(TemperatureOverride.newBuilder()
                    .setTemperature(Temperature.TEMPERATURE_HOT)
                    .setReason("Asked for a quote")
                    .setSetBy("alice")
                    .setSetTime(Times.timestamp(Instant.parse("2026-11-20T09:00:00Z"))))
            .setResponseDeadline(Times.timestamp(NOW.plusSeconds(300)))
            .setRateTime(Times.timestamp(NOW.minusSeconds(60)))
            .build();

    static final PlanAgendaResponse AGENDA = PlanAgendaResponse.newBuilder()
            .addItems(agendaItem(ADA, Duration.ofMinutes(10)))
            .addItems(agendaItem(GRACE, Duration.ofMinutes(30)))
            .addItems(agendaItem(LINUS, Duration.ofMinutes(75)))
            .setPlanned(Durations.fromMinutes(115))
            .setLeft(Durations.fromMinutes(5))
            .setSkipped(3)
            .build();

    static final ResponseStats STATS = ResponseStats.newBuilder()
            .setResponded(42)
            .setAwaiting(3)
            .setMissed(7)
            .setMedian(Durations.fromSeconds(192))
            .setP90(Durations.fromSeconds(41 * 60 + 5))
            .setShareWithinWindow(0.64)
            .setWindow(Durations.fromMinutes(5))
            .addBuckets(bucket(ResponseBucket.RESPONSE_BUCKET_WITHIN_5_MINUTES, 20, 8, 0.4))
            .addBuckets(bucket(ResponseBucket.RESPONSE_BUCKET_WITHIN_30_MINUTES, 12, 3, 0.25))
            .addBuckets(bucket(ResponseBucket.RESPONSE_BUCKET_WITHIN_24_HOURS, 8, 1, 0.125))
            .addBuckets(bucket(ResponseBucket.RESPONSE_BUCKET_LATER, 0, 0, 0))
            .setMissedUnanswered(2)
            .addMissedByOwner(owner("alice", 5, 2))
            .addMissedByOwner(owner("", 2, 0))
            .build();

    /** Answered 12m30s late. */
    static final MissedDeadline ADA_MISSED = MissedDeadline.newBuilder()
            .setLead("leads/ada1")
            .setDisplayName("Ada Lovelace")
            .setOwner("alice")
            .setSource(LeadSource.LEAD_SOURCE_WEB_FORM)
            .setArriveTime(Times.timestamp(NOW.minusSeconds(3600)))
            .setDeadline(Times.timestamp(NOW.minusSeconds(3300)))
            .setRecordTime(Times.timestamp(NOW.minusSeconds(3290)))
            .setFirstTouchTime(Times.timestamp(NOW.minusSeconds(3300 - 750)))
            .setLateBy(Durations.fromSeconds(750))
            .build();

    /** Nobody owned it; still waiting, 1h05m past its deadline. */
    static final MissedDeadline GRACE_MISSED = MissedDeadline.newBuilder()
            .setLead("leads/grace2")
            .setDisplayName("Grace Hopper")
            .setSource(LeadSource.LEAD_SOURCE_WEB_FORM)
            .setArriveTime(Times.timestamp(NOW.minusSeconds(65 * 60 + 300)))
            .setDeadline(Times.timestamp(NOW.minusSeconds(65 * 60)))
            .setRecordTime(Times.timestamp(NOW.minusSeconds(64 * 60)))
            .setLateBy(Durations.fromMinutes(65))
            .build();

    private TestQueue() {}

    private static AgendaItem agendaItem(QueueItem item, Duration estimate) {
        return AgendaItem.newBuilder()
                .setItem(item)
                .setEstimate(DurationText.toProto(estimate))
                .build();
    }

    private static OwnerMissedDeadlines owner(String owner, int missed, int unanswered) {
        return OwnerMissedDeadlines.newBuilder()
                .setOwner(owner)
                .setMissed(missed)
                .setUnanswered(unanswered)
                .build();
    }

    private static ResponseBucketStats bucket(ResponseBucket bucket, int leads, int qualified, double rate) {
        return ResponseBucketStats.newBuilder()
                .setBucket(bucket)
                .setLeads(leads)
                .setQualified(qualified)
                .setQualificationRate(rate)
                .build();
    }
}
