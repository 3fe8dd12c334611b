package io.hearth.cli;

import io.hearth.proto.v1.FollowUp;
import io.hearth.proto.v1.SkipFollowUpRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            description = "Why it is skipped (one line, at most 500 characters); kept with the skipped"
                    + " follow-up ('hearth followups get' shows it).")
    String reason = "";

    @Override
    void execute() {
        FollowUp next = followUpService()
                .skipFollowUp(SkipFollowUpRequest.newBuilder()
                        .setName(name)
                        .setReason(reason)
                        .build());
        if (json()) {
            ProtoJson.print(next, out());
            return;
        }
        out().println("skipped " + name + (reason.isBlank() ? "" : " (" + reason.strip() + ")") + "; instead:");
        FollowUpPrinter.print(next, out());
    }
}
