package io.hearth.cli;

import com.google.protobuf.Timestamp;
import io.hearth.proto.v1.FollowUpStats;
import io.hearth.proto.v1.GetFollowUpStatsRequest;
import io.hearth.proto.v1.LeadSource;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth stats followups}: how effective follow-up was over whole UTC days. */
@Command(name = "followups", description = "Follow-up effectiveness over a period (UTC days).")
final class FollowUpStatsCommand extends RpcCommand {

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day of the period.")
    LocalDate from;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "YYYY-MM-DD",
            description = "Last day of the period (included).")
    LocalDate to;

    @Option(
            names = "--owner",
            paramLabel = "USER",
            description = "Only the touches made while this rep owned the person, and the leads this rep owns.")
    String owner = "";

    @Option(names = "--source", paramLabel = "SOURCE")
    LeadSource source;

    @Override
    void execute() {
        GetFollowUpStatsRequest.Builder request = GetFollowUpStatsRequest.newBuilder()
                .setStartTime(startOf(from))
                .setEndTime(startOf(to.plusDays(1)))
                .setOwner(owner);
        if (source != null) {
            request.setSource(source);
        }
        FollowUpStats stats = followUpService().getFollowUpStats(request.build());
        if (json()) {
            ProtoJson.print(stats, out());
        } else {
            print(stats, out());
        }
    }

    private static void print(FollowUpStats stats, PrintWriter out) {
        TableFormatter byChannel = new TableFormatter("CHANNEL", "TOUCHES", "POSITIVE", "RATE");
        stats.getPositiveRateByChannelList()
                .forEach(r -> byChannel.addRow(
                        CliText.value(r.getChannel()),
                        Integer.toString(r.getTouches()),
                        Integer.toString(r.getPositive()),
                        percent(r.getRate())));
        byChannel.printTo(out);
        out.println();
        TableFormatter byKind = new TableFormatter("CHANNEL", "KIND", "TOUCHES");
        stats.getTouchesByChannelAndKindList()
                .forEach(c -> byKind.addRow(
                        CliText.value(c.getChannel()), CliText.value(c.getKind()), Integer.toString(c.getTouches())));
        byKind.printTo(out);
        out.println();
        TableFormatter byNumber = new TableFormatter("FOLLOW-UP", "TOUCHES", "POSITIVE", "RATE");
        stats.getPositiveRateByFollowUpNumberList()
                .forEach(r -> byNumber.addRow(
                        "#" + r.getFollowUpNumber(),
                        Integer.toString(r.getTouches()),
                        Integer.toString(r.getPositive()),
                        percent(r.getRate())));
        byNumber.printTo(out);
        out.println();
        TableFormatter bySource = new TableFormatter("SOURCE", "LEADS", "CONVERTED", "RATE");
        stats.getConversionRateBySourceList()
                .forEach(r -> bySource.addRow(
                        CliText.value(r.getSource()),
                        Integer.toString(r.getLeads()),
                        Integer.toString(r.getConverted()),
                        percent(r.getRate())));
        bySource.printTo(out);
        out.println();
        out.println("conversions: " + stats.getConversions());
        out.println("median touches to conversion: "
                + (stats.hasMedianTouchesToConversion()
                        ? String.format(Locale.ROOT, "%.1f", stats.getMedianTouchesToConversion())
                        : CliText.NONE));
        out.println("moved to drip: " + stats.getMovedToDrip());
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100);
    }

    private static Timestamp startOf(LocalDate day) {
        return Times.timestamp(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
