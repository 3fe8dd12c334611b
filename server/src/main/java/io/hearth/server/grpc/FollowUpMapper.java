package io.hearth.server.grpc;

import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonRef;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.FollowUp;
import io.hearth.core.touch.FollowUpStats;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.PersonCadence;
import io.hearth.core.touch.Touch;
import io.hearth.core.touch.TouchInput;
import io.hearth.core.touch.TouchKind;
import io.hearth.core.touch.TouchLogged;
import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.ChannelRate;
import io.hearth.proto.v1.FollowUpNumberRate;
import io.hearth.proto.v1.FollowUpState;
import io.hearth.proto.v1.LogTouchResponse;
import io.hearth.proto.v1.NextStep;
import io.hearth.proto.v1.SourceConversionRate;
import io.hearth.proto.v1.TouchChannel;
import io.hearth.proto.v1.TouchCount;
import io.hearth.proto.v1.TouchOutcome;
import java.util.List;

/** Proto touches, follow-ups and stats to domain values and back. */
final class FollowUpMapper {
    private static final String KIND = "TOUCH_KIND_";
    private static final String CHANNEL = "TOUCH_CHANNEL_";
    private static final String OUTCOME = "TOUCH_OUTCOME_";

    private FollowUpMapper() {}

    static TouchInput toInput(io.hearth.proto.v1.Touch proto) {
        return new TouchInput(
                PersonRef.fromName(proto.getPerson(), "touch.person"),
                kind(proto.getKind(), "touch.kind"),
                channel(proto.getChannel(), "touch.channel"),
                proto.hasOccurTime() ? ProtoTimes.toInstant(proto.getOccurTime(), "touch.occur_time") : null,
                proto.hasDuration() ? ProtoTimes.toDuration(proto.getDuration(), "touch.duration") : null,
                outcome(proto.getOutcome(), "touch.outcome"),
                proto.getNote(),
                proto.getPerformedBy(),
                proto.getOpportunity());
    }

    static TouchKind kind(io.hearth.proto.v1.TouchKind proto, String field) {
        return ProtoEnums.toDomain(proto, TouchKind.class, KIND, field);
    }

    static Channel channel(TouchChannel proto, String field) {
        return ProtoEnums.toDomain(proto, Channel.class, CHANNEL, field);
    }

    static Outcome outcome(TouchOutcome proto, String field) {
        return ProtoEnums.toDomain(proto, Outcome.class, OUTCOME, field);
    }

    static io.hearth.proto.v1.Touch toProto(Touch touch) {
        io.hearth.proto.v1.Touch.Builder proto = io.hearth.proto.v1.Touch.newBuilder()
                .setName(touch.name())
                .setPerson(touch.person().name())
                .setContact(touch.contact() == null ? "" : touch.contact().name())
                .setKind(ProtoEnums.toProto(touch.kind(), io.hearth.proto.v1.TouchKind.class, KIND))
                .setChannel(ProtoEnums.toProto(touch.channel(), TouchChannel.class, CHANNEL))
                .setOccurTime(ProtoTimes.toProto(touch.occurredAt()))
                .setDuration(ProtoTimes.toProto(touch.duration()))
                .setOutcome(ProtoEnums.toProto(touch.outcome(), TouchOutcome.class, OUTCOME))
                .setNote(touch.note() == null ? "" : touch.note())
                .setPerformedBy(touch.performedBy() == null ? "" : touch.performedBy())
                .setFollowUpNumber(touch.followUpNumber() == null ? 0 : touch.followUpNumber())
                .setCreateTime(ProtoTimes.toProto(touch.createdAt()))
                .setOpportunity(
                        touch.opportunity() == null ? "" : touch.opportunity().name());
        return proto.build();
    }

    /** A lead's or contact's next step: the open follow-up as the person's record shows it. */
    static NextStep nextStep(FollowUp followUp) {
        return NextStep.newBuilder()
                .setFollowUp(followUp.name())
                .setFollowUpNumber(followUp.followUpNumber())
                .setChannel(ProtoEnums.toProto(followUp.channel(), TouchChannel.class, CHANNEL))
                .setDueTime(ProtoTimes.toProto(followUp.dueAt()))
                .setReason(followUp.purpose())
                .build();
    }

