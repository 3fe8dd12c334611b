package io.hearth.cli;

import io.hearth.proto.v1.FollowUp;
import io.hearth.proto.v1.GetFollowUpRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hearth followups get FOLLOWUP}: one follow-up, open or closed. */
@Command(
        name = "get",
        description = "Show one follow-up, open or closed: a skipped one with the reason it was skipped.")
final class GetFollowUpCommand extends RpcCommand {

    @Parameters(
            paramLabel = "FOLLOWUP",
            converter = FollowUpName.Converter.class,
            description = "Follow-up id or name (followUps/{id}).")
    String name;

    @Override
    void execute() {
        FollowUp followUp = followUpService()
                .getFollowUp(GetFollowUpRequest.newBuilder().setName(name).build());
        if (json()) {
            ProtoJson.print(followUp, out());
            return;
        }
        FollowUpPrinter.print(followUp, out());
    }
}
