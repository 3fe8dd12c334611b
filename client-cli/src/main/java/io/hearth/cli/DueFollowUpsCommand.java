package io.hearth.cli;

import io.hearth.proto.v1.ListDueFollowUpsRequest;
import io.hearth.proto.v1.ListDueFollowUpsResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth followups due}. */
@Command(name = "due", description = "Follow-ups due now, most overdue first.")
final class DueFollowUpsCommand extends RpcCommand {

    @Option(names = "--owner", paramLabel = "USER")
    String owner = "";

    @Option(names = "--page-size", paramLabel = "N")
    int pageSize;

    @Option(names = "--page-token", paramLabel = "TOKEN")
    String pageToken = "";

    @Override
    void execute() {
        ListDueFollowUpsResponse page = followUpService()
                .listDueFollowUps(ListDueFollowUpsRequest.newBuilder()
                        .setOwner(owner)
                        .setPageSize(pageSize)
                        .setPageToken(pageToken)
                        .build());
        if (json()) {
            ProtoJson.print(page, out());
            return;
        }
        TableFormatter table = new TableFormatter("DUE", "PERSON", "CHANNEL", "PURPOSE", "FOLLOW-UP");
        page.getFollowUpsList()
                .forEach(f -> table.addRow(
                        CliText.value(f.getDueTime()),
                        f.getPerson(),
                        CliText.value(f.getChannel()),
                        f.getPurpose(),
                        f.getName()));
        table.printTo(out());
        if (!page.getNextPageToken().isEmpty()) {
            out().flush();
            err().println("more: --page-token " + page.getNextPageToken());
        }
    }
}
