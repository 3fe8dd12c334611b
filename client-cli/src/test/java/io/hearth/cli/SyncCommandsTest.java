package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.ConfigKeySpec;
import io.hearth.proto.v1.Connector;
import io.hearth.proto.v1.ConnectorCapability;
import io.hearth.proto.v1.ExportContactsRequest;
import io.hearth.proto.v1.ExportContactsResponse;
import io.hearth.proto.v1.ExportLeadsRequest;
import io.hearth.proto.v1.ExportLeadsResponse;
import io.hearth.proto.v1.ExportSummary;
import io.hearth.proto.v1.ImportFileHeader;
import io.hearth.proto.v1.ImportFileRequest;
import io.hearth.proto.v1.ListConnectorsRequest;
import io.hearth.proto.v1.ListConnectorsResponse;
import io.hearth.proto.v1.ListRejectedRecordsRequest;
import io.hearth.proto.v1.ListRejectedRecordsResponse;
import io.hearth.proto.v1.ListSyncRunsRequest;
import io.hearth.proto.v1.ListSyncRunsResponse;
import io.hearth.proto.v1.RejectedRecord;
import io.hearth.proto.v1.SyncCounts;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import io.hearth.proto.v1.SyncServiceGrpc;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import, export, connectors and sync commands against a scripted SyncService. */
class SyncCommandsTest {
    private final ScriptedSyncService service = new ScriptedSyncService();
    private final String serverName = InProcessServerBuilder.generateName();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private Server server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        server = InProcessServerBuilder.forName(serverName)
                .directExecutor()
                .addService(service)
                .build()
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        channels.forEach(ManagedChannel::shutdownNow);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private CliResult run(String... args) {
        return CliResult.run(environment(false), args);
    }

