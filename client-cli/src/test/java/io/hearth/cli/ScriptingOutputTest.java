package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.ListLeadsResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CLI in scripts: stdout holds only results, errors are one line and a hint (or one JSON object
 * with {@code --output json}), stderr carries no escape codes when it is not a terminal. stdout and
 * stderr are captured apart, and JSON is parsed back rather than searched.
 */
class ScriptingOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void aUsageErrorIsOneLineAndAHintNotTheHelpPage() {
        CliResult result = hearth.run("leads", "list", "--colour");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        List<String> lines = result.err().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("Unknown option: '--colour'");
        assertThat(lines.get(1)).startsWith("hint: ").endsWith("run 'hearth leads list --help' for usage");
    }

    @Test
    void aMistypedSubcommandHintsAtTheNearestOne() {
        CliResult result = hearth.run("leads", "lists");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines()).hasSize(2);
        assertThat(result.err().lines().toList().get(1)).as(result.err()).startsWith("hint: did you mean 'list'");
    }

    @Test
    void aUsageErrorWithJsonOutputIsAJsonObjectOnStderr() throws Exception {
        CliResult result = hearth.run("--output", "json", "leads", "list", "--page-size", "many");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).hasSize(1);
        JsonNode error = JSON.readTree(result.err()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("USAGE");
        assertThat(error.get("message").asText()).contains("--page-size").contains("many");
        assertThat(error.get("hint").asText()).isEqualTo("run 'hearth leads list --help' for usage");
    }

    @Test
    void aRefusedCallWithJsonOutputIsAJsonObjectWithCodeReasonAndFieldViolations() throws Exception {
        hearth.service.failure = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.INVALID_ARGUMENT.value())
                .setMessage("invalid input: email: 'x' is not an email address")
                .addDetails(Any.pack(BadRequest.newBuilder()
                        .addFieldViolations(BadRequest.FieldViolation.newBuilder()
                                .setField("lead.email")
                                .setDescription("'x' is not an email address"))
                        .build()))
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason("INVALID_ARGUMENT")
                        .setDomain("hearth.io")
                        .putMetadata("field", "lead.email")
                        .build()))
                .build());

        CliResult result = hearth.run("leads", "create", "--given-name", "Ada", "--email", "x", "--output", "json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).hasSize(1);
        JsonNode error = JSON.readTree(result.err()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.get("message").asText()).isEqualTo("invalid input: email: 'x' is not an email address");
        assertThat(error.get("reason").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.get("domain").asText()).isEqualTo("hearth.io");
        assertThat(JSON.convertValue(error.get("metadata"), Map.class)).isEqualTo(Map.of("field", "lead.email"));
        assertThat(error.get("fieldViolations")).hasSize(1);
        assertThat(error.get("fieldViolations").get(0).get("field").asText()).isEqualTo("lead.email");
        assertThat(error.get("fieldViolations").get(0).get("description").asText())
                .isEqualTo("'x' is not an email address");
        assertThat(error.has("existing")).isFalse();
    }

    @Test
    void aConflictWithJsonOutputNamesTheExistingResource() throws Exception {
        hearth.service.failure = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.ALREADY_EXISTS.value())
                .setMessage("a lead with this email exists")
                .addDetails(Any.pack(ResourceInfo.newBuilder()
                        .setResourceType("hearth.io/Lead")
                        .setResourceName("leads/ada1")
                        .build()))
                .build());

        CliResult result = hearth.run("--output", "json", "leads", "create", "--given-name", "Ada");

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode error = JSON.readTree(result.err()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("ALREADY_EXISTS");
        assertThat(error.get("existing").asText()).isEqualTo("leads/ada1");
    }

    @Test
    void anUnreachableServerWithJsonOutputIsAJsonObjectToo() throws Exception {
        hearth.service.failure =
                Status.UNAVAILABLE.withDescription("io exception").asRuntimeException();

        CliResult result = hearth.run("--output", "json", "leads", "get", "ada1");

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode error = JSON.readTree(result.err()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("UNAVAILABLE");
        assertThat(error.get("message").asText()).startsWith("cannot reach Hearth server at localhost:50051");
    }

    @Test
    void helpIsColouredOnATerminalOnlyWithoutNoColor() {
        hearth.terminal = true;
        hearth.variables = Map.<String, String>of()::get;
        assertThat(hearth.run("leads", "list", "--help").out()).contains("\u001b[");

        hearth.variables = Map.of("NO_COLOR", "1")::get;
        assertThat(hearth.run("leads", "list", "--help").out()).doesNotContain("\u001b[");

        hearth.terminal = false;
        hearth.variables = Map.<String, String>of()::get;
        assertThat(hearth.run("leads", "list", "--help").out()).doesNotContain("\u001b[");
    }

    @Test
    void mainCommandsShowExamplesInTheirHelp() {
        for (List<String> command : List.of(
                List.of("leads", "create"),
                List.of("leads", "list"),
                List.of("queue"),
                List.of("import"),
                List.of("export"),
                List.of("sync", "runs"),
                List.of("login"),
                List.of("doctor"),
                List.of("completion"))) {
            CliResult help =
                    hearth.run(java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                            .toArray(String[]::new));
            assertThat(help.out())
                    .as(String.join(" ", command))
                    .contains("Examples:")
                    .contains("  hearth " + String.join(" ", command));
        }
    }

    @Test
    void aLeadTableAlignsWideCharactersByTheirWidthOnScreen() {
        Lead japanese = TestLeads.ADA.toBuilder()
                .setName("leads/kana1")
                .setGivenName("花子")
                .setFamilyName("山田")
                .setCompany("東京商事")
                .build();
        hearth.service.addPage(
                "",
                ListLeadsResponse.newBuilder()
                        .addLeads(japanese)
                        .addLeads(TestLeads.ADA)
                        .build());

        CliResult result = hearth.run("leads", "list");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        // the EMAIL column starts at the same screen column on every line
        int header = DisplayWidth.of(lines.get(0).substring(0, lines.get(0).indexOf("EMAIL")));
        for (String line : lines.subList(1, 3)) {
            assertThat(DisplayWidth.of(line.substring(0, line.indexOf("ada@example.com"))))
                    .as(line)
                    .isEqualTo(header);
        }
        assertThat(lines.get(1)).contains("花子 山田");
    }
}
