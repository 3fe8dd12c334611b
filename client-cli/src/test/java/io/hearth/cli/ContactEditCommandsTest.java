package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.ArchiveContactRequest;
import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.CreateContactRequest;
import io.hearth.proto.v1.GetContactRequest;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.MergeContactsRequest;
import io.hearth.proto.v1.MergeContactsResponse;
import io.hearth.proto.v1.NextStep;
import io.hearth.proto.v1.RestoreContactRequest;
import io.hearth.proto.v1.TouchChannel;
import io.hearth.proto.v1.UpdateContactRequest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** contacts update|archive|restore and create --title against a recording fake. */
class ContactEditCommandsTest {

    private static final Contact GRACE = Contact.newBuilder()
            .setName("contacts/c1")
            .setDisplayName("Grace Hopper")
            .setGivenName("Grace")
            .setFamilyName("Hopper")
            .setTitle("Rear Admiral")
            .setKind(ContactKind.CONTACT_KIND_PROSPECT)
            .setCadenceState(CadenceState.CADENCE_STATE_ACTIVE)
            .setOwner("bob")
            .setEtag("\"4\"")
            .build();

    private final List<Message> requests = new CopyOnWriteArrayList<>();
    private final String serverName = InProcessServerBuilder.generateName();
    private Server server;
    private Status failure;