    /** Standard error a terminal or not; standard output never. */
    private CliEnvironment environment(boolean errTerminal) {
        return new CliEnvironment(
                        (target, credentials) -> {
                            ManagedChannel channel = InProcessChannelBuilder.forName(serverName)
                                    .directExecutor()
                                    .build();
                            channels.add(channel);
                            return channel;
                        },
                        java.time.Clock.systemUTC(),
                        false,
                        java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofMillis(1))
                .withErrTerminal(errTerminal);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path csv(Path dir, int rows) throws Exception {
        // a quoted line break inside a field is not a new row, nor is the blank line at the end
        return Files.writeString(
                dir.resolve("leads.csv"),
                "First Name,Notes\r\n" + "Ada,\"line one\nline two\"\r\n".repeat(rows) + "\r\n");
    }

    @Test
    void importWithJsonOutputPrintsTheRunOnStdoutAndPlainProgressOnStderr() throws Exception {
        Path file = csv(dir, 9);

        CliResult result = run("import", file.toString(), "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        SyncRun.Builder printed = SyncRun.newBuilder();
        JsonFormat.parser().merge(result.out(), printed);
        assertThat(printed.build().getCounts().getRead()).isEqualTo(3);
        assertThat(printed.getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_SUCCEEDED);
        // not a terminal: no carriage return, no escape code, plain ASCII lines
        assertThat(result.err()).doesNotContain("\r").doesNotContain("\u001b");
        assertThat(result.err().chars()).allMatch(c -> c < 128);
        List<String> importing = result.err()
                .lines()
                .filter(line -> line.startsWith("Importing"))
                .toList();
        assertThat(importing).isNotEmpty();
        // the total is the rows counted while uploading, and the rate is shown
        assertThat(importing.get(importing.size() - 1)).contains("3/9 rows").contains("rows/s");
        assertThat(result.err())
                .contains("1 rejected rows with their reasons: " + dir.resolve("leads.csv.rejected.csv"));
    }

    @Test
    void importProgressRedrawsItsLineOnlyOnATerminal() throws Exception {
        Path file = csv(dir, 9);

        CliResult result = CliResult.run(environment(true), "import", file.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("\rImporting");
        assertThat(result.out()).doesNotContain("\r").doesNotContain("Importing");
    }

    @Test
    void aFailedImportWithJsonOutputIsAJsonErrorOnStderr() throws Exception {
        Path file = Files.writeString(dir.resolve("leads.xlsx"), "not a workbook");
        service.fail = "leads.xlsx is not an .xlsx workbook";

        CliResult result = run("import", file.toString(), "--output", "json");

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode error = JSON.readTree(result.err()
                        .lines()
                        .filter(line -> line.startsWith("{"))
                        .reduce((first, second) -> second)
                        .orElseThrow())
                .get("error");
        assertThat(error.get("code").asText()).isEqualTo("IMPORT_FAILED");
        assertThat(error.get("message").asText()).isEqualTo("leads.xlsx is not an .xlsx workbook");
        assertThat(error.get("run").asText()).isEqualTo("syncRuns/7");
    }

    @Test
    void syncRunsAndConnectorsWithJsonOutputPrintTheirResponses() throws Exception {
        service.runsNextPageToken = "p2";
        CliResult runs = run("sync", "runs", "--output", "json");
        CliResult connectors = run("--output", "json", "connectors", "list");

        assertThat(runs.exitCode()).as(runs.err()).isZero();
        ListSyncRunsResponse.Builder page = ListSyncRunsResponse.newBuilder();
        JsonFormat.parser().merge(runs.out(), page);
        assertThat(page.getSyncRunsList())
                .extracting(SyncRun::getName)
                .containsExactly("syncRuns/1", "syncRuns/2", "syncRuns/3");
        assertThat(runs.out())
                .as("every count printed, zero ones too")
                .contains("\"dealsWritten\": \"2\"")
                .contains("\"dealsFailed\": \"1\"")
                .contains("\"dealsWritten\": \"0\"");
        assertThat(page.getNextPageToken()).isEqualTo("p2");
        assertThat(runs.err()).isEmpty();

        assertThat(connectors.exitCode()).as(connectors.err()).isZero();
        ListConnectorsResponse.Builder list = ListConnectorsResponse.newBuilder();
        JsonFormat.parser().merge(connectors.out(), list);
        assertThat(list.getConnectorsList()).extracting(Connector::getName).containsExactly("connectors/csv");
    }

    @Test
    void exportWithJsonOutputPrintsTheSummary() throws Exception {
        CliResult result =
                run("--output", "json", "export", dir.resolve("out.csv").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        ExportSummary.Builder summary = ExportSummary.newBuilder();
        JsonFormat.parser().merge(result.out(), summary);
        assertThat(summary.getWritten()).isEqualTo(2);
    }

    @Test
    void theSyncRunsHintComesAfterTheTableOnItsOwnLine() {
        service.runsNextPageToken = "p2";
        // one stream for both, stdout buffered as System.out is: the order a terminal shows
        StringWriter screen = new StringWriter();
        int exitCode = HearthCli.run(
                new String[] {"sync", "runs"},
                new PrintWriter(new BufferedWriter(screen)),
                new PrintWriter(screen),
                environment(false));

        assertThat(exitCode).isZero();
        List<String> lines = screen.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("RUN ");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("More runs: hearth sync runs --page-token p2");
    }

    @Test
    void importUploadsTheFileShowsProgressPrintsTheSummaryAndWritesRejectedRows() throws Exception {
        Path file = dir.resolve("leads.csv");
        byte[] content = "First Name,Email\nAda,ada@example.com\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);

        CliResult result = run(
                "import",
                file.toString(),
                "--mapping",
                "Cell=phone,Org=company",
                "--option",
                "delimiter=,",
                "--dry-run");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(service.header.getFileName()).isEqualTo("leads.csv");
        assertThat(service.header.getMappingMap())
                .containsEntry("Cell", "phone")
                .containsEntry("Org", "company");
        assertThat(service.header.getConfigMap()).containsEntry("delimiter", ",");
        assertThat(service.header.getDryRun()).isTrue();
        assertThat(service.uploaded.toByteArray()).isEqualTo(content);
        assertThat(result.err()).contains("Uploading").contains("Importing");
        assertThat(result.out())
                .contains("READ  CREATED  UPDATED  UNCHANGED  MERGED  REJECTED  STATE")
                .contains("3     1        0        0          1       1         succeeded");
        Path rejected = dir.resolve("leads.csv.rejected.csv");
        assertThat(result.out()).contains("1 rejected rows with their reasons: " + rejected);
        assertThat(Files.readString(rejected))
                .isEqualTo(
                        "position,reason,row\r\n\"row 3\",\"invalid input: email: 'x' is not an email address\",\"Bo,\"\"x\"\"\"\r\n");
    }

    @Test
    void aFailedImportExitsNonZeroWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("leads.xlsx"), "not a workbook");
        service.fail = "leads.xlsx is not an .xlsx workbook";

        CliResult result = run("import", file.toString(), "--connector", "xlsx");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(service.header.getConnector()).isEqualTo("connectors/xlsx");
        assertThat(result.err()).contains("Import failed: leads.xlsx is not an .xlsx workbook");
        assertThat(run("import", dir.resolve("missing.csv").toString())).satisfies(missing -> {
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).contains("No file at");
        });
    }

    @Test
    void exportWritesTheStreamedFileAndTheFormatFollowsTheName() throws Exception {
        Path file = dir.resolve("out.xlsx");

        CliResult result = run("export", file.toString(), "--filter", "status = NEW");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(service.exportRequest.getConnector()).isEqualTo("connectors/xlsx");
        assertThat(service.exportRequest.getFilter()).isEqualTo("status = NEW");
        assertThat(Files.readString(file)).isEqualTo("part one|part two");
        assertThat(result.out()).contains("Exported 2 leads to " + file);
    }

    @Test
    void exportContactsCallsTheContactsExport() throws Exception {
        Path file = dir.resolve("clients.csv");

        CliResult result = run("export", file.toString(), "--contacts", "--filter", "kind = active-client");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(service.exportRequest).as("not the leads export").isNull();
        assertThat(service.contactsExportRequest.getConnector()).isEqualTo("connectors/csv");
        assertThat(service.contactsExportRequest.getFilter()).isEqualTo("kind = active-client");
        assertThat(Files.readString(file)).isEqualTo("client rows");
        assertThat(result.out()).contains("Exported 1 contacts to " + file);
    }

    @Test
    void exportDealsCallsTheDealsExportAndRefusesTwoKindsAtOnce() throws Exception {
        Path file = dir.resolve("deals.xlsx");

        CliResult result = run("export", file.toString(), "--deals", "--filter", "outcome = open");
        CliResult both = run("export", file.toString(), "--deals", "--contacts");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(service.exportRequest).as("not the leads export").isNull();
        assertThat(service.dealsExportRequest.getConnector()).isEqualTo("connectors/xlsx");
        assertThat(service.dealsExportRequest.getFilter()).isEqualTo("outcome = open");
        assertThat(Files.readString(file)).isEqualTo("deal rows");
        assertThat(result.out()).contains("Exported 3 deals to " + file);
        assertThat(both.exitCode()).isNotZero();
        assertThat(both.err()).contains("--contacts and --deals: export one kind at a time");
    }

    @Test
    void connectorsAndRunsAreListedAsTables() {
        CliResult connectors = run("connectors", "list");
        CliResult runs = run("sync", "runs");

        assertThat(connectors.out())
                .contains("NAME  CAN         CONFIG  DESCRIPTION")
                .contains("csv   read,write  path*   CSV files");
        assertThat(runs.out()).contains("syncRuns/1  failed").contains("no file at /x.csv");
        assertThat(runs.out())
                .contains("REJECTED  ARCHIVED  WRITTEN BACK")
                .contains("1         1         1 person, 2 touches (1 failed)")
                .contains("1         0         0 people, 0 touches, 2 deals (1 failed)");
    }

    /** Answers with canned data and keeps what the CLI sent. */
    private static final class ScriptedSyncService extends SyncServiceGrpc.SyncServiceImplBase {
        final ByteArrayOutputStream uploaded = new ByteArrayOutputStream();
        ImportFileHeader header;
        ExportLeadsRequest exportRequest;
        ExportContactsRequest contactsExportRequest;
        io.hearth.proto.v1.ExportOpportunitiesRequest dealsExportRequest;
        String fail;
        String runsNextPageToken = "";

        @Override
        public StreamObserver<ImportFileRequest> importFile(StreamObserver<SyncRun> response) {
            return new StreamObserver<>() {
                @Override
                public void onNext(ImportFileRequest request) {
                    if (request.hasHeader()) {
                        header = request.getHeader();
                    } else {
                        uploaded.writeBytes(request.getChunk().toByteArray());
                    }
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {
                    response.onNext(run(SyncRunState.SYNC_RUN_STATE_RUNNING, 2));
                    response.onNext(
                            fail == null
                                    ? run(SyncRunState.SYNC_RUN_STATE_SUCCEEDED, 3)
                                    : run(SyncRunState.SYNC_RUN_STATE_FAILED, 0).toBuilder()
                                            .setError(fail)
                                            .build());
                    response.onCompleted();
                }
            };
        }

        @Override
        public void listRejectedRecords(
                ListRejectedRecordsRequest request, StreamObserver<ListRejectedRecordsResponse> response) {
            response.onNext(ListRejectedRecordsResponse.newBuilder()
                    .addRejectedRecords(RejectedRecord.newBuilder()
                            .setPosition("row 3")
                            .setReason("invalid input: email: 'x' is not an email address")
                            .setRaw("Bo,\"x\""))
                    .build());
            response.onCompleted();
        }

        @Override
        public void exportLeads(ExportLeadsRequest request, StreamObserver<ExportLeadsResponse> response) {
            exportRequest = request;
            response.onNext(ExportLeadsResponse.newBuilder()
                    .setChunk(ByteString.copyFromUtf8("part one|"))
                    .build());
            response.onNext(ExportLeadsResponse.newBuilder()
                    .setChunk(ByteString.copyFromUtf8("part two"))
                    .build());
            response.onNext(ExportLeadsResponse.newBuilder()
                    .setSummary(ExportSummary.newBuilder().setWritten(2))
                    .build());
            response.onCompleted();
        }

        @Override
        public void exportOpportunities(
                io.hearth.proto.v1.ExportOpportunitiesRequest request,
                StreamObserver<io.hearth.proto.v1.ExportOpportunitiesResponse> response) {
            dealsExportRequest = request;
            response.onNext(io.hearth.proto.v1.ExportOpportunitiesResponse.newBuilder()
                    .setChunk(ByteString.copyFromUtf8("deal rows"))
                    .build());
            response.onNext(io.hearth.proto.v1.ExportOpportunitiesResponse.newBuilder()
                    .setSummary(ExportSummary.newBuilder().setWritten(3))
                    .build());
            response.onCompleted();
        }

        @Override
        public void exportContacts(ExportContactsRequest request, StreamObserver<ExportContactsResponse> response) {
            contactsExportRequest = request;
            response.onNext(ExportContactsResponse.newBuilder()
                    .setChunk(ByteString.copyFromUtf8("client rows"))
                    .build());
            response.onNext(ExportContactsResponse.newBuilder()
                    .setSummary(ExportSummary.newBuilder().setWritten(1))
                    .build());
            response.onCompleted();
        }

        @Override
        public void listConnectors(ListConnectorsRequest request, StreamObserver<ListConnectorsResponse> response) {
            response.onNext(ListConnectorsResponse.newBuilder()
                    .addConnectors(Connector.newBuilder()
                            .setName("connectors/csv")
                            .setDescription("CSV files")
                            .addConfigKeys(
                                    ConfigKeySpec.newBuilder().setName("path").setRequired(true))
                            .addCapabilities(ConnectorCapability.CONNECTOR_CAPABILITY_READ)
                            .addCapabilities(ConnectorCapability.CONNECTOR_CAPABILITY_WRITE))
                    .build());
            response.onCompleted();
        }

        @Override
        public void listSyncRuns(ListSyncRunsRequest request, StreamObserver<ListSyncRunsResponse> response) {
            response.onNext(ListSyncRunsResponse.newBuilder()
                    .addSyncRuns(run(SyncRunState.SYNC_RUN_STATE_FAILED, 0).toBuilder()
                            .setName("syncRuns/1")
                            .setError("no file at /x.csv"))
                    .addSyncRuns(run(SyncRunState.SYNC_RUN_STATE_SUCCEEDED, 0).toBuilder()
                            .setName("syncRuns/2")
                            .setConnector("connectors/hubspot")
                            .setCounts(SyncCounts.newBuilder()
                                    .setRead(2)
                                    .setUnchanged(1)
                                    .setArchived(1)
                                    .setPeopleWritten(1)
                                    .setPeopleFailed(1)
                                    .setTouchesWritten(2)
                                    .setRejected(1)))
                    .addSyncRuns(run(SyncRunState.SYNC_RUN_STATE_SUCCEEDED, 0).toBuilder()
                            .setName("syncRuns/3")
                            .setConnector("connectors/pipedrive")
                            .setCounts(SyncCounts.newBuilder()
                                    .setRead(1)
                                    .setUnchanged(1)
                                    .setDealsWritten(2)
                                    .setDealsFailed(1)
                                    .setRejected(1)))
                    .setNextPageToken(runsNextPageToken)
                    .build());
            response.onCompleted();
        }

        private static SyncRun run(SyncRunState state, long read) {
            return SyncRun.newBuilder()
                    .setName("syncRuns/7")
                    .setConnector("connectors/csv")
                    .setState(state)
                    .setCounts(SyncCounts.newBuilder()
                            .setRead(read)
                            .setCreated(read == 3 ? 1 : 0)
                            .setMerged(read == 3 ? 1 : 0)
                            .setRejected(read == 3 ? 1 : 0))
                    .build();
        }
    }
}
