package io.hearth.server.grpc;

import com.google.protobuf.Duration;
import com.google.type.Date;
import com.google.type.Money;
import io.hearth.core.lead.Temperature;
import io.hearth.core.priority.Answer;
import io.hearth.core.priority.LeadProfile;
import io.hearth.core.priority.MissedDeadline;
import io.hearth.core.priority.OwnerMisses;
import io.hearth.core.priority.Qualification;
import io.hearth.core.priority.QualificationField;
import io.hearth.core.priority.QualificationInput;
import io.hearth.core.priority.ReferralKind;
import io.hearth.core.queue.QueueEntry;
import io.hearth.proto.v1.BantAnswer;
import io.hearth.proto.v1.OwnerMissedDeadlines;
import io.hearth.proto.v1.QueueItem;
import io.hearth.proto.v1.QueueLane;
import io.hearth.proto.v1.TemperatureOverride;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** Queue and qualification messages to domain values and back. */
final class QueueMapper {
    private static final String CHANNEL = "ACTION_CHANNEL_";

    private QueueMapper() {}

    static QueueItem toProto(QueueEntry entry) {
        QueueItem.Builder item = QueueItem.newBuilder()
                .setPerson((entry.personKind() == io.hearth.core.person.PersonKind.LEAD ? "leads/" : "contacts/")
                        + entry.personId())
                .setDisplayName(entry.displayName())
                .setOwner(entry.owner() == null ? "" : entry.owner())
                .setLane(ProtoEnums.toProto(entry.lane(), QueueLane.class, "QUEUE_LANE_"))
                .setAction(ProtoEnums.toProto(entry.action(), io.hearth.proto.v1.ActionKind.class, "ACTION_KIND_"))
                .setChannel(ProtoEnums.toProto(entry.channel(), io.hearth.proto.v1.ActionChannel.class, CHANNEL))
                .addAllReasons(entry.reasons());
        if (entry.deadline() != null) {
            item.setDeadline(ProtoTimes.toProto(entry.deadline()));
        }
        if (entry.followUpId() != null) {
            item.setFollowUp(io.hearth.core.touch.FollowUp.COLLECTION + entry.followUpId());
        }
        if (entry.opportunityId() != null) {
            item.setOpportunity(io.hearth.core.opportunity.OpportunityId.COLLECTION + entry.opportunityId());
        }
        return item.build();
    }

