package io.hearth.cli;

import com.google.protobuf.Duration;

import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.LogTouchRequest;
import io.hearth.proto.v1.LogTouchResponse;
import io.hearth.proto.v1.Touch;
import io.hearth.proto.v1.TouchChannel;
import io.hearth.proto.v1.TouchKind;
import io.hearth.proto.v1.TouchOutcome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code hearth touch}: logging contact attempts. */
@Command(name = "touch", description = "Log touches (calls, emails, postcards, meetings ...).")
final class TouchCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    @Command(name = "log", description = "Log a touch made to a lead or a contact.")
    int log(
            @Parameters(paramLabel = "PERSON", description = "leads/{id} or contacts/{id}.") String person,
            @Option(names = "--kind", required = true, paramLabel = "KIND",
                    description = "cold-call (leads), follow-up (contacts) or touch-base.") TouchKind kind,
            @Option(names = "--channel", required = true, paramLabel = "CHANNEL",
                    description = "phone, email, postcard, direct-mail, meeting, video-call, social or sms.")
                    TouchChannel channel,
            @Option(names = "--outcome", required = true, paramLabel = "OUTCOME",
                    description = "e.g. no-answer, connected, replied-positive, meeting-booked.") TouchOutcome outcome,
            @Option(names = "--minutes", paramLabel = "N", description = "How long it took.") long minutes,
            @Option(names = "--note", paramLabel = "TEXT") String note,
            @Option(names = "--by", paramLabel = "USER", description = "Who made it.") String by) {
        Touch.Builder touch = Touch.newBuilder().setPerson(person.strip()).setKind(kind).setChannel(channel)
                .setOutcome(outcome).setDuration(Duration.newBuilder().setSeconds(minutes * 60));
        if (note != null) {
            touch.setNote(note);
        }
        if (by != null) {
            touch.setPerformedBy(by);
        }
        return RpcSession.run(spec, session -> {
            LogTouchResponse logged = session.stub(FollowUpServiceGrpc::newBlockingStub)
                    .logTouch(LogTouchRequest.newBuilder().setTouch(touch).build());
            session.print(logged, out -> {
                out.println("logged " + logged.getTouch().getName() + "; cadence "
                        + CliText.value(logged.getCadenceState()));
                if (logged.hasConvertedContact()) {
                    out.println("converted to " + logged.getConvertedContact().getName());
                }
                if (logged.getConversionSuggested()) {
                    out.println("positive outcome: convert with 'hearth leads convert " + person.strip() + "'");
                }
            });
        });
    }
}
