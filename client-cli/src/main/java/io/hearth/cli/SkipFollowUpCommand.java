package io.hearth.cli;

import io.hearth.proto.v1.FollowUp;
import io.hearth.proto.v1.SkipFollowUpRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hearth followups skip FOLLOWUP}. */
@Command(
        name = "skip",
        description = "Skip a step: the cadence's next step takes its place and the count does not move."
                + " Prints the follow-up scheduled instead.")
final class SkipFollowUpCommand extends RpcCommand {

    @Parameters(
            paramLabel = "FOLLOWUP",
            converter = FollowUpName.Converter.class,
            description = "Follow-up id or name (followUps/{id}).")
    String name;

    @Override
    void execute() {
        FollowUp next = followUpService()
                .skipFollowUp(SkipFollowUpRequest.newBuilder().setName(name).build());
        if (json()) {
            ProtoJson.print(next, out());
            return;
        }
        out().println("skipped " + name + "; instead:");
        FollowUpPrinter.print(next, out());
    }
}