    static io.hearth.proto.v1.LeadProfile toProto(LeadProfile profile, Instant arrivedAt) {
        Qualification q = profile.qualification();
        io.hearth.proto.v1.Qualification.Builder qualification = io.hearth.proto.v1.Qualification.newBuilder()
                .setReferral(io.hearth.proto.v1.ReferralKind.valueOf(
                        "REFERRAL_KIND_" + q.referral().name()))
                .setBant(io.hearth.proto.v1.Bant.newBuilder()
                        .setBudget(answer(q.bant().budget()))
                        .setAuthority(answer(q.bant().authority()))
                        .setNeed(answer(q.bant().need()))
                        .setTimescale(answer(q.bant().timescale())))
                .setNote(q.note() == null ? "" : q.note())
                .setLeadLevel(q.leadLevel())
                .setQualified(q.bant().qualified())
                .setEtag(profile.qualificationEtag());
        if (q.needBy() != null) {
            qualification.setNeedBy(Date.newBuilder()
                    .setYear(q.needBy().getYear())
                    .setMonth(q.needBy().getMonthValue())
                    .setDay(q.needBy().getDayOfMonth()));
        }
        if (q.estimatedValue() != null) {
            BigDecimal amount = q.estimatedValue().amount();
            BigDecimal units = new BigDecimal(amount.toBigInteger());
            qualification.setEstimatedValue(Money.newBuilder()
                    .setCurrencyCode(q.estimatedValue().currency())
                    .setUnits(units.longValueExact())
                    .setNanos(amount.subtract(units).movePointRight(9).intValue()));
        }
        io.hearth.proto.v1.LeadProfile.Builder proto = io.hearth.proto.v1.LeadProfile.newBuilder()
                .setLead("leads/" + profile.leadId().value())
                .setQualification(qualification)
                .setTemperature(temperature(profile.temperature()))
                .setModelTemperature(temperature(profile.rating().grade()))
                .setSizzling(profile.rating().sizzling())
                .setProbabilityToClose(profile.rating().probabilityToClose())
                .addAllReasons(profile.rating().reasons())
                .setRateTime(ProtoTimes.toProto(profile.ratedAt()));
        if (profile.override() != null) {
            TemperatureOverride.Builder override = TemperatureOverride.newBuilder()
                    .setTemperature(temperature(profile.override().grade()))
                    .setReason(profile.override().reason())
                    .setSetTime(ProtoTimes.toProto(profile.override().at()));
            if (profile.override().by() != null) {
                override.setSetBy(profile.override().by());
            }
            proto.setOverride(override);
        }
        if (profile.responseDeadline() != null) {
            proto.setResponseDeadline(ProtoTimes.toProto(profile.responseDeadline()));
        }
        if (profile.activity().firstTouchAt() != null) {
            proto.setFirstTouchTime(ProtoTimes.toProto(profile.activity().firstTouchAt()));
        }
        profile.responseTime(arrivedAt)
                .ifPresent(d -> proto.setResponseTime(
                        Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano())));
        return proto.build();
    }

    /** A qualification as the rep sent it; core reads it ({@link QualificationInput#read}). */
    static QualificationInput toInput(io.hearth.proto.v1.Qualification proto) {
        Date d = proto.getNeedBy();
        Money m = proto.getEstimatedValue();
        ReferralKind referral = switch (proto.getReferral()) {
            case REFERRAL_KIND_UNSPECIFIED, REFERRAL_KIND_NONE -> ReferralKind.NONE;
            case REFERRAL_KIND_CHAMPION -> ReferralKind.CHAMPION;
            case REFERRAL_KIND_FAN -> ReferralKind.FAN;
            case UNRECOGNIZED -> null;
        };
        io.hearth.proto.v1.Bant b = proto.getBant();
        return new QualificationInput(
                proto.hasNeedBy() ? new QualificationInput.Day(d.getYear(), d.getMonth(), d.getDay()) : null,
                proto.hasEstimatedValue()
                        ? new QualificationInput.Amount(m.getCurrencyCode(), m.getUnits(), m.getNanos())
                        : null,
                referral,
                answer(b.getBudget()),
                answer(b.getAuthority()),
                answer(b.getNeed()),
                answer(b.getTimescale()),
                proto.getNote(),
                proto.getLeadLevel());
    }

    /** AIP-134: without an update mask, every qualification field the caller set is updated. */
    static Set<QualificationField> fieldsSetIn(io.hearth.proto.v1.Qualification proto) {
        Set<QualificationField> set = EnumSet.noneOf(QualificationField.class);
        addIf(set, QualificationField.NEED_BY, proto.hasNeedBy());
        addIf(set, QualificationField.ESTIMATED_VALUE, proto.hasEstimatedValue());
        addIf(set, QualificationField.REFERRAL, proto.getReferralValue() != 0);
        io.hearth.proto.v1.Bant bant = proto.getBant();
        addIf(set, QualificationField.BUDGET, bant.getBudgetValue() != 0);
        addIf(set, QualificationField.AUTHORITY, bant.getAuthorityValue() != 0);
        addIf(set, QualificationField.NEED, bant.getNeedValue() != 0);
        addIf(set, QualificationField.TIMESCALE, bant.getTimescaleValue() != 0);
        addIf(set, QualificationField.NOTE, !proto.getNote().isEmpty());
        addIf(set, QualificationField.LEAD_LEVEL, proto.getLeadLevel() != 0);
        return set;
    }

    static io.hearth.proto.v1.MissedDeadline toProto(MissedDeadline missed, Instant now) {
        io.hearth.proto.v1.MissedDeadline.Builder proto = io.hearth.proto.v1.MissedDeadline.newBuilder()
                .setLead(missed.leadId().name())
                .setDisplayName(missed.displayName())
                .setOwner(missed.owner() == null ? "" : missed.owner())
                .setSource(ProtoEnums.toProto(missed.source(), io.hearth.proto.v1.LeadSource.class, "LEAD_SOURCE_"))
                .setArriveTime(ProtoTimes.toProto(missed.arrivedAt()))
                .setDeadline(ProtoTimes.toProto(missed.deadline()))
                .setRecordTime(ProtoTimes.toProto(missed.recordedAt()))
                .setLateBy(ProtoTimes.toProto(missed.lateBy(now)));
        if (missed.answered()) {
            proto.setFirstTouchTime(ProtoTimes.toProto(missed.respondedAt()));
        }
        return proto.build();
    }

    static io.hearth.core.queue.ActionChannel channel(io.hearth.proto.v1.ActionChannel proto, String field) {
        return ProtoEnums.toDomain(proto, io.hearth.core.queue.ActionChannel.class, CHANNEL, field);
    }

    static io.hearth.proto.v1.ResponseStats toProto(
            io.hearth.core.priority.ResponseStats stats, java.time.Duration window) {
        io.hearth.proto.v1.ResponseStats.Builder proto = io.hearth.proto.v1.ResponseStats.newBuilder()
                .setResponded(stats.responded())
                .setAwaiting(stats.awaiting())
                .setMissed(stats.missed())
                .setShareWithinWindow(stats.shareWithinWindow())
                .setWindow(ProtoTimes.toProto(window));
        proto.setMissedUnanswered(stats.missedUnanswered());
        for (OwnerMisses misses : stats.missedByOwner()) {
            proto.addMissedByOwner(OwnerMissedDeadlines.newBuilder()
                    .setOwner(misses.owner() == null ? "" : misses.owner())
                    .setMissed(misses.missed())
                    .setUnanswered(misses.unanswered()));
        }
        stats.median().ifPresent(m -> proto.setMedian(ProtoTimes.toProto(m)));
        stats.p90().ifPresent(p -> proto.setP90(ProtoTimes.toProto(p)));
        stats.buckets()
                .forEach((bucket, counts) -> proto.addBuckets(io.hearth.proto.v1.ResponseBucketStats.newBuilder()
                        .setBucket(io.hearth.proto.v1.ResponseBucket.valueOf("RESPONSE_BUCKET_" + bucket.name()))
                        .setLeads(counts.leads())
                        .setQualified(counts.qualified())
                        .setQualificationRate(counts.qualificationRate())));
        return proto.build();
    }

    static Temperature temperature(io.hearth.proto.v1.Temperature proto, String field) {
        return ProtoEnums.toDomain(proto, Temperature.class, "TEMPERATURE_", field);
    }

    private static void addIf(Set<QualificationField> set, QualificationField field, boolean condition) {
        if (condition) {
            set.add(field);
        }
    }

    /** {@code null} for an answer this server does not know. */
    private static Answer answer(BantAnswer proto) {
        return switch (proto) {
            case BANT_ANSWER_UNSPECIFIED -> Answer.UNKNOWN;
            case BANT_ANSWER_YES -> Answer.YES;
            case BANT_ANSWER_NO -> Answer.NO;
            case UNRECOGNIZED -> null;
        };
    }

    private static BantAnswer answer(Answer answer) {
        return switch (answer) {
            case UNKNOWN -> BantAnswer.BANT_ANSWER_UNSPECIFIED;
            case YES -> BantAnswer.BANT_ANSWER_YES;
            case NO -> BantAnswer.BANT_ANSWER_NO;
        };
    }

    private static io.hearth.proto.v1.Temperature temperature(Temperature t) {
        return io.hearth.proto.v1.Temperature.valueOf("TEMPERATURE_" + t.name());
    }
}
