package io.hearth.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.grpc.stub.StreamObserver;
import io.hearth.core.app.ContactMerges;
import io.hearth.core.app.Contacts;
import io.hearth.core.app.LeadConversion;
import io.hearth.core.app.LeadMerges;
import io.hearth.core.app.LeadToDealConversion;
import io.hearth.core.app.Opportunities;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.Conversion;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.query.Page;
import io.hearth.proto.v1.ArchiveContactRequest;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.ConvertLeadRequest;
import io.hearth.proto.v1.ConvertLeadResponse;
import io.hearth.proto.v1.CreateContactRequest;
import io.hearth.proto.v1.GetContactRequest;
import io.hearth.proto.v1.ListContactsRequest;
import io.hearth.proto.v1.ListContactsResponse;
import io.hearth.proto.v1.MergeContactsRequest;
import io.hearth.proto.v1.MergeContactsResponse;
import io.hearth.proto.v1.MergeLeadIntoContactRequest;
import io.hearth.proto.v1.MergeLeadIntoContactResponse;
import io.hearth.proto.v1.RestoreContactRequest;
import io.hearth.proto.v1.UpdateContactRequest;
import java.util.List;

/** ContactService over gRPC: maps requests to the contact and conversion use cases and back. */
public final class ContactGrpcService extends ContactServiceGrpc.ContactServiceImplBase {
    private final LeadMerges merges;
    private final ContactMerges contactMerges;
    private final Contacts contacts;
    private final LeadConversion conversion;
    private final PersonCadences people;
    private final LeadToDealConversion dealConversion;
    private final Opportunities opportunities;

    @Inject
    public ContactGrpcService(
            Contacts contacts,
            LeadConversion conversion,
            PersonCadences people,
            LeadMerges merges,
            ContactMerges contactMerges,
            LeadToDealConversion dealConversion,
            Opportunities opportunities) {
        this.contactMerges = requireNonNull(contactMerges, "contactMerges is null");
        this.dealConversion = requireNonNull(dealConversion, "dealConversion is null");
        this.opportunities = requireNonNull(opportunities, "opportunities is null");
        this.merges = requireNonNull(merges, "merges is null");
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.conversion = requireNonNull(conversion, "conversion is null");
        this.people = requireNonNull(people, "people is null");
    }

    @Override
    public void createContact(CreateContactRequest request, StreamObserver<io.hearth.proto.v1.Contact> response) {
        reply(
                response,
                contacts.create(
                        request.hasContact() ? ContactMapper.toFields(request.getContact()) : null,
                        request.getRequestId(),
                        request.getAllowDuplicate()));
    }

    @Override
    public void getContact(GetContactRequest request, StreamObserver<io.hearth.proto.v1.Contact> response) {
        response.onNext(people.shownContact(ContactId.fromName(request.getName(), "name")));
        response.onCompleted();
    }

    @Override
    public void listContacts(ListContactsRequest request, StreamObserver<ListContactsResponse> response) {
        Page<Contact> page = contacts.list(
                request.getFilter(), request.getShowArchived(), request.getPageSize(), request.getPageToken());
        ListContactsResponse.Builder result =
                ListContactsResponse.newBuilder().addAllContacts(people.contacts(page.items()));
        page.nextPageToken().ifPresent(result::setNextPageToken);
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void updateContact(UpdateContactRequest request, StreamObserver<io.hearth.proto.v1.Contact> response) {
        io.hearth.proto.v1.Contact contact = request.getContact();
        reply(
                response,
                contacts.update(
                        contact.getName(),
                        request.hasContact() ? ContactMapper.toFields(contact) : null,
                        request.getUpdateMask().getPathsList(),
                        ContactMapper.fieldsSetIn(contact),
                        contact.getEtag(),
                        request.getAllowDuplicate()));
    }

    @Override
    public void archiveContact(ArchiveContactRequest request, StreamObserver<io.hearth.proto.v1.Contact> response) {
        reply(response, contacts.archive(ContactId.fromName(request.getName(), "name"), request.getEtag()));
    }

    @Override
    public void restoreContact(RestoreContactRequest request, StreamObserver<io.hearth.proto.v1.Contact> response) {
        reply(response, contacts.restore(ContactId.fromName(request.getName(), "name"), request.getEtag()));
    }

    @Override
    public void convertLead(ConvertLeadRequest request, StreamObserver<ConvertLeadResponse> response) {
        LeadId lead = LeadId.fromName(request.getLead(), "lead");
        ConvertLeadResponse.Builder result = ConvertLeadResponse.newBuilder();
        Conversion done;
        if (request.hasOpportunity()) {
            LeadToDealConversion.Result withDeal = dealConversion.convert(
                    lead, request.getEtag(), OpportunityMapper.toFields(request.getOpportunity(), "opportunity"));
            done = withDeal.conversion();
            result.setOpportunity(OpportunityMapper.toProto(
                    withDeal.opportunity(), opportunities.pipelineOf(withDeal.opportunity())));
        } else {
            done = conversion.convert(lead, request.getEtag());
        }
        response.onNext(result.setLead(people.lead(done.lead()))
                .setContact(toProto(done.contact()))
                .build());
        response.onCompleted();
    }

    @Override
    public void mergeLeadIntoContact(
            MergeLeadIntoContactRequest request, StreamObserver<MergeLeadIntoContactResponse> response) {
        LeadMerges.ContactMerge merge = merges.mergeIntoContact(
                ContactId.fromName(request.getContact(), "contact"), request.getContactEtag(),
                LeadId.fromName(request.getLead(), "lead"), request.getLeadEtag());
        response.onNext(MergeLeadIntoContactResponse.newBuilder()
                .setContact(toProto(merge.survivor()))
                .setLead(people.lead(merge.duplicate()))
                .setTouchesMoved(merge.touchesMoved())
                .setFollowUpsMoved(merge.followUpsMoved())
                .setExternalIdsMoved(merge.externalIdsMoved())
                .build());
        response.onCompleted();
    }

    @Override
    public void mergeContacts(MergeContactsRequest request, StreamObserver<MergeContactsResponse> response) {
        ContactMerges.Merge merge = contactMerges.merge(
                ContactId.fromName(request.getSurvivor(), "survivor"),
                request.getSurvivorEtag(),
                ContactId.fromName(request.getDuplicate(), "duplicate"),
                request.getDuplicateEtag());
        List<io.hearth.proto.v1.Contact> shown = people.contacts(List.of(merge.survivor(), merge.duplicate()));
        response.onNext(MergeContactsResponse.newBuilder()
                .setSurvivor(shown.get(0))
                .setDuplicate(shown.get(1))
                .setTouchesMoved(merge.touchesMoved())
                .setFollowUpsMoved(merge.followUpsMoved())
                .setExternalIdsMoved(merge.externalIdsMoved())
                .build());
        response.onCompleted();
    }

    private void reply(StreamObserver<io.hearth.proto.v1.Contact> response, Contact contact) {
        response.onNext(toProto(contact));
        response.onCompleted();
    }

    private io.hearth.proto.v1.Contact toProto(Contact contact) {
        return people.contact(contact);
    }
}
