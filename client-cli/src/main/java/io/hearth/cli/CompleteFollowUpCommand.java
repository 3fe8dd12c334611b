package io.hearth.cli;

import com.google.protobuf.Duration;
import io.hearth.proto.v1.CompleteFollowUpRequest;
import io.hearth.proto.v1.LogTouchResponse;
import io.hearth.proto.v1.TouchKind;
import io.hearth.proto.v1.TouchOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth followups complete FOLLOWUP}. */
@Command(
        name = "complete",
        description = "Complete a follow-up with its outcome: logs the touch and schedules the next step,"
                + " stops the cadence, or moves the person to drip.")
final class CompleteFollowUpCommand extends RpcCommand {

    @Parameters(
            paramLabel = "FOLLOWUP",
            converter = FollowUpName.Converter.class,
            description = "Follow-up id or name (followUps/{id}).")
    String name;

    @Option(
            names = "--outcome",
            required = true,
            paramLabel = "OUTCOME",
            description = "e.g. no-answer, connected, replied-positive, meeting-booked.")
    TouchOutcome outcome;

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            description = "follow-up or touch-base (default: follow-up for a contact, touch-base for a lead).")
    TouchKind kind;

    @Option(names = "--minutes", paramLabel = "N", description = "How long it took.")
    Long minutes;

    @Option(names = "--note", paramLabel = "TEXT")
    String note = "";

    @Option(names = "--by", paramLabel = "USER", description = "Who made it.")
    String by = "";

    @Override
    void execute() {
        CompleteFollowUpRequest.Builder request = CompleteFollowUpRequest.newBuilder()
                .setName(name)
                .setOutcome(outcome)
                .setNote(note)
                .setPerformedBy(by);
        if (kind != null) {
            request.setKind(kind);
        }
        if (minutes != null) {
            request.setDuration(Duration.newBuilder().setSeconds(minutes * 60));
        }
        LogTouchResponse logged = followUpService().completeFollowUp(request.build());
        if (json()) {
            ProtoJson.print(logged, out());
            return;
        }
        FollowUpPrinter.printLogged(logged, logged.getTouch().getPerson(), out());
    }
}