    static io.hearth.proto.v1.FollowUp toProto(FollowUp followUp) {
        io.hearth.proto.v1.FollowUp.Builder proto = io.hearth.proto.v1.FollowUp.newBuilder()
                .setName(followUp.name())
                .setPerson(followUp.person().name())
                .setFollowUpNumber(followUp.followUpNumber())
                .setChannel(ProtoEnums.toProto(followUp.channel(), TouchChannel.class, CHANNEL))
                .setDueTime(ProtoTimes.toProto(followUp.dueAt()))
                .setPurpose(followUp.purpose())
                .setOwner(followUp.owner() == null ? "" : followUp.owner())
                .setState(ProtoEnums.toProto(followUp.state(), FollowUpState.class, "FOLLOW_UP_STATE_"))
                .setTouch(followUp.touchId() == null ? "" : Touch.COLLECTION + followUp.touchId())
                .setSkipReason(followUp.skipReason() == null ? "" : followUp.skipReason())
                .setCreateTime(ProtoTimes.toProto(followUp.createdAt()));
        if (followUp.closedAt() != null) {
            proto.setCloseTime(ProtoTimes.toProto(followUp.closedAt()));
        }
        return proto.build();
    }

    static LogTouchResponse toProto(TouchLogged logged) {
        LogTouchResponse.Builder proto = LogTouchResponse.newBuilder()
                .setTouch(toProto(logged.touch()))
                // as a read right after it would show it: waiting when the step it scheduled is for later
                .setCadenceState(ProtoEnums.toProto(
                        PersonCadence.shown(
                                logged.cadence().state(),
                                logged.next().map(FollowUp::dueAt).orElse(null),
                                logged.touch().createdAt()),
                        CadenceState.class,
                        "CADENCE_STATE_"))
                .setCompletedFollowUps(logged.cadence().completedFollowUps())
                .setConversionSuggested(logged.conversionSuggested());
        logged.next().ifPresent(next -> proto.setNextFollowUp(toProto(next)));
        return proto.build();
    }

    static io.hearth.proto.v1.FollowUpStats toProto(FollowUpStats stats) {
        io.hearth.proto.v1.FollowUpStats.Builder proto = io.hearth.proto.v1.FollowUpStats.newBuilder()
                .setConversions(stats.conversions())
                .setMovedToDrip(stats.movedToDrip());
        stats.touchesByChannelAndKind()
                .forEach(c -> proto.addTouchesByChannelAndKind(TouchCount.newBuilder()
                        .setChannel(ProtoEnums.toProto(c.channel(), TouchChannel.class, CHANNEL))
                        .setKind(ProtoEnums.toProto(c.kind(), io.hearth.proto.v1.TouchKind.class, KIND))
                        .setTouches(c.touches())));
        stats.positiveRateByChannel()
                .forEach(r -> proto.addPositiveRateByChannel(ChannelRate.newBuilder()
                        .setChannel(ProtoEnums.toProto(r.key(), TouchChannel.class, CHANNEL))
                        .setTouches(r.total())
                        .setPositive(r.hits())
                        .setRate(r.rate())));
        stats.positiveRateByFollowUpNumber()
                .forEach(r -> proto.addPositiveRateByFollowUpNumber(FollowUpNumberRate.newBuilder()
                        .setFollowUpNumber(r.key())
                        .setTouches(r.total())
                        .setPositive(r.hits())
                        .setRate(r.rate())));
        List<FollowUpStats.Rate<LeadSource>> bySource = stats.conversionRateBySource();
        bySource.forEach(r -> proto.addConversionRateBySource(SourceConversionRate.newBuilder()
                .setSource(ProtoEnums.toProto(r.key(), io.hearth.proto.v1.LeadSource.class, "LEAD_SOURCE_"))
                .setLeads(r.total())
                .setConverted(r.hits())
                .setRate(r.rate())));
        stats.medianTouchesToConversion().ifPresent(proto::setMedianTouchesToConversion);
        return proto.build();
    }
}
