package io.hearth.cli;

import io.hearth.proto.v1.ActionChannel;
import io.hearth.proto.v1.AgendaItem;
import io.hearth.proto.v1.ChannelDuration;
import io.hearth.proto.v1.PlanAgendaRequest;
import io.hearth.proto.v1.PlanAgendaResponse;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth agenda}: the part of the queue that fits in a time budget, hottest first. */
@Command(name = "agenda", description = "Plan the queue items that fit in the time you set aside, hottest first.")
final class AgendaCommand extends RpcCommand {

    @Option(names = "--hours", paramLabel = "H", description = "Hours set aside.")
    int hours;

    @Option(names = "--minutes", paramLabel = "M", description = "Minutes set aside, on top of --hours.")
    int minutes;

    @Option(names = "--owner", paramLabel = "USER", description = "Plan this rep's queue (default: the whole team).")
    String owner = "";

    @Option(
            names = "--duration",
            paramLabel = "CHANNEL=TIME",
            completionCandidates = EnumNames.ChannelNames.class,
            description = {
                "Typical time per action on a channel, e.g. phone=10m or meeting=45m; repeatable.",
                "Channels: ${COMPLETION-CANDIDATES}. The server's defaults: phone 10m, email 5m,"
                        + " postcard 3m, direct-mail 5m, sms 2m, social 5m, video-call 30m,"
                        + " meeting 60m."
            })
    Map<ActionChannel, Duration> durations = new LinkedHashMap<>();

    @Override
    void execute() {
        if (hours < 0 || minutes < 0) {
            throw usageError("--hours and --minutes must not be negative");
        }
        Duration budget = Duration.ofHours(hours).plusMinutes(minutes);
        if (budget.isZero()) {
            throw usageError("Give the time set aside with --hours and/or --minutes, e.g. --hours 2");
        }
        PlanAgendaRequest.Builder request =
                PlanAgendaRequest.newBuilder().setOwner(owner).setTimeBudget(DurationText.toProto(budget));
        durations.forEach((channel, duration) -> request.addTypicalDurations(
                ChannelDuration.newBuilder().setChannel(channel).setDuration(DurationText.toProto(duration))));
        PlanAgendaResponse agenda = queueService().planAgenda(request.build());
        if (json()) {
            ProtoJson.print(agenda, out());
        } else {
            print(agenda, budget, out());
        }
    }

    private static void print(PlanAgendaResponse agenda, Duration budget, PrintWriter out) {
        if (agenda.getItemsCount() == 0) {
            out.println("Nothing planned.");
        } else {
            TableFormatter table = new TableFormatter("#", "LANE", "PERSON", "ACTION", "ESTIMATE", "ID");
            int position = 1;
            for (AgendaItem planned : agenda.getItemsList()) {
                table.addRow(
                        Integer.toString(position++),
                        QueueTable.lane(planned.getItem()),
                        QueueTable.person(planned.getItem()),
                        QueueTable.action(planned.getItem()),
                        DurationText.format(planned.getEstimate()),
                        QueueTable.id(planned.getItem()));
            }
            table.printTo(out);
        }
        out.println();
        out.println("planned %s of %s, %s left, %d skipped"
                .formatted(
                        DurationText.format(agenda.getPlanned()),
                        DurationText.format(budget),
                        DurationText.format(agenda.getLeft()),
                        agenda.getSkipped()));
    }
}
