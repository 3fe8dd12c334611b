package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.assertInvalid;
import static io.hearth.server.grpc.GrpcAssertions.badRequestFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.FieldMask;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.CreateContactRequest;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.ExportLeadsRequest;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListContactsRequest;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListQueueRequest;
import io.hearth.proto.v1.ListRejectedRecordsRequest;
import io.hearth.proto.v1.LogTouchRequest;
import io.hearth.proto.v1.Qualification;
import io.hearth.proto.v1.QualifyLeadRequest;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.RejectedRecord;
import io.hearth.proto.v1.SetTemperatureOverrideRequest;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncServiceGrpc;
import io.hearth.proto.v1.Temperature;
import io.hearth.proto.v1.Touch;
import io.hearth.proto.v1.TouchChannel;
import io.hearth.proto.v1.TouchKind;
import io.hearth.proto.v1.TouchOutcome;
import io.hearth.proto.v1.UpdateLeadRequest;
import io.hearth.server.InProcessHearth;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a hostile or careless caller sends: huge filters, control characters, bytes that are no message. */
class HostileInputTest {
    /** 20,000 conditions, 320 KB: the filter that once took 11.5 s and 3.6 GB of heap. */
    private static final String HUGE_FILTER = String.join(" AND ", Collections.nCopies(20_000, "owner = alice"));

    private InProcessHearth hearth;

