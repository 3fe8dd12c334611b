package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.assertCode;
import static io.hearth.server.grpc.GrpcAssertions.assertInvalid;
import static io.hearth.server.grpc.GrpcAssertions.errorReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.proto.v1.ArchiveContactRequest;
import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.ContactOrigin;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.ConvertLeadRequest;
import io.hearth.proto.v1.ConvertLeadResponse;
import io.hearth.proto.v1.CreateContactRequest;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.GetContactRequest;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.ListContactsRequest;
import io.hearth.proto.v1.MergeContactsRequest;
import io.hearth.proto.v1.MergeContactsResponse;
import io.hearth.proto.v1.MergeLeadIntoContactRequest;
import io.hearth.proto.v1.MergeLeadIntoContactResponse;
import io.hearth.proto.v1.UpdateContactRequest;
import io.hearth.server.InProcessHearth;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ContactService end to end inside one JVM: real wiring, real rules, in-memory HSQLDB. */
class ContactServiceTest {
    private InProcessHearth hearth;
    private ContactServiceGrpc.ContactServiceBlockingStub contacts;
    private LeadServiceGrpc.LeadServiceBlockingStub leads;

    @BeforeEach
    void start() throws Exception {
        hearth = new InProcessHearth(Clock.systemUTC());
        contacts = ContactServiceGrpc.newBlockingStub(hearth.channel());
        leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void createdSupplierReadsBackWithItsCadence() {
        Contact created = contacts.createContact(
                CreateContactRequest.newBuilder().setContact(supplier()).build());

        assertThat(created.getName()).matches("contacts/[0-9a-f-]{36}");
        assertThat(created.getPhone()).isEqualTo("+14155550100");
        assertThat(created.getOrigin()).isEqualTo(ContactOrigin.CONTACT_ORIGIN_DIRECT);
        assertThat(created.getCadenceState()).isEqualTo(CadenceState.CADENCE_STATE_ACTIVE);
        assertThat(contacts.getContact(GetContactRequest.newBuilder()
                        .setName(created.getName())
                        .build()))
                .isEqualTo(created);
    }

    @Test
    void aRetryWithTheSameRequestIdReturnsTheFirstContact() {
        CreateContactRequest create = CreateContactRequest.newBuilder()
                .setContact(supplier())
                .setRequestId("r-1")
                .build();
        Contact first = contacts.createContact(create);
        Contact retry = contacts.createContact(create);
        // another request id is another call: a second supplier, entered knowingly
        Contact other = contacts.createContact(
                create.toBuilder().setRequestId("r-2").setAllowDuplicate(true).build());

        assertThat(retry).isEqualTo(first);
        assertThat(other.getName()).isNotEqualTo(first.getName());
        assertThat(contacts.listContacts(ListContactsRequest.newBuilder().build())
                        .getContactsList())
                .hasSize(2);
        assertInvalid(
                () -> contacts.createContact(
                        create.toBuilder().setRequestId("x".repeat(101)).build()),
                "request_id");
    }

    @Test
    void badInputNamesTheField() {
        assertInvalid(
                () -> contacts.createContact(CreateContactRequest.newBuilder()
                        .setContact(Contact.newBuilder().setCompany("Paper Co"))
                        .build()),
                "contact.kind");
        assertInvalid(
                () -> contacts.createContact(CreateContactRequest.newBuilder()
                        .setContact(supplier().toBuilder().setKindValue(99))
                        .build()),
                "contact.kind");
        assertInvalid(
                () -> contacts.getContact(
                        GetContactRequest.newBuilder().setName("leads/1").build()),
                "name");
        assertInvalid(
                () -> contacts.listContacts(ListContactsRequest.newBuilder()
                        .setFilter("kind = boss")
                        .build()),
                "filter");
        assertCode(
                () -> contacts.getContact(GetContactRequest.newBuilder()
                        .setName("contacts/" + UUID.randomUUID())
                        .build()),
                Status.Code.NOT_FOUND);
    }

    @Test
    void updateWithStaleEtagIsAborted() {
        Contact created = contacts.createContact(
                CreateContactRequest.newBuilder().setContact(supplier()).build());
        Contact updated = contacts.updateContact(UpdateContactRequest.newBuilder()
                .setContact(created.toBuilder().setOwner("bob"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("owner"))
                .build());
        assertThat(updated.getOwner()).isEqualTo("bob");

        assertCode(
                () -> contacts.updateContact(UpdateContactRequest.newBuilder()
                        .setContact(created.toBuilder().setOwner("carol"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("owner"))
                        .build()),
                Status.Code.ABORTED);
        assertInvalid(
                () -> contacts.updateContact(UpdateContactRequest.newBuilder()
                        .setContact(updated.toBuilder().setOwner("dave"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("shoe_size"))
                        .build()),
                "update_mask");
    }

    @Test
    void convertLeadLinksBothWaysAndRefusesASecondTime() {
        Lead lead = leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName("Ada")
                        .setEmail("ada@example.com")
                        .setSource(LeadSource.LEAD_SOURCE_REFERRAL)
                        .setOwner("alice")
                        .setNotes("wants a demo")
                        .addTags("vip"))
                .build());

        ConvertLeadResponse converted = contacts.convertLead(ConvertLeadRequest.newBuilder()
                .setLead(lead.getName())
                .setEtag(lead.getEtag())
                .build());

        assertThat(converted.getLead().getStatus()).isEqualTo(LeadStatus.LEAD_STATUS_CONVERTED);
        assertThat(converted.getLead().getConvertedContact())
                .isEqualTo(converted.getContact().getName());
        assertThat(leads.getLead(GetLeadRequest.newBuilder()
                                .setName(lead.getName())
                                .build())
                        .getConvertedContact())
                .isEqualTo(converted.getContact().getName());
        Contact contact = converted.getContact();
        assertThat(contact.getKind()).isEqualTo(ContactKind.CONTACT_KIND_PROSPECT);
        assertThat(contact.getOrigin()).isEqualTo(ContactOrigin.CONTACT_ORIGIN_CONVERTED_LEAD);
        assertThat(contact.getConvertedFrom()).isEqualTo(lead.getName());
        assertThat(contact.getSource()).isEqualTo(LeadSource.LEAD_SOURCE_REFERRAL);
        assertThat(contact.getNotes()).isEqualTo("wants a demo");
        assertThat(contact.getTagsList()).containsExactly("vip");

        assertThatThrownBy(() -> contacts.convertLead(
                        ConvertLeadRequest.newBuilder().setLead(lead.getName()).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(errorReason(e)).isEqualTo("LEAD_ALREADY_CONVERTED");
                    assertThat(e.getStatus().getDescription()).contains("work the contact instead");
                });
        assertInvalid(() -> contacts.convertLead(ConvertLeadRequest.getDefaultInstance()), "lead");
    }

    @Test
    void archivedContactsLeaveTheDefaultList() {
        Contact created = contacts.createContact(
                CreateContactRequest.newBuilder().setContact(supplier()).build());
        contacts.archiveContact(
                ArchiveContactRequest.newBuilder().setName(created.getName()).build());

        assertThat(contacts.listContacts(ListContactsRequest.getDefaultInstance())
                        .getContactsList())
                .isEmpty();
        assertThat(contacts.listContacts(ListContactsRequest.newBuilder()
                                .setShowArchived(true)
                                .setFilter("kind = supplier AND cadence_state = active")
                                .build())
                        .getContactsList())
                .extracting(Contact::getName)
                .containsExactly(created.getName());
    }

    @Test
    void aContactWhoIsAlreadyALeadIsRefusedNamingTheLead() {
        Lead lead = leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName("Sam")
                        .setEmail("sam@paper.example")
                        .setSource(LeadSource.LEAD_SOURCE_WEB_FORM))
                .build());
        CreateContactRequest sam = CreateContactRequest.newBuilder()
                .setContact(supplier().toBuilder().setEmail("Sam@Paper.example"))
                .build();

        assertThatThrownBy(() -> contacts.createContact(sam))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
                    assertThat(errorReason(e)).isEqualTo("DUPLICATE_PERSON");
                    assertThat(GrpcAssertions.resourceName(e)).isEqualTo(lead.getName());
                });
        assertThat(contacts.createContact(
                                sam.toBuilder().setAllowDuplicate(true).build())
                        .getKind())
                .isEqualTo(ContactKind.CONTACT_KIND_SUPPLIER);
    }

    @Test
    void aLeadMergedIntoTheContactOfItsPersonIsArchivedNamingIt() {
        Contact sam = contacts.createContact(
                CreateContactRequest.newBuilder().setContact(supplier()).build());
        Lead lead = leads.createLead(CreateLeadRequest.newBuilder()
                .setAllowDuplicate(true)
                .setLead(Lead.newBuilder()
                        .setGivenName("Sam")
                        .setCompany("Paper Co")
                        .setEmail("sam@paper.example")
                        .setSource(LeadSource.LEAD_SOURCE_TRADE_SHOW))
                .build());
        MergeLeadIntoContactRequest merge = MergeLeadIntoContactRequest.newBuilder()
                .setContact(sam.getName())
                .setLead(lead.getName())
                .setLeadEtag(lead.getEtag())
                .build();

        MergeLeadIntoContactResponse merged = contacts.mergeLeadIntoContact(merge);

        assertThat(merged.getContact().getEmail()).isEqualTo("sam@paper.example");
        assertThat(merged.getContact().getKind()).isEqualTo(ContactKind.CONTACT_KIND_SUPPLIER);
        assertThat(merged.getLead().getMergedInto()).isEqualTo(sam.getName());
        assertThat(leads.getLead(GetLeadRequest.newBuilder()
                                .setName(lead.getName())
                                .build())
                        .hasArchiveTime())
                .isTrue();
        assertCode(
                () -> contacts.mergeLeadIntoContact(
                        merge.toBuilder().setLeadEtag("").build()),
                Status.Code.FAILED_PRECONDITION);
        assertInvalid(
                () -> contacts.mergeLeadIntoContact(
                        merge.toBuilder().setContact("leads/x").build()),
                "contact");
        assertInvalid(
                () -> contacts.mergeLeadIntoContact(
                        merge.toBuilder().setLead("").build()),
                "lead");
        assertCode(
                () -> contacts.mergeLeadIntoContact(merge.toBuilder()
                        .setContact("contacts/" + UUID.randomUUID())
                        .build()),
                Status.Code.NOT_FOUND);
    }

    @Test
    void aContactEnteredTwiceIsMergedIntoOneAndTheDuplicateNamesTheSurvivor() {
        Contact sam = contacts.createContact(
                CreateContactRequest.newBuilder().setContact(supplier()).build());
        Contact twin = contacts.createContact(CreateContactRequest.newBuilder()
                .setAllowDuplicate(true)
                .setContact(Contact.newBuilder()
                        .setGivenName("Sam")
                        .setCompany("Paper Co")
                        .setEmail("sam@paper.example")
                        .setKind(ContactKind.CONTACT_KIND_PROSPECT)
                        .addTags("paper"))
                .build());
        MergeContactsRequest merge = MergeContactsRequest.newBuilder()
                .setSurvivor(sam.getName())
                .setSurvivorEtag(sam.getEtag())
                .setDuplicate(twin.getName())
                .setDuplicateEtag(twin.getEtag())
                .build();

        MergeContactsResponse merged = contacts.mergeContacts(merge);

        assertThat(merged.getSurvivor().getEmail()).isEqualTo("sam@paper.example");
        assertThat(merged.getSurvivor().getTagsList()).containsExactly("paper");
        assertThat(merged.getSurvivor().getKind()).isEqualTo(ContactKind.CONTACT_KIND_SUPPLIER);
        assertThat(merged.getSurvivor().hasNextStep())
                .as("its own first step stays")
                .isTrue();
        assertThat(merged.getDuplicate().getMergedInto()).isEqualTo(sam.getName());
        assertThat(merged.getDuplicate().hasArchiveTime()).isTrue();
        assertThat(merged.getDuplicate().hasNextStep())
                .as("its step was cancelled")
                .isFalse();
        assertThat(merged.getFollowUpsMoved()).isEqualTo(1);
        assertThat(contacts.getContact(
                        GetContactRequest.newBuilder().setName(twin.getName()).build()))
                .isEqualTo(merged.getDuplicate());
        assertThat(contacts.listContacts(ListContactsRequest.getDefaultInstance())
                        .getContactsList())
                .extracting(Contact::getName)
                .containsExactly(sam.getName());
        assertCode(() -> contacts.mergeContacts(merge), Status.Code.ABORTED);
        assertCode(
                () -> contacts.mergeContacts(merge.toBuilder()
                        .setSurvivorEtag("")
                        .setDuplicateEtag("")
                        .build()),
                Status.Code.FAILED_PRECONDITION);
        assertInvalid(
                () -> contacts.mergeContacts(
                        merge.toBuilder().setSurvivor("leads/x").build()),
                "survivor");
        assertInvalid(
                () -> contacts.mergeContacts(merge.toBuilder().setDuplicate("").build()), "duplicate");
        assertInvalid(
                () -> contacts.mergeContacts(MergeContactsRequest.newBuilder()
                        .setSurvivor(sam.getName())
                        .setDuplicate(sam.getName())
                        .build()),
                "duplicate");
        assertCode(
                () -> contacts.mergeContacts(merge.toBuilder()
                        .setSurvivorEtag("")
                        .setDuplicate("contacts/" + UUID.randomUUID())
                        .build()),
                Status.Code.NOT_FOUND);
    }

    private static Contact supplier() {
        return Contact.newBuilder()
                .setGivenName("Sam")
                .setCompany("Paper Co")
                .setPhone("(415) 555-0100")
                .setKind(ContactKind.CONTACT_KIND_SUPPLIER)
                .setOwner("alice")
                .build();
    }
}
