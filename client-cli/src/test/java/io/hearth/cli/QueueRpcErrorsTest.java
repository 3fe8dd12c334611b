package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.BadRequest.FieldViolation;
import com.google.rpc.Code;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The QueueService commands report failed calls exactly as the lead commands do. */
class QueueRpcErrorsTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    static Stream<List<String>> everyQueueCommand() {
        return Stream.of(
                List.of("queue"),
                List.of("queue", "--all"),
                List.of("queue", "--watch"),
                List.of("agenda", "--hours", "2"),
                List.of("leads", "profile", "ada1"),
                List.of("leads", "qualify", "ada1", "--level", "6"),
                List.of("leads", "override", "ada1", "--clear"),
                List.of("stats", "response"));
    }

    @ParameterizedTest
    @MethodSource("everyQueueCommand")
    void invalidArgumentListsTheFieldViolations(List<String> command) {
        hearth.queue.failure = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage("request is invalid")
                .addDetails(Any.pack(BadRequest.newBuilder()
                        .addFieldViolations(FieldViolation.newBuilder()
                                .setField("qualification.note")
                                .setDescription("at most 2000 characters"))
                        .build()))
                .build());

        CliResult result = hearth.run(command.toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines())
                .containsExactly(
                        "error: INVALID_ARGUMENT: request is invalid",
                        "  field qualification.note: at most 2000 characters");
        assertThat(hearth.channels()).hasSize(1).allMatch(ManagedChannel::isShutdown);
    }

    @ParameterizedTest
    @MethodSource("everyQueueCommand")
    void notFoundPrintsCodeAndDescription(List<String> command) {
        hearth.queue.failure =
                Status.NOT_FOUND.withDescription("leads/ada1 not found").asRuntimeException();

        CliResult result = hearth.run(command.toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: NOT_FOUND: leads/ada1 not found" + System.lineSeparator());
    }

    @ParameterizedTest
    @MethodSource("everyQueueCommand")
    void anUnreachableServerIsNamed(List<String> command) {
        String nobodyListens = InProcessServerBuilder.generateName();
        List<String> args = Stream.concat(Stream.of("--server", "hearth.example:50051"), command.stream())
                .toList();

        CliResult result = CliResult.run(
                target -> InProcessChannelBuilder.forName(nobodyListens).build(), args.toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("error: UNAVAILABLE: cannot reach Hearth server at hearth.example:50051")
                .doesNotContain("Exception", "\tat ");
    }
}
