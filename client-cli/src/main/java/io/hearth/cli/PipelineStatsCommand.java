package io.hearth.cli;

import com.google.protobuf.Timestamp;
import io.hearth.proto.v1.CurrencyValue;
import io.hearth.proto.v1.GetPipelineStatsRequest;
import io.hearth.proto.v1.LeadSourceWinRate;
import io.hearth.proto.v1.PipelineStageStats;
import io.hearth.proto.v1.PipelineStats;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth stats pipeline}: the deals' figures per stage and the win rate per lead source. */
@Command(
        name = "pipeline",
        description = "The sales pipeline: open deals and their value per stage (per currency), conversion"
                + " between stages, median days in each stage, and win rate per lead source.")
final class PipelineStatsCommand extends RpcCommand {

    @Option(names = "--owner", paramLabel = "USER", description = "Only the deals this user owns.")
    String owner = "";

    @Option(names = "--team", paramLabel = "TEAM", description = "Only the deals of this team's members, e.g. east.")
    String team = "";

    @Option(
            names = "--created-from",
            paramLabel = "YYYY-MM-DD",
            description = "Only deals opened on or after this day (UTC).")
    LocalDate createdFrom;

    @Option(
            names = "--created-to",
            paramLabel = "YYYY-MM-DD",
            description = "Only deals opened on or before this day (UTC).")
    LocalDate createdTo;

    @Option(
            names = "--closed-from",
            paramLabel = "YYYY-MM-DD",
            description = "Only deals closed on or after this day (UTC); open deals are left out.")
    LocalDate closedFrom;

    @Option(
            names = "--closed-to",
            paramLabel = "YYYY-MM-DD",
            description = "Only deals closed on or before this day (UTC); open deals are left out.")
    LocalDate closedTo;

    @Override
    void execute() {
        GetPipelineStatsRequest.Builder request = GetPipelineStatsRequest.newBuilder()
                .setOwner(owner)
                .setTeam(team.isBlank() || team.startsWith("teams/") ? team : "teams/" + team);
        if (createdFrom != null) {
            request.setCreateStartTime(startOf(createdFrom));
        }
        if (createdTo != null) {
            request.setCreateEndTime(startOf(createdTo.plusDays(1)));
        }
        if (closedFrom != null) {
            request.setCloseStartTime(startOf(closedFrom));
        }
        if (closedTo != null) {
            request.setCloseEndTime(startOf(closedTo.plusDays(1)));
        }
        PipelineStats stats = opportunityService().getPipelineStats(request.build());
        if (json()) {
            ProtoJson.print(stats, out());
        } else {
            print(stats, out());
        }
    }

    private static void print(PipelineStats stats, PrintWriter out) {
        TableFormatter stages = new TableFormatter(
                "STAGE", "PROB", "OPEN", "VALUE", "WEIGHTED", "ENTERED", "ADVANCED", "CONVERSION", "MEDIAN DAYS");
        for (PipelineStageStats stage : stats.getStagesList()) {
            stages.addRow(
                    stage.getStage() + (stage.getInPipeline() ? "" : " (gone)"),
                    stage.getProbability() + "%",
                    Integer.toString(stage.getOpenDeals()),
                    values(stage.getValuesList(), false),
                    values(stage.getValuesList(), true),
                    Integer.toString(stage.getEntered()),
                    Integer.toString(stage.getAdvanced()),
                    stage.hasConversionRate() ? percent(stage.getConversionRate()) : CliText.NONE,
                    stage.hasMedianDaysInStage()
                            ? String.format(Locale.ROOT, "%.1f", stage.getMedianDaysInStage())
                            : CliText.NONE);
        }
        stages.printTo(out);
        out.println();
        TableFormatter bySource = new TableFormatter("LEAD SOURCE", "CLOSED", "WON", "WIN RATE");
        for (LeadSourceWinRate rate : stats.getWinRateByLeadSourceList()) {
            bySource.addRow(
                    CliText.value(rate.getLeadSource()),
                    Integer.toString(rate.getClosed()),
                    Integer.toString(rate.getWon()),
                    percent(rate.getWinRate()));
        }
        bySource.printTo(out);
        out.println();
        out.println("open pipeline: " + values(stats.getOpenTotalsList(), false) + " (weighted: "
                + values(stats.getOpenTotalsList(), true) + ")");
        out.println("deals: " + stats.getDeals() + " (as of " + CliText.value(stats.getComputeTime()) + ")");
    }

    /** Each currency's sum, never added together: {@code 1000 EUR, 200 USD}. */
    private static String values(List<CurrencyValue> values, boolean weighted) {
        if (values.isEmpty()) {
            return CliText.NONE;
        }
        return values.stream()
                .map(v -> MoneyText.format(weighted ? v.getWeightedValue() : v.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100);
    }

    private static Timestamp startOf(LocalDate day) {
        return Times.timestamp(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
