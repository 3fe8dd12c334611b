package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.hearth.core.sync.PluginJar;
import io.hearth.proto.v1.ConnectorCapability;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.CreateContactRequest;
import io.hearth.proto.v1.GetContactRequest;
import io.hearth.proto.v1.GetSyncRunRequest;
import io.hearth.proto.v1.ImportFileHeader;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListConnectorsRequest;
import io.hearth.proto.v1.ListConnectorsResponse;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListRejectedRecordsRequest;
import io.hearth.proto.v1.ListSyncRunsRequest;
import io.hearth.proto.v1.RejectedRecord;
import io.hearth.proto.v1.StartSyncRequest;
import io.hearth.proto.v1.SyncCounts;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import io.hearth.proto.v1.SyncServiceGrpc;
import io.hearth.proto.v1.ValidateConnectorConfigRequest;
import io.hearth.server.InProcessHearth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SyncService end to end inside one JVM: real wiring, the built-in connectors, in-memory HSQLDB. */
class SyncServiceTest {
    private InProcessHearth hearth;
    private SyncServiceGrpc.SyncServiceBlockingStub sync;
    private LeadServiceGrpc.LeadServiceBlockingStub leads;
    private SyncClient client;

    @BeforeEach
    void start() throws Exception {
        hearth = new InProcessHearth(Clock.systemUTC());
        sync = SyncServiceGrpc.newBlockingStub(hearth.channel());
        leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        client = new SyncClient(hearth.channel());
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void theSpreadsheetConnectorsAreBuiltIn() {
        ListConnectorsResponse first = sync.listConnectors(
                ListConnectorsRequest.newBuilder().setPageSize(1).build());
        ListConnectorsResponse second = sync.listConnectors(ListConnectorsRequest.newBuilder()
                .setPageSize(1)
                .setPageToken(first.getNextPageToken())
                .build());

        assertThat(first.getConnectors(0).getName()).isEqualTo("connectors/csv");
        assertThat(first.getConnectors(0).getCapabilitiesList())
                .containsExactly(
                        ConnectorCapability.CONNECTOR_CAPABILITY_READ,
                        ConnectorCapability.CONNECTOR_CAPABILITY_WRITE,
                        ConnectorCapability.CONNECTOR_CAPABILITY_READ_DEALS,
                        ConnectorCapability.CONNECTOR_CAPABILITY_WRITE_DEALS);
        assertThat(second.getConnectors(0).getName()).isEqualTo("connectors/xlsx");
        assertThat(second.getNextPageToken()).isEmpty();
        assertThat(sync.validateConnectorConfig(ValidateConnectorConfigRequest.newBuilder()
                                .setConnector("connectors/csv")
                                .putConfig("delimiter", "::")
                                .build())
                        .getProblemsList())
                .extracting(p -> p.getKey())
                .containsExactly("path", "delimiter");
    }

    @Test
    void hubspotExportImportsWithPhonesNormalizedAndDuplicatesMergedThenReimportsAsNoOp() throws Exception {
        byte[] hubspot = resource("hubspot-contacts.csv");

        SyncRun first = client.importFile("hubspot.csv", hubspot);
        SyncRun again = client.importFile("hubspot.csv", hubspot);

        assertThat(first.getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_SUCCEEDED);
        assertThat(first.getCounts()).isEqualTo(counts(4, 3, 0, 0, 1, 0));
        assertThat(again.getCounts()).as("the repeated Ada row still merges").isEqualTo(counts(4, 0, 0, 3, 1, 0));
        List<io.hearth.proto.v1.Lead> all =
                leads.listLeads(ListLeadsRequest.newBuilder().build()).getLeadsList();
        assertThat(all)
                .extracting(io.hearth.proto.v1.Lead::getPhone)
                .containsExactlyInAnyOrder("+14155550100", "+14155550142", "+14155550199");
        assertThat(all)
                .filteredOn(l -> l.getGivenName().equals("Grace"))
                .singleElement()
                .satisfies(l -> assertThat(l.getTitle()).isEqualTo("Rear Admiral"));
    }

    @Test
    void aClientInTheImportedFileIsUpdatedNotReMadeAsAColdLead() throws Exception {
        ContactServiceGrpc.ContactServiceBlockingStub contacts = ContactServiceGrpc.newBlockingStub(hearth.channel());
        io.hearth.proto.v1.Contact ada = contacts.createContact(CreateContactRequest.newBuilder()
                .setContact(io.hearth.proto.v1.Contact.newBuilder()
                        .setGivenName("Ada")
                        .setFamilyName("Lovelace")
                        .setEmail("ada@example.com")
                        .setKind(ContactKind.CONTACT_KIND_ACTIVE_CLIENT))
                .build());
        byte[] csv = ("First Name,Last Name,Email,Phone,Job Title\n"
                        + "Ada,Lovelace,Ada@Example.com,(415) 555-0100,CTO\n"
                        + "Alan,Turing,alan@example.com,,\n")
                .getBytes(StandardCharsets.UTF_8);

        SyncRun run = client.importFile("crm.csv", csv);

        assertThat(run.getCounts()).isEqualTo(counts(2, 1, 1, 0, 0, 0));
        assertThat(leads.listLeads(ListLeadsRequest.newBuilder().build()).getLeadsList())
                .extracting(io.hearth.proto.v1.Lead::getEmail)
                .containsExactly("alan@example.com");
        io.hearth.proto.v1.Contact updated = contacts.getContact(
                GetContactRequest.newBuilder().setName(ada.getName()).build());
        assertThat(updated.getTitle()).isEqualTo("CTO");
        assertThat(updated.getPhone()).isEqualTo("+14155550100");
        assertThat(updated.getKind()).isEqualTo(ContactKind.CONTACT_KIND_ACTIVE_CLIENT);
        assertThat(client.importFile("crm.csv", csv).getCounts()).isEqualTo(counts(2, 0, 0, 2, 0, 0));
    }

    @Test
    void contactsExportWithTheirKindAndTheFileImportsBackAsNoChange() throws Exception {
        ContactServiceGrpc.ContactServiceBlockingStub contacts = ContactServiceGrpc.newBlockingStub(hearth.channel());
        contacts.createContact(CreateContactRequest.newBuilder()
                .setContact(io.hearth.proto.v1.Contact.newBuilder()
                        .setGivenName("Ada")
                        .setFamilyName("Lovelace")
                        .setEmail("ada@example.com")
                        .setPhone("415 555 0100")
                        .setKind(ContactKind.CONTACT_KIND_ACTIVE_CLIENT)
                        .addTags("vip"))
                .build());
        contacts.createContact(CreateContactRequest.newBuilder()
                .setContact(io.hearth.proto.v1.Contact.newBuilder()
                        .setCompany("Paper Co")
                        .setPhone("415 555 0199")
                        .setKind(ContactKind.CONTACT_KIND_SUPPLIER))
                .build());

        SyncClient.Export clients = client.exportContacts("connectors/csv", "kind = active-client");
        SyncClient.Export everyone = client.exportContacts("connectors/xlsx", "");

        assertThat(clients.written()).isEqualTo(1);
        String csv = new String(clients.file(), StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith("Tags,Contact Kind,Hearth ID");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                .startsWith("Ada,Lovelace,,,ada@example.com,+14155550100,")
                .contains(",vip,active-client,contacts/");
        assertThat(everyone.written()).isEqualTo(2);
        assertThat(client.importFile("contacts.xlsx", everyone.file()).getCounts())
                .as("an export of contacts re-imports as no change, and makes no leads")
                .isEqualTo(counts(2, 0, 0, 2, 0, 0));
        assertThat(leads.listLeads(ListLeadsRequest.newBuilder().build()).getLeadsList())
                .isEmpty();
        assertInvalid(() -> client.exportContacts("connectors/csv", "kind = boss"), "filter");
    }

    @Test
    void dealsExportThroughTheApiAndTheFileImportsBackAsDealsWithNoChange() throws Exception {
        String contact = ContactServiceGrpc.newBlockingStub(hearth.channel())
                .createContact(CreateContactRequest.newBuilder()
                        .setContact(io.hearth.proto.v1.Contact.newBuilder()
                                .setGivenName("Ada")
                                .setEmail("ada@example.com")
                                .setKind(ContactKind.CONTACT_KIND_PROSPECT))
                        .build())
                .getName();
        io.hearth.proto.v1.Opportunity deal = io.hearth.proto.v1.OpportunityServiceGrpc.newBlockingStub(
                        hearth.channel())
                .createOpportunity(io.hearth.proto.v1.CreateOpportunityRequest.newBuilder()
                        .setOpportunity(io.hearth.proto.v1.Opportunity.newBuilder()
                                .setContact(contact)
                                .setTitle("Pilot")
                                .setAmount(com.google.type.Money.newBuilder()
                                        .setCurrencyCode("EUR")
                                        .setUnits(1000))
                                .setExpectedCloseDate(com.google.type.Date.newBuilder()
                                        .setYear(2027)
                                        .setMonth(3)
                                        .setDay(31)))
                        .build());

        SyncClient.Export csv = client.exportOpportunities("connectors/csv", "outcome = open");
        SyncClient.Export none = client.exportOpportunities("connectors/xlsx", "outcome = won");

        assertThat(csv.written()).isEqualTo(1);
        assertThat(none.written()).isZero();
        assertThat(new String(csv.file(), StandardCharsets.UTF_8)
                        .lines()
                        .skip(1)
                        .findFirst()
                        .orElseThrow())
                .isEqualTo(deal.getName() + ",Pilot," + contact + ",ada@example.com,qualification,1000,EUR,2027-03-31,,"
                        + "open,,");
        List<SyncRun> runs = client.importFile(
                ImportFileHeader.newBuilder()
                        .setFileName("deals.csv")
                        .putConfig("records", "deals")
                        .build(),
                csv.file());
        assertThat(runs.get(runs.size() - 1).getCounts()).isEqualTo(counts(1, 0, 0, 1, 0, 0));
        assertInvalid(() -> client.exportOpportunities("connectors/csv", "outcome = maybe"), "filter");
    }

    @Test
    void dealsAreNotExportedToACrmWhoseDealsAConnectionWrites(@TempDir Path dataDir) throws Exception {
        io.hearth.server.FakeCrmPlugin.writeTo(dataDir);
        try (InProcessHearth withCrm = new InProcessHearth(Clock.systemUTC(), dataDir)) {
            assertInvalid(
                    () -> new SyncClient(withCrm.channel()).exportOpportunities("connectors/fakecrm", ""), "connector");
        }
    }

    @Test
    void salesforceReportImportsAndItsFooterIsRejectedWithItsRow() throws Exception {
        SyncRun run = client.importFile("report.csv", resource("salesforce-leads-report.csv"));

        assertThat(run.getCounts()).isEqualTo(counts(4, 2, 0, 0, 1, 1));
        List<RejectedRecord> rejected = sync.listRejectedRecords(ListRejectedRecordsRequest.newBuilder()
                        .setParent(run.getName())
                        .build())
                .getRejectedRecordsList();
        assertThat(rejected)
                .singleElement()
                .satisfies(r -> assertThat(r.getPosition()).isEqualTo("row 8"));
        assertThat(leads.listLeads(ListLeadsRequest.newBuilder()
                                .setFilter("source = TRADE_SHOW")
                                .build())
                        .getLeadsList())
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.getPhone()).isEqualTo("+17575550100");
                    assertThat(l.getOwner()).isEqualTo("Bob");
                });
    }

    @Test
    void anXlsxWorkbookImportsAndExportsRoundTripAsNoOps() throws Exception {
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(xlsx, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("Contacts");
        List<String> header = List.of("First Name", "Last Name", "E-mail Address", "Mobile Phone", "Company", "Met");
        for (int i = 0; i < header.size(); i++) {
            sheet.value(0, i, header.get(i));
        }
        Object[][] rows = {
            {"Ada", "Lovelace", "ada@example.com", 4155550100L, "Engines", LocalDate.of(2026, 1, 2)},
            {"Alan", "Turing", "alan@example.com", 4155550142L, "Bletchley", LocalDate.of(2026, 1, 3)},
            {"Ada", "", "ADA@example.com", 4155550100L, "", LocalDate.of(2026, 1, 4)}
        };
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                Object value = rows[r][c];
                if (value instanceof String text) {
                    sheet.value(r + 1, c, text);
                } else if (value instanceof Long number) {
                    sheet.value(r + 1, c, number);
                } else {
                    sheet.value(r + 1, c, (LocalDate) value);
                }
            }
        }
        workbook.finish();

        SyncRun imported = client.importFile("contacts.xlsx", xlsx.toByteArray());
        assertThat(imported.getCounts()).isEqualTo(counts(3, 2, 0, 0, 1, 0));

        SyncClient.Export asXlsx = client.export("connectors/xlsx", "");
        SyncClient.Export asCsv = client.export("connectors/csv", "");
        assertThat(asXlsx.written()).isEqualTo(2);
        assertThat(new String(asCsv.file(), StandardCharsets.UTF_8)).contains("+14155550100");
        assertThat(client.importFile("leads.xlsx", asXlsx.file()).getCounts()).isEqualTo(counts(2, 0, 0, 2, 0, 0));
        assertThat(client.importFile("leads.csv", asCsv.file()).getCounts()).isEqualTo(counts(2, 0, 0, 2, 0, 0));
    }

    /** A workbook LibreOffice Calc saved: phones typed as numbers, a repeated person in another case. */
    @Test
    void anXlsxSavedBySpreadsheetProgramImportsWithPhonesNormalizedAndDuplicatesMerged() throws Exception {
        byte[] calc = resource("leads-from-calc.xlsx");

        SyncRun first = client.importFile("leads-from-calc.xlsx", calc);
        SyncRun again = client.importFile("leads-from-calc.xlsx", calc);

        assertThat(first.getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_SUCCEEDED);
        assertThat(first.getCounts()).isEqualTo(counts(4, 3, 0, 0, 1, 0));
        assertThat(again.getCounts()).isEqualTo(counts(4, 0, 0, 3, 1, 0));
        List<io.hearth.proto.v1.Lead> all =
                leads.listLeads(ListLeadsRequest.newBuilder().build()).getLeadsList();
        assertThat(all)
                .extracting(io.hearth.proto.v1.Lead::getPhone)
                .containsExactlyInAnyOrder("+14155550100", "+14155550142", "+14155550199");
        assertThat(all)
                .filteredOn(l -> l.getGivenName().equals("Ada"))
                .singleElement()
                .satisfies(l -> assertThat(l.getEmail()).isEqualTo("ada@example.com"));
    }

    @Test
    void badFilesFailTheRunWithAClearMessage() throws Exception {
        byte[] workbookBytes = {'P', 'K', 3, 4, 0, 0, 0, 0};

        SyncRun empty = client.importFile("empty.csv", new byte[0]);
        SyncRun wrongExtension = client.importFile("leads.csv", workbookBytes);
        List<SyncRun> missingSheet = client.importFile(
                ImportFileHeader.newBuilder()
                        .setFileName("x.xlsx")
                        .putConfig("sheet", "Leads")
                        .build(),
                emptyWorkbook());

        assertThat(empty.getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_FAILED);
        assertThat(empty.getError()).isEqualTo("empty.csv is empty: there is nothing to import");
        assertThat(wrongExtension.getError()).contains("import it with the xlsx connector");
        assertThat(missingSheet.get(missingSheet.size() - 1).getError())
                .contains("sheet 'Leads' does not exist")
                .contains("'Sheet1'");
    }

    @Test
    void badRequestsAreRefusedWithFieldDetails() {
        StatusRuntimeException unknown = catchStatus(() -> sync.startSync(StartSyncRequest.newBuilder()
                        .setConnector("connectors/hubspot")
                        .build())
                .hasNext());
        StatusRuntimeException badConfig = catchStatus(() -> sync.startSync(StartSyncRequest.newBuilder()
                        .setConnector("connectors/csv")
                        .putConfig("pth", "/x")
                        .build())
                .hasNext());
        StatusRuntimeException badMapping = catchStatus(() -> sync.startSync(StartSyncRequest.newBuilder()
                        .setConnector("connectors/csv")
                        .putConfig("path", "/x.csv")
                        .putMapping("Cell", "mobile")
                        .build())
                .hasNext());

        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(violations(badConfig)).containsExactly("config.path", "config.pth");
        assertThat(violations(badMapping)).containsExactly("mapping");
        assertThat(catchStatus(() -> sync.getSyncRun(
                                GetSyncRunRequest.newBuilder().setName("runs/1").build()))
                        .getStatus()
                        .getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void anUploadGoesToTheConnectorClaimingItsExtension() throws Exception {
        SyncRun tsv = client.importFile(
                "leads.TSV", "First Name\tEmail\nAda\tada@example.com\n".getBytes(StandardCharsets.UTF_8));
        SyncRun xlsx = client.importFile("contacts.xlsx", emptyWorkbook());
        Throwable unclaimed = org.assertj.core.api.Assertions.catchThrowable(
                () -> client.importFile("notes.doc", "First Name\nAda\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(tsv.getConnector()).isEqualTo("connectors/csv");
        assertThat(tsv.getCounts().getCreated()).isEqualTo(1);
        assertThat(xlsx.getConnector()).isEqualTo("connectors/xlsx");
        assertThat(unclaimed).cause().isInstanceOf(StatusRuntimeException.class);
        StatusRuntimeException refused = (StatusRuntimeException) unclaimed.getCause();
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violations(refused)).containsExactly("header.connector");
        assertThat(refused.getStatus().getDescription())
                .contains("cannot tell the connector from 'notes.doc'")
                .contains("use a file ending in .csv, .tsv, .txt or .xlsx");
    }

    /** The service knows no connector by name: a plugin claiming an extension receives those uploads. */
    @Test
    void anUploadGoesToAPluginClaimingItsExtension(@TempDir Path dataDir) throws Exception {
        new PluginJar()
                .source("thirdparty.Lines", """
                package thirdparty;

                import io.hearth.connector.spi.*;
                import java.nio.file.*;
                import java.util.*;

                public final class Lines implements Connector {
                    private static final ConfigKey PATH = ConfigKey.required("path", ConfigType.PATH, "one name a line");

                    public String name() { return "lines"; }
                    public String description() { return "one person a line"; }
                    public List<ConfigKey> configKeys() { return List.of(PATH); }
                    public Set<Capability> capabilities() { return Set.of(Capability.READ); }
                    public Set<String> fileExtensions() { return Set.of("names"); }

                    public RecordReader openReader(Map<String, String> config, String cursor) {
                        return new RecordReader() {
                            public Batch read(int max) {
                                try {
                                    List<SourceRecord> records = new ArrayList<>();
                                    for (String line : Files.readAllLines(Path.of(PATH.valueIn(config).orElseThrow()))) {
                                        records.add(new SourceRecord(line, null, Map.of("Name", line), line));
                                    }
                                    return new Batch(records, List.of(), "done", true);
                                } catch (java.io.IOException e) {
                                    throw new FatalConnectorException("unreadable", e);
                                }
                            }

                            public void close() { }
                        };
                    }
                }
                """)
                .services("thirdparty.Lines")
                .writeTo(dataDir.resolve("plugins/lines.jar"));

        try (InProcessHearth withPlugin = new InProcessHearth(Clock.systemUTC(), dataDir)) {
            SyncRun run = new SyncClient(withPlugin.channel())
                    .importFile("team.Names", "Ada Lovelace\nGrace Hopper\n".getBytes(StandardCharsets.UTF_8));

            assertThat(run.getConnector()).isEqualTo("connectors/lines");
            assertThat(run.getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_SUCCEEDED);
            assertThat(run.getCounts().getCreated()).isEqualTo(2);
        }
    }

    @Test
    void runsAreListedNewestFirst() throws Exception {
        SyncRun first = client.importFile("a.csv", "First Name,Email\nAda,ada@example.com\n".getBytes());
        SyncRun second = client.importFile("b.csv", "First Name,Email\nAlan,alan@example.com\n".getBytes());

        assertThat(sync.listSyncRuns(ListSyncRunsRequest.newBuilder().build()).getSyncRunsList())
                .extracting(SyncRun::getName)
                .containsExactly(second.getName(), first.getName());
        assertThat(sync.getSyncRun(
                        GetSyncRunRequest.newBuilder().setName(first.getName()).build()))
                .isEqualTo(first);
    }

    private static StatusRuntimeException catchStatus(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
        return (StatusRuntimeException) thrown;
    }

    private static List<String> violations(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream()
                .filter(d -> d.is(BadRequest.class))
                .flatMap(d -> {
                    try {
                        return d.unpack(BadRequest.class).getFieldViolationsList().stream();
                    } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                        throw new IllegalStateException(ex);
                    }
                })
                .map(BadRequest.FieldViolation::getField)
                .toList();
    }

    private static SyncCounts counts(
            long read, long created, long updated, long unchanged, long merged, long rejected) {
        return SyncCounts.newBuilder()
                .setRead(read)
                .setCreated(created)
                .setUpdated(updated)
                .setUnchanged(unchanged)
                .setMerged(merged)
                .setRejected(rejected)
                .build();
    }

    private static byte[] emptyWorkbook() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        workbook.newWorksheet("Sheet1").value(0, 0, "x");
        workbook.finish();
        return out.toByteArray();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SyncServiceTest.class.getResourceAsStream("/exports/" + name)) {
            return in.readAllBytes();
        }
    }
}
