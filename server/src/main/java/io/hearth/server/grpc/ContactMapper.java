package io.hearth.server.grpc;

import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactField;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.lead.LeadSource;
import io.hearth.core.touch.Cadence;
import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.ContactOrBuilder;
import io.hearth.proto.v1.ContactOrigin;
import java.util.EnumSet;
import java.util.Set;

/** Proto contacts to domain contacts and back. */
final class ContactMapper {
    private ContactMapper() {}

    static io.hearth.proto.v1.Contact toProto(Contact contact, Cadence cadence) {
        ContactFields f = contact.fields();
        io.hearth.proto.v1.Contact.Builder proto = io.hearth.proto.v1.Contact.newBuilder()
                .setName(contact.id().name())
                .setId(contact.id().value().toString())
                .setDisplayName(contact.displayName())
                .setGivenName(orEmpty(f.givenName()))
                .setFamilyName(orEmpty(f.familyName()))
                .setCompany(orEmpty(f.company()))
                .setTitle(orEmpty(f.title()))
                .setEmail(orEmpty(f.email()))
                .setPhone(orEmpty(f.phone()))
                .setKind(ProtoEnums.toProto(f.kind(), io.hearth.proto.v1.ContactKind.class, "CONTACT_KIND_"))
                .setSource(ProtoEnums.toProto(f.source(), io.hearth.proto.v1.LeadSource.class, "LEAD_SOURCE_"))
                .setOwner(orEmpty(f.owner()))
                .setNotes(orEmpty(f.notes()))
                .addAllTags(f.tags())
                .setOrigin(ProtoEnums.toProto(contact.origin(), ContactOrigin.class, "CONTACT_ORIGIN_"))
                .setConvertedFrom(
                        contact.convertedFrom() == null
                                ? ""
                                : contact.convertedFrom().name())
                .setCadenceState(ProtoEnums.toProto(cadence.state(), CadenceState.class, "CADENCE_STATE_"))
                .setCompletedFollowUps(cadence.completedFollowUps())
                .setCreateTime(ProtoTimes.toProto(contact.createdAt()))
                .setUpdateTime(ProtoTimes.toProto(contact.updatedAt()))
                .setEtag(contact.etag());
        if (contact.archivedAt() != null) {
            proto.setArchiveTime(ProtoTimes.toProto(contact.archivedAt()));
        }
        return proto.build();
    }

    /** The writable fields of a proto contact; unset enums become {@code null}. */
    static ContactFields toFields(ContactOrBuilder proto) {
        return ContactFields.builder()
                .givenName(proto.getGivenName())
                .familyName(proto.getFamilyName())
                .company(proto.getCompany())
                .title(proto.getTitle())
                .email(proto.getEmail())
                .phone(proto.getPhone())
                .kind(ProtoEnums.toDomain(proto.getKind(), ContactKind.class, "CONTACT_KIND_", "contact.kind"))
                .source(ProtoEnums.toDomain(proto.getSource(), LeadSource.class, "LEAD_SOURCE_", "contact.source"))
                .owner(proto.getOwner())
                .notes(proto.getNotes())
                .tags(proto.getTagsList())
                .build();
    }

    /** AIP-134: without an update mask, every field the caller set is updated. */
    static Set<ContactField> fieldsSetIn(ContactOrBuilder proto) {
        Set<ContactField> set = EnumSet.noneOf(ContactField.class);
        addIf(set, ContactField.GIVEN_NAME, !proto.getGivenName().isEmpty());
        addIf(set, ContactField.FAMILY_NAME, !proto.getFamilyName().isEmpty());
        addIf(set, ContactField.COMPANY, !proto.getCompany().isEmpty());
        addIf(set, ContactField.TITLE, !proto.getTitle().isEmpty());
        addIf(set, ContactField.EMAIL, !proto.getEmail().isEmpty());
        addIf(set, ContactField.PHONE, !proto.getPhone().isEmpty());
        addIf(set, ContactField.KIND, proto.getKindValue() != 0);
        addIf(set, ContactField.SOURCE, proto.getSourceValue() != 0);
        addIf(set, ContactField.OWNER, !proto.getOwner().isEmpty());
        addIf(set, ContactField.NOTES, !proto.getNotes().isEmpty());
        addIf(set, ContactField.TAGS, proto.getTagsCount() > 0);
        return set;
    }

    private static void addIf(Set<ContactField> set, ContactField field, boolean condition) {
        if (condition) {
            set.add(field);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