    @BeforeEach
    void start() throws Exception {
        server = InProcessServerBuilder.forName(serverName)
                .directExecutor()
                .addService(new Contacts())
                .build()
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void updateMasksExactlyTheGivenFields() {
        CliResult result =
                run("contacts", "update", "c1", "--owner", "bob", "--title", "Rear Admiral", "--etag", "\"3\"");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(UpdateContactRequest.newBuilder()
                        .setContact(Contact.newBuilder()
                                .setName("contacts/c1")
                                .setEtag("\"3\"")
                                .setTitle("Rear Admiral")
                                .setOwner("bob"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("title").addPaths("owner"))
                        .build());
        assertThat(result.out()).contains("Rear Admiral").contains("bob").contains("\"4\"");
    }

    @ParameterizedTest
    @CsvSource({
        "--given-name, Grace, given_name",
        "--family-name, Hopper, family_name",
        "--company, Navy, company",
        "--title, Admiral, title",
        "--email, grace@example.com, email",
        "--phone, +14155550100, phone",
        "--kind, active-client, kind",
        "--source, referral, source",
        "--owner, alice, owner",
        "--notes, met at a conference, notes",
        "--tag, vip, tags"
    })
    void masksTheFieldOfEachOption(String option, String value, String path) {
        CliResult result = run("contacts", "update", "contacts/c1", option, value);

        assertThat(result.exitCode()).as(result.err()).isZero();
        UpdateContactRequest request = (UpdateContactRequest) requests.get(0);
        assertThat(request.getUpdateMask().getPathsList()).containsExactly(path);
        assertThat(request.getContact().getAllFields().keySet())
                .extracting(field -> field.getName())
                .contains(path);
    }

    @Test
    void updateSendsTheKindAndSourceAsTheirEnums() {
        CliResult result = run("contacts", "update", "c1", "--kind", "dormant-client", "--source", "trade-show");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Contact sent = ((UpdateContactRequest) requests.get(0)).getContact();
        assertThat(sent.getKind()).isEqualTo(ContactKind.CONTACT_KIND_DORMANT_CLIENT);
        assertThat(sent.getSource()).isEqualTo(LeadSource.LEAD_SOURCE_TRADE_SHOW);
    }

    @Test
    void anEmptyValueClearsTheField() {
        CliResult result = run("contacts", "update", "c1", "--email", "");

        assertThat(result.exitCode()).as(result.err()).isZero();
        UpdateContactRequest request = (UpdateContactRequest) requests.get(0);
        assertThat(request.getUpdateMask().getPathsList()).containsExactly("email");
        assertThat(request.getContact().getEmail()).isEmpty();
    }

    @Test
    void givenTagsReplaceAllTagsAndClearTagsRemovesThem() {
        CliResult tagged = run("contacts", "update", "c1", "--tag", "vip", "--tag", "q3");
        CliResult cleared = run("contacts", "update", "c1", "--clear-tags");

        assertThat(tagged.exitCode()).as(tagged.err()).isZero();
        assertThat(cleared.exitCode()).as(cleared.err()).isZero();
        UpdateContactRequest first = (UpdateContactRequest) requests.get(0);
        assertThat(first.getContact().getTagsList()).containsExactly("vip", "q3");
        UpdateContactRequest second = (UpdateContactRequest) requests.get(1);
        assertThat(second.getUpdateMask().getPathsList()).containsExactly("tags");
        assertThat(second.getContact().getTagsList()).isEmpty();
    }

    @Test
    void allowDuplicateIsSentWhenAsked() {
        CliResult result = run("contacts", "update", "c1", "--email", "ada@example.com", "--allow-duplicate");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((UpdateContactRequest) requests.get(0)).getAllowDuplicate()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--etag=\"3\"", "--allow-duplicate"})
    void noFieldIsAUsageError(String option) {
        CliResult result = option.isEmpty() ? run("contacts", "update", "c1") : run("contacts", "update", "c1", option);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Nothing to update");
        assertThat(requests).isEmpty();
    }

    @Test
    void clearTagsAndTagAreAUsageError() {
        CliResult result = run("contacts", "update", "c1", "--clear-tags", "--tag", "vip");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--clear-tags and --tag exclude each other");
        assertThat(requests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"contacts/", "a/b", "leads/l1"})
    void aMalformedContactIsAUsageError(String contact) {
        CliResult result = run("contacts", "archive", contact);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is neither a contact id nor a name like contacts/{id}");
        assertThat(requests).isEmpty();
    }

    @Test
    void aStaleEtagIsReportedAsTheServerSaysIt() {
        failure = Status.ABORTED.withDescription("contacts/c1 changed since etag \"3\": read it again");

        CliResult result = run("contacts", "update", "c1", "--owner", "alice", "--etag", "\"3\"");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo(
                        "error: ABORTED: contacts/c1 changed since etag \"3\": read it again" + System.lineSeparator());
    }

    @Test
    void archiveSendsNameAndEtagAndShowsWhenItWasArchived() {
        CliResult result = run("contacts", "archive", "c1", "--etag", "\"4\"");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(ArchiveContactRequest.newBuilder()
                        .setName("contacts/c1")
                        .setEtag("\"4\"")
                        .build());
        assertThat(result.out()).containsPattern("archived\\s+2026-11-23T10:00:00Z");
    }

    @Test
    void restoreSendsTheNameAndNoEtagUnlessGiven() {
        CliResult result = run("--output", "json", "contacts", "restore", "contacts/c1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(RestoreContactRequest.newBuilder()
                        .setName("contacts/c1")
                        .build());
        assertThat(result.out()).contains("\"name\": \"contacts/c1\"").doesNotContain("archiveTime");
    }

    @Test
    void createSendsTheTitle() {
        CliResult result =
                run("contacts", "create", "--kind", "prospect", "--given-name", "Grace", "--title", "Rear Admiral");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((CreateContactRequest) requests.get(0)).getContact().getTitle())
                .isEqualTo("Rear Admiral");
        assertThat(result.out()).containsPattern("title\\s+Rear Admiral");
    }

