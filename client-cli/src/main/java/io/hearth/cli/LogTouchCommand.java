package io.hearth.cli;

import com.google.protobuf.Duration;
import io.hearth.proto.v1.LogTouchRequest;
import io.hearth.proto.v1.LogTouchResponse;
import io.hearth.proto.v1.Touch;
import io.hearth.proto.v1.TouchChannel;
import io.hearth.proto.v1.TouchKind;
import io.hearth.proto.v1.TouchOutcome;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth touch log PERSON}. */
@Command(name = "log", description = "Log a touch made to a lead or a contact.")
final class LogTouchCommand extends RpcCommand {

    @Parameters(
            paramLabel = "PERSON",
            converter = PersonName.Converter.class,
            description = "leads/{id}, contacts/{id}, or a lead's id as the queue shows it.")
    String person;

    @Option(
            names = "--kind",
            required = true,
            paramLabel = "KIND",
            description = "cold-call (leads), follow-up (contacts) or touch-base.")
    TouchKind kind;

    @Option(
            names = "--channel",
            required = true,
            paramLabel = "CHANNEL",
            description = "phone, email, postcard, direct-mail, meeting, video-call, social or sms.")
    TouchChannel channel;

    @Option(
            names = "--outcome",
            required = true,
            paramLabel = "OUTCOME",
            description = "e.g. no-answer, connected, replied-positive, meeting-booked.")
    TouchOutcome outcome;

    @Option(names = "--minutes", paramLabel = "N", description = "How long it took.")
    long minutes;

    @Option(names = "--note", paramLabel = "TEXT")
    String note = "";

    @Option(names = "--by", paramLabel = "USER", description = "Who made it.")
    String by = "";

    @Option(
            names = "--at",
            paramLabel = "WHEN",
            description = "When it happened, if not now: e.g. -2h, 2026-11-23T09:30 (local time) or"
                    + " 2026-11-23T09:30:00Z. The server refuses a time in the future.")
    Instant at;

    @Option(
            names = "--deal",
            paramLabel = "ID",
            converter = OpportunityName.Converter.class,
            description = "The contact's deal the touch was for (id or opportunities/{id}); it does the"
                    + " deal's next step when that is due today.")
    String deal = "";

    @Override
    void execute() {
        Touch.Builder touch = Touch.newBuilder()
                .setPerson(person)
                .setKind(kind)
                .setChannel(channel)
                .setOutcome(outcome)
                .setDuration(Duration.newBuilder().setSeconds(minutes * 60))
                .setNote(note)
                .setPerformedBy(by)
                .setOpportunity(deal);
        if (at != null) {
            touch.setOccurTime(Times.timestamp(at));
        }
        LogTouchResponse logged = followUpService()
                .logTouch(LogTouchRequest.newBuilder().setTouch(touch).build());
        if (json()) {
            ProtoJson.print(logged, out());
            return;
        }
        FollowUpPrinter.printLogged(logged, person, out());
    }
}