    @BeforeEach
    void start() throws Exception {
        hearth = new InProcessHearth(Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void oversizedFiltersAreRefusedAtOnceNamingTheLimit() {
        LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        ContactServiceGrpc.ContactServiceBlockingStub contacts = ContactServiceGrpc.newBlockingStub(hearth.channel());
        SyncServiceGrpc.SyncServiceBlockingStub sync = SyncServiceGrpc.newBlockingStub(hearth.channel());

        assertRefusedFilter(
                () -> leads.listLeads(
                        ListLeadsRequest.newBuilder().setFilter(HUGE_FILTER).build()),
                "4096 characters");
        assertRefusedFilter(
                () -> contacts.listContacts(
                        ListContactsRequest.newBuilder().setFilter(HUGE_FILTER).build()),
                "4096 characters");
        assertRefusedFilter(
                () -> sync.exportLeads(ExportLeadsRequest.newBuilder()
                                .setConnector("connectors/csv")
                                .setFilter(HUGE_FILTER)
                                .build())
                        .hasNext(),
                "4096 characters");
        String manyTerms = String.join(" AND ", Collections.nCopies(51, "tag = a"));
        assertRefusedFilter(
                () -> leads.listLeads(
                        ListLeadsRequest.newBuilder().setFilter(manyTerms).build()),
                "at most 50 conditions");
    }

    @Test
    void aBadFilterIsEchoedOnlyAsAShortExcerpt() {
        LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        String bad = "owner = alice JUNK" + "x".repeat(4000);

        assertThatThrownBy(() -> leads.listLeads(
                        ListLeadsRequest.newBuilder().setFilter(bad).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription())
                            .hasSizeLessThan(200)
                            .containsOnlyOnce("JUNK");
                    assertThat(fieldDescription(e)).hasSizeLessThan(150).containsOnlyOnce("JUNK");
                });
    }

    @Test
    void controlCharactersInWhatIsWrittenAreInvalidArgumentsNamingTheField() {
        LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        ContactServiceGrpc.ContactServiceBlockingStub contacts = ContactServiceGrpc.newBlockingStub(hearth.channel());
        FollowUpServiceGrpc.FollowUpServiceBlockingStub followUps =
                FollowUpServiceGrpc.newBlockingStub(hearth.channel());
        QueueServiceGrpc.QueueServiceBlockingStub queue = QueueServiceGrpc.newBlockingStub(hearth.channel());

        assertInvalid(
                () -> leads.createLead(CreateLeadRequest.newBuilder()
                        .setLead(Lead.newBuilder().setGivenName("Ada\u0000").setEmail("ada@example.com"))
                        .build()),
                "lead.given_name");
        assertInvalid(
                () -> leads.createLead(CreateLeadRequest.newBuilder()
                        .setLead(Lead.newBuilder()
                                .setGivenName("Ada")
                                .setPhone("415\u0000555 0100")
                                .setOwner("alice\tbob"))
                        .build()),
                "lead.phone",
                "lead.owner");
        Lead ada = leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(
                        Lead.newBuilder().setGivenName("Ada").setNotes("called twice:\n\t- no answer\r\n\t- voicemail"))
                .build());
        assertInvalid(
                () -> leads.updateLead(UpdateLeadRequest.newBuilder()
                        .setLead(Lead.newBuilder().setName(ada.getName()).setNotes("bell \u0007"))
                        .build()),
                "lead.notes");
        assertInvalid(
                () -> contacts.createContact(CreateContactRequest.newBuilder()
                        .setContact(Contact.newBuilder()
                                .setKind(ContactKind.CONTACT_KIND_SUPPLIER)
                                .setCompany("Acme\u0000"))
                        .build()),
                "contact.company");
        assertInvalid(
                () -> followUps.logTouch(LogTouchRequest.newBuilder()
                        .setTouch(Touch.newBuilder()
                                .setPerson(ada.getName())
                                .setKind(TouchKind.TOUCH_KIND_COLD_CALL)
                                .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                                .setOutcome(TouchOutcome.TOUCH_OUTCOME_NO_ANSWER)
                                .setNote("left a message\u0000"))
                        .build()),
                "touch.note");
        assertInvalid(
                () -> queue.qualifyLead(QualifyLeadRequest.newBuilder()
                        .setName(ada.getName())
                        .setQualification(Qualification.newBuilder().setNote("budget \u001b[31mred"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("note"))
                        .build()),
                "qualification.note");
        assertInvalid(
                () -> queue.setTemperatureOverride(SetTemperatureOverrideRequest.newBuilder()
                        .setName(ada.getName())
                        .setTemperature(Temperature.TEMPERATURE_HOT)
                        .setReason("asked\u0000")
                        .build()),
                "reason");
        assertInvalid(
                () -> queue.listQueue(
                        ListQueueRequest.newBuilder().setOwner("al\u0000ice").build()),
                "owner");
        assertThat(leads.listLeads(ListLeadsRequest.getDefaultInstance()).getLeadsList())
                .extracting(Lead::getNotes)
                .containsExactly("called twice:\n\t- no answer\r\n\t- voicemail");
    }

    @Test
    void rejectedRecordsAreListedWithAShortPrintableExcerptOfTheirInput() throws Exception {
        String csv = "First Name,Last Name,Notes\n"
                + "Ada,Lovelace,fine\n"
                + "Nul\u0000ly,Broken," + "long notes ".repeat(300) + "\n"
                + "Alan,Turing,fine\n".repeat(20);

        SyncRun run = new SyncClient(hearth.channel()).importFile("people.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(run.getCounts().getRejected()).isEqualTo(1);
        List<RejectedRecord> rejected = SyncServiceGrpc.newBlockingStub(hearth.channel())
                .listRejectedRecords(ListRejectedRecordsRequest.newBuilder()
                        .setParent(run.getName())
                        .build())
                .getRejectedRecordsList();
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.getPosition()).isEqualTo("row 3");
            assertThat(r.getReason()).contains("given_name").contains("U+0000");
            assertThat(r.getRaw())
                    .hasSizeLessThanOrEqualTo(200)
                    .contains("Nul\uFFFDly")
                    .doesNotContain("\u0000");
        });
    }

    private static void assertRefusedFilter(ThrowingCallable call, String limit) {
        long started = System.nanoTime();
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(badRequestFields(e)).containsExactly("filter");
            assertThat(fieldDescription(e)).contains(limit);
            assertThat(e.getStatus().getDescription()).hasSizeLessThan(200);
        });
        assertThat(System.nanoTime() - started).as("refused before any query").isLessThan(2_000_000_000L);
    }

    static String fieldDescription(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream()
                .filter(any -> any.is(BadRequest.class))
                .map(any -> {
                    try {
                        return any.unpack(BadRequest.class)
                                .getFieldViolations(0)
                                .getDescription();
                    } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                        throw new AssertionError(ex);
                    }
                })
                .findFirst()
                .orElseThrow();
    }
}
