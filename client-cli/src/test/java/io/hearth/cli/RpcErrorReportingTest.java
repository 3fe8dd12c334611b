package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.BadRequest.FieldViolation;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RpcErrorReportingTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void invalidArgumentListsFieldViolationsAndReason() {
        hearth.service.failure = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage("lead is invalid")
                .addDetails(Any.pack(BadRequest.newBuilder()
                        .addFieldViolations(violation("lead.email", "not an email address"))
                        .addFieldViolations(violation("lead.phone", "not a phone number"))
                        .build()))
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason("INVALID_LEAD")
                        .setDomain("hearth.io")
                        .build()))
                .build());

        CliResult result = hearth.run("leads", "create", "--email", "nope", "--phone", "12");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines())
                .containsExactly(
                        "error: INVALID_ARGUMENT: lead is invalid",
                        "  field lead.email: not an email address",
                        "  field lead.phone: not a phone number",
                        "  reason: INVALID_LEAD");
    }

    @Test
    void aDuplicatePersonNamesTheOneAlreadyThere() {
        hearth.service.failure = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.ALREADY_EXISTS_VALUE)
                .setMessage("leads/ada1 (Ada Lovelace) already has the email ada@example.com")
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason("DUPLICATE_PERSON")
                        .setDomain("hearth.io")
                        .build()))
                .addDetails(Any.pack(
                        ResourceInfo.newBuilder().setResourceName("leads/ada1").build()))
                .build());

        CliResult result = hearth.run("leads", "create", "--email", "ada@example.com");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines())
                .containsExactly(
                        "error: ALREADY_EXISTS: leads/ada1 (Ada Lovelace) already has the email" + " ada@example.com",
                        "  reason: DUPLICATE_PERSON",
                        "  existing: leads/ada1");
    }

    @Test
    void aPlainStatusPrintsCodeAndDescription() {
        hearth.service.failure =
                Status.NOT_FOUND.withDescription("leads/nobody not found").asRuntimeException();

        CliResult result = hearth.run("leads", "get", "nobody");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: NOT_FOUND: leads/nobody not found" + System.lineSeparator());
    }

    @Test
    void aServerSideDeadlineNamesTheServerAndTheDeadline() {
        hearth.service.failure = Status.DEADLINE_EXCEEDED.asRuntimeException();

        CliResult result = hearth.run("--server", "hearth.example:50051", "leads", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("error: DEADLINE_EXCEEDED: no answer from Hearth server at hearth.example:50051"
                        + " within 30s");
    }

    @Test
    void unreachableServerIsNamedWithoutAStackTrace() {
        String nobodyListens = InProcessServerBuilder.generateName();

        CliResult result = CliResult.run(
                target -> InProcessChannelBuilder.forName(nobodyListens).build(),
                "--server",
                "hearth.example:50051",
                "leads",
                "get",
                "ada1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("error: UNAVAILABLE: cannot reach Hearth server at hearth.example:50051")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void refusedPlaintextConnectionExitsWithOne() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        // Port 1 on loopback has no listener: the connection is refused at once.
        int exitCode = HearthCli.run(
                new String[] {"--server", "127.0.0.1:1", "leads", "list"}, new PrintWriter(out), new PrintWriter(err));

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("error: UNAVAILABLE: cannot reach Hearth server at 127.0.0.1:1")
                .doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anUnusableServerAddressIsAUsageError() {
        CliResult result = CliResult.run(ChannelFactory.PLAINTEXT, "--server", "not a host", "leads", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Invalid value for option '--server': 'not a host'");
    }

    private static FieldViolation violation(String field, String description) {
        return FieldViolation.newBuilder()
                .setField(field)
                .setDescription(description)
                .build();
    }
}
