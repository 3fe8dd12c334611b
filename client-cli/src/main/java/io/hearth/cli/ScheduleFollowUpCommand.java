package io.hearth.cli;

import io.hearth.proto.v1.FollowUp;
import io.hearth.proto.v1.ScheduleFollowUpRequest;
import io.hearth.proto.v1.TouchChannel;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth followups schedule PERSON}. */
@Command(
        name = "schedule",
        description = "Schedule a person's next follow-up; channel and due time default to the cadence's next step.")
final class ScheduleFollowUpCommand extends RpcCommand {

    @Parameters(
            paramLabel = "PERSON",
            converter = PersonName.Converter.class,
            description = "leads/{id}, contacts/{id}, or a lead's id as the queue shows it.")
    String person;

    @Option(
            names = "--channel",
            paramLabel = "CHANNEL",
            description = "phone, email, postcard, direct-mail, meeting, video-call, social or sms"
                    + " (default: the cadence's next step).")
    TouchChannel channel;

    @Option(
            names = "--due",
            paramLabel = "WHEN",
            description = "When it is due: e.g. +2d, 2026-11-25T09:00 (local time), 2026-11-25 or"
                    + " 2026-11-25T09:00:00Z (default: now plus the next step's delay).")
    Instant due;

    @Option(
            names = {"--purpose", "--note"},
            paramLabel = "TEXT",
            description = "Why this follow-up (default: its place in the cadence, e.g. \"follow-up 1 of 2: phone\").")
    String purpose = "";

    @Override
    void execute() {
        ScheduleFollowUpRequest.Builder request =
                ScheduleFollowUpRequest.newBuilder().setPerson(person).setPurpose(purpose);
        if (channel != null) {
            request.setChannel(channel);
        }
        if (due != null) {
            request.setDueTime(Times.timestamp(due));
        }
        FollowUp scheduled = followUpService().scheduleFollowUp(request.build());
        if (json()) {
            ProtoJson.print(scheduled, out());
        } else {
            FollowUpPrinter.print(scheduled, out());
        }
    }
}
