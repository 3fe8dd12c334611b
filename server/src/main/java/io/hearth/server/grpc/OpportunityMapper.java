package io.hearth.server.grpc;

import com.google.type.Date;
import com.google.type.Money;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityField;
import io.hearth.core.opportunity.OpportunityFields;
import io.hearth.core.opportunity.OpportunityInput;
import io.hearth.core.opportunity.Outcome;
import io.hearth.core.opportunity.PipelineStages;
import io.hearth.core.opportunity.StageVisit;
import io.hearth.core.resource.CalendarDates;
import io.hearth.proto.v1.OpportunityOrBuilder;
import io.hearth.proto.v1.OpportunityOutcome;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/** Proto opportunities to domain opportunities and back. */
final class OpportunityMapper {
    private static final String OUTCOME_PREFIX = "OPPORTUNITY_OUTCOME_";

    private OpportunityMapper() {}

    static io.hearth.proto.v1.Opportunity toProto(Opportunity o, PipelineStages pipeline) {
        OpportunityFields f = o.fields();
        io.hearth.proto.v1.Opportunity.Builder proto = io.hearth.proto.v1.Opportunity.newBuilder()
                .setName(o.id().name())
                .setContact(o.contact().name())
                .setTitle(f.title())
                .setStage(o.stage())
                .setAmount(money(f.amount()))
                .setExpectedCloseDate(date(f.expectedCloseDate()))
                .setProbability(
                        pipeline.find(o.stage()).map(s -> s.probability()).orElse(0))
                .setOutcome(ProtoEnums.toProto(o.outcome(), OpportunityOutcome.class, OUTCOME_PREFIX))
                .setLeadSource(ProtoEnums.toProto(
                        o.source().leadSource(), io.hearth.proto.v1.LeadSource.class, "LEAD_SOURCE_"))
                .setStageEnterTime(ProtoTimes.toProto(o.stageEnteredAt()))
                .setCreateTime(ProtoTimes.toProto(o.createdAt()))
                .setUpdateTime(ProtoTimes.toProto(o.updatedAt()))
                .setEtag(o.etag());
        if (f.owner() != null) {
            proto.setOwner(f.owner());
        }
        if (f.nextStep() != null) {
            io.hearth.proto.v1.DealStep.Builder step = io.hearth.proto.v1.DealStep.newBuilder()
                    .setDescription(f.nextStep().description());
            if (f.nextStep().dueAt() != null) {
                step.setDueTime(ProtoTimes.toProto(f.nextStep().dueAt()));
            }
            proto.setNextStep(step);
        }
        if (o.closeReason() != null) {
            proto.setCloseReason(o.closeReason());
        }
        if (o.closedAt() != null) {
            proto.setCloseTime(ProtoTimes.toProto(o.closedAt()));
        }
        if (o.source().lead() != null) {
            proto.setSourceLead(o.source().lead().name());
        }
        for (StageVisit visit : o.history()) {
            io.hearth.proto.v1.StageVisit.Builder v = io.hearth.proto.v1.StageVisit.newBuilder()
                    .setStage(visit.stage())
                    .setEnterTime(ProtoTimes.toProto(visit.enteredAt()));
            if (visit.leftAt() != null) {
                v.setLeaveTime(ProtoTimes.toProto(visit.leftAt()));
            }
            if (visit.movedBy() != null) {
                v.setMovedBy(visit.movedBy());
            }
            proto.addStageHistory(v);
        }
        if (o.archivedAt() != null) {
            proto.setArchiveTime(ProtoTimes.toProto(o.archivedAt()));
        }
        return proto.build();
    }

    /** The writable fields of a proto opportunity as sent; core reads them ({@link OpportunityInput#read}). */
    static OpportunityFields toFields(OpportunityOrBuilder proto, String field) {
        return toInput(proto).read(field);
    }

    private static OpportunityInput toInput(OpportunityOrBuilder proto) {
        Money m = proto.getAmount();
        Date d = proto.getExpectedCloseDate();
        io.hearth.proto.v1.DealStep step = proto.getNextStep();
        return new OpportunityInput(
                proto.getTitle(),
                proto.hasAmount() ? new OpportunityInput.Amount(m.getCurrencyCode(), m.getUnits(), m.getNanos()) : null,
                proto.hasExpectedCloseDate() ? new OpportunityInput.Day(d.getYear(), d.getMonth(), d.getDay()) : null,
                proto.getOwner(),
                proto.hasNextStep()
                        ? new OpportunityInput.Step(
                                step.getDescription(),
                                step.hasDueTime() ? step.getDueTime().getSeconds() : null,
                                step.getDueTime().getNanos())
                        : null);
    }

    /** AIP-134: without an update mask, every field the caller set is updated. */
    static Set<OpportunityField> fieldsSetIn(OpportunityOrBuilder proto) {
        Set<OpportunityField> set = EnumSet.noneOf(OpportunityField.class);
        if (!proto.getTitle().isEmpty()) {
            set.add(OpportunityField.TITLE);
        }
        if (proto.hasAmount()) {
            set.add(OpportunityField.AMOUNT);
        }
        if (proto.hasExpectedCloseDate()) {
            set.add(OpportunityField.EXPECTED_CLOSE_DATE);
        }
        if (!proto.getOwner().isEmpty()) {
            set.add(OpportunityField.OWNER);
        }
        if (proto.hasNextStep()) {
            set.add(OpportunityField.NEXT_STEP);
        }
        return set;
    }

    /** @return {@code null} for the unspecified outcome; {@code field} is named for one this server does not know */
    static Outcome outcome(OpportunityOutcome proto, String field) {
        return ProtoEnums.toDomain(proto, Outcome.class, OUTCOME_PREFIX, field);
    }

    /** A day of a list request's range as sent, read by core; {@code null} when none was sent. */
    static LocalDate day(boolean set, Date date, String field) {
        return set ? CalendarDates.of(date.getYear(), date.getMonth(), date.getDay(), field) : null;
    }

    static Money money(io.hearth.core.resource.Money money) {
        BigDecimal amount = money.amount();
        BigDecimal units = new BigDecimal(amount.toBigInteger());
        return Money.newBuilder()
                .setCurrencyCode(money.currency())
                .setUnits(units.longValueExact())
                .setNanos(amount.subtract(units).movePointRight(9).intValue())
                .build();
    }

    private static Date date(LocalDate date) {
        return Date.newBuilder()
                .setYear(date.getYear())
                .setMonth(date.getMonthValue())
                .setDay(date.getDayOfMonth())
                .build();
    }
}
