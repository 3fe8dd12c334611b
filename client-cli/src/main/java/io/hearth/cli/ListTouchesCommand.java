package io.hearth.cli;

import io.hearth.proto.v1.ListTouchesRequest;
import io.hearth.proto.v1.ListTouchesResponse;
import io.hearth.proto.v1.Touch;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth touch list PERSON}: one page of a person's touches, newest first. */
@Command(
        name = "list",
        description = "A person's touches, newest first, one page at a time; a contact's include those"
                + " from its lead days.")
final class ListTouchesCommand extends RpcCommand {

    @Parameters(
            paramLabel = "PERSON",
            converter = PersonName.Converter.class,
            description = "leads/{id}, contacts/{id}, or a lead's id as the queue shows it.")
    String person;

    @Option(names = "--performed-by", paramLabel = "USER", description = "Only touches this rep made.")
    String performedBy = "";

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            description = "Touches made at or after this time: e.g. 2026-11-01 (local midnight), -7d,"
                    + " 2026-11-01T09:00:00Z.")
    Instant since;

    @Option(names = "--until", paramLabel = "WHEN", description = "Touches made before this time (exclusive).")
    Instant until;

    @Option(names = "--page-size", paramLabel = "N")
    int pageSize;

    @Option(names = "--page-token", paramLabel = "TOKEN")
    String pageToken = "";

    @Override
    void execute() {
        if (since != null && until != null && !since.isBefore(until)) {
            throw usageError("--since must be before --until");
        }
        ListTouchesRequest.Builder request = ListTouchesRequest.newBuilder()
                .setPerson(person)
                .setPerformedBy(performedBy)
                .setPageSize(pageSize)
                .setPageToken(pageToken);
        if (since != null) {
            request.setStartTime(Times.timestamp(since));
        }
        if (until != null) {
            request.setEndTime(Times.timestamp(until));
        }
        ListTouchesResponse page = followUpService().listTouches(request.build());
        if (json()) {
            ProtoJson.print(page, out());
            return;
        }
        TableFormatter table =
                new TableFormatter("WHEN", "KIND", "CHANNEL", "OUTCOME", "BY", "FOLLOW-UP", "NOTE", "TOUCH");
        for (Touch touch : page.getTouchesList()) {
            table.addRow(
                    CliText.value(touch.getOccurTime()),
                    CliText.value(touch.getKind()),
                    CliText.value(touch.getChannel()),
                    CliText.value(touch.getOutcome()),
                    CliText.value(touch.getPerformedBy()),
                    touch.getFollowUpNumber() == 0 ? CliText.NONE : "#" + touch.getFollowUpNumber(),
                    CliText.value(touch.getNote()),
                    touch.getName());
        }
        table.printTo(out());
        if (!page.getNextPageToken().isEmpty()) {
            out().flush();
            err().println("more: --page-token " + page.getNextPageToken());
        }
    }
}