    @Test
    void createSendsEveryTagGiven() {
        CliResult result = run("contacts", "create", "--kind", "partner", "--tag", "emea", "--tag", "key-account");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((CreateContactRequest) requests.get(0)).getContact().getTagsList())
                .containsExactly("emea", "key-account");
    }

    @Test
    void getShowsTheCadenceAndItsNextStep() {
        CliResult result = run("contacts", "get", "c1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(
                        GetContactRequest.newBuilder().setName("contacts/c1").build());
        assertThat(result.out())
                .containsPattern("cadence\\s+active after 3 follow-ups")
                .containsPattern("next step\\s+follow-up 4 by email, due 2026-11-25T09:00:00Z \\(followUps/f4\\):"
                        + " follow-up 4 of 8: email");
    }

    @Test
    void mergeSendsBothContactsAndTheirEtagsAndSaysWhatMoved() {
        CliResult result = run("contacts", "merge", "c1", "contacts/c2", "--duplicate-etag", "\"2\"");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(MergeContactsRequest.newBuilder()
                        .setSurvivor("contacts/c1")
                        .setDuplicate("contacts/c2")
                        .setDuplicateEtag("\"2\"")
                        .build());
        assertThat(result.out())
                .startsWith("contacts/c2 merged into contacts/c1: 3 touches, 1 follow-ups, 0 connector links moved")
                .containsPattern("display name\\s+Grace Hopper");
    }

    @Test
    void mergeOfAMergedContactReportsTheServersReason() {
        failure = Status.FAILED_PRECONDITION.withDescription("contacts/c2 was merged into contacts/c9");

        CliResult result = run("contacts", "merge", "c1", "c2");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("FAILED_PRECONDITION: contacts/c2 was merged into contacts/c9");
    }

    @Test
    void mergeNeedsTwoContactNames() {
        CliResult result = run("contacts", "merge", "c1", "leads/l2");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(requests).isEmpty();
    }

    private CliResult run(String... args) {
        return CliResult.run((target, credentials) -> inProcess(), args);
    }

    private ManagedChannel inProcess() {
        return InProcessChannelBuilder.forName(serverName).directExecutor().build();
    }

    private final class Contacts extends ContactServiceGrpc.ContactServiceImplBase {

        private boolean failed(Message request, StreamObserver<Contact> response) {
            requests.add(request);
            if (failure != null) {
                response.onError(failure.asRuntimeException());
                return true;
            }
            return false;
        }

        private void answer(Message request, Contact contact, StreamObserver<Contact> response) {
            if (!failed(request, response)) {
                response.onNext(contact);
                response.onCompleted();
            }
        }

        @Override
        public void createContact(CreateContactRequest request, StreamObserver<Contact> response) {
            answer(request, GRACE, response);
        }

        @Override
        public void updateContact(UpdateContactRequest request, StreamObserver<Contact> response) {
            answer(request, GRACE, response);
        }

        @Override
        public void archiveContact(ArchiveContactRequest request, StreamObserver<Contact> response) {
            answer(
                    request,
                    GRACE.toBuilder()
                            .setArchiveTime(Times.timestamp(Instant.parse("2026-11-23T10:00:00Z")))
                            .build(),
                    response);
        }

        @Override
        public void getContact(GetContactRequest request, StreamObserver<Contact> response) {
            answer(
                    request,
                    GRACE.toBuilder()
                            .setCompletedFollowUps(3)
                            .setNextStep(NextStep.newBuilder()
                                    .setFollowUp("followUps/f4")
                                    .setFollowUpNumber(4)
                                    .setChannel(TouchChannel.TOUCH_CHANNEL_EMAIL)
                                    .setDueTime(Times.timestamp(Instant.parse("2026-11-25T09:00:00Z")))
                                    .setReason("follow-up 4 of 8: email"))
                            .build(),
                    response);
        }

        @Override
        public void mergeContacts(MergeContactsRequest request, StreamObserver<MergeContactsResponse> response) {
            if (failure != null) {
                requests.add(request);
                response.onError(failure.asRuntimeException());
                return;
            }
            requests.add(request);
            response.onNext(MergeContactsResponse.newBuilder()
                    .setSurvivor(GRACE)
                    .setDuplicate(GRACE.toBuilder()
                            .setName("contacts/c2")
                            .setMergedInto("contacts/c1")
                            .setArchiveTime(Times.timestamp(Instant.parse("2026-11-23T10:00:00Z"))))
                    .setTouchesMoved(3)
                    .setFollowUpsMoved(1)
                    .build());
            response.onCompleted();
        }

        @Override
        public void restoreContact(RestoreContactRequest request, StreamObserver<Contact> response) {
            answer(request, GRACE, response);
        }
    }
}
