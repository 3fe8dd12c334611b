package io.hearth.cli;

import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.ListDueFollowUpsRequest;
import io.hearth.proto.v1.ListDueFollowUpsResponse;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code hearth followups}: the follow-up work list. */
@Command(name = "followups", description = "See which follow-ups are due.")
final class FollowUpsCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    @Command(name = "due", description = "Follow-ups due now, most overdue first.")
    int due(
            @Option(names = "--owner", paramLabel = "USER", defaultValue = "") String owner,
            @Option(names = "--page-size", paramLabel = "N") int pageSize,
            @Option(names = "--page-token", paramLabel = "TOKEN", defaultValue = "") String pageToken) {
        ListDueFollowUpsRequest request = ListDueFollowUpsRequest.newBuilder().setOwner(owner)
                .setPageSize(pageSize).setPageToken(pageToken).build();
        return RpcSession.run(spec, session -> {
            ListDueFollowUpsResponse page = session.stub(FollowUpServiceGrpc::newBlockingStub)
                    .listDueFollowUps(request);
            session.print(page, out -> {
                TableFormatter table = new TableFormatter("DUE", "PERSON", "CHANNEL", "PURPOSE", "FOLLOW-UP");
                page.getFollowUpsList().forEach(f -> table.addRow(CliText.value(f.getDueTime()), f.getPerson(),
                        CliText.value(f.getChannel()), f.getPurpose(), f.getName()));
                table.printTo(out);
                if (!page.getNextPageToken().isEmpty()) {
                    out.println("more: --page-token " + page.getNextPageToken());
                }
            });
        });
    }
}
