package io.hearth.server.grpc;

import com.google.protobuf.Timestamp;
import io.hearth.core.opportunity.PipelineStats;
import io.hearth.core.resource.Money;
import io.hearth.proto.v1.CurrencyValue;
import io.hearth.proto.v1.LeadSourceWinRate;
import io.hearth.proto.v1.PipelineStageStats;
import java.time.Instant;

/** Pipeline statistics from core to protobuf, and the request's times from protobuf to core. */
final class PipelineStatsMapper {
    private PipelineStatsMapper() {}

    /** A request time as sent, read by core; {@code null} when none was sent. */
    static Instant time(boolean set, Timestamp time, String field) {
        return set ? ProtoTimes.toInstant(time, field) : null;
    }

    static io.hearth.proto.v1.PipelineStats toProto(PipelineStats stats) {
        io.hearth.proto.v1.PipelineStats.Builder result = io.hearth.proto.v1.PipelineStats.newBuilder()
                .setDeals(stats.dealsMeasured())
                .setComputeTime(ProtoTimes.toProto(stats.computedAt()));
        for (PipelineStats.StageStats stage : stats.stages()) {
            PipelineStageStats.Builder s = PipelineStageStats.newBuilder()
                    .setStage(stage.stage())
                    .setProbability(stage.probability())
                    .setInPipeline(stage.inPipeline())
                    .setOpenDeals(stage.openDeals())
                    .setEntered(stage.entered())
                    .setAdvanced(stage.advanced())
                    .setVisitsMeasured(stage.visitsMeasured());
            stage.values().forEach(v -> s.addValues(value(v)));
            stage.conversionRate().ifPresent(s::setConversionRate);
            stage.medianDays().ifPresent(s::setMedianDaysInStage);
            result.addStages(s);
        }
        stats.openTotals().forEach(v -> result.addOpenTotals(value(v)));
        for (PipelineStats.SourceWinRate rate : stats.winRateBySource()) {
            result.addWinRateByLeadSource(LeadSourceWinRate.newBuilder()
                    .setLeadSource(
                            ProtoEnums.toProto(rate.source(), io.hearth.proto.v1.LeadSource.class, "LEAD_SOURCE_"))
                    .setClosed(rate.closed())
                    .setWon(rate.won())
                    .setWinRate(rate.rate()));
        }
        return result.build();
    }

    private static CurrencyValue value(PipelineStats.CurrencyValue value) {
        return CurrencyValue.newBuilder()
                .setDeals(value.deals())
                .setValue(OpportunityMapper.money(new Money(value.currency(), value.value())))
                .setWeightedValue(OpportunityMapper.money(new Money(value.currency(), value.weighted())))
                .build();
    }
}
