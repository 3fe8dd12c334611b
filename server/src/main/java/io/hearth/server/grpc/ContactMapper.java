package io.hearth.server.grpc;

import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactField;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.person.MaskField;
import io.hearth.core.touch.Cadence;
import io.hearth.core.touch.PersonCadence;
import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.ContactOrBuilder;
import io.hearth.proto.v1.ContactOrigin;
import java.util.Set;

/** Proto contacts to domain contacts and back. */
final class ContactMapper {
    private ContactMapper() {}

    static io.hearth.proto.v1.Contact toProto(Contact contact, PersonCadence standing, java.time.Instant now) {
        Cadence cadence = standing.cadence();
        ContactFields f = contact.fields();
        io.hearth.proto.v1.Contact.Builder proto = io.hearth.proto.v1.Contact.newBuilder()
                .setName(contact.id().name())
                .setKind(ProtoEnums.toProto(f.kind(), io.hearth.proto.v1.ContactKind.class, "CONTACT_KIND_"))
                .setOrigin(ProtoEnums.toProto(contact.origin(), ContactOrigin.class, "CONTACT_ORIGIN_"))
                .setConvertedFrom(
                        contact.convertedFrom() == null
                                ? ""
                                : contact.convertedFrom().name())
                .setCadenceState(ProtoEnums.toProto(standing.stateAt(now), CadenceState.class, "CADENCE_STATE_"))
                .setCompletedFollowUps(cadence.completedFollowUps())
                .setCreateTime(ProtoTimes.toProto(contact.createdAt()))
                .setUpdateTime(ProtoTimes.toProto(contact.updatedAt()))
                .setEtag(contact.etag());
        PersonMessages.write(proto, f.person());
        if (contact.archivedAt() != null) {
            proto.setArchiveTime(ProtoTimes.toProto(contact.archivedAt()));
        }
        if (contact.archiveReason() != null) {
            proto.setArchiveReason(contact.archiveReason());
        }
        if (contact.mergedInto() != null) {
            proto.setMergedInto(contact.mergedInto());
        }
        if (standing.nextStep() != null) {
            proto.setNextStep(FollowUpMapper.nextStep(standing.nextStep()));
        }
        return proto.build();
    }

    /** The writable fields of a proto contact; unset enums become {@code null}. */
    static ContactFields toFields(ContactOrBuilder proto) {
        return new ContactFields(
                PersonMessages.read(proto, "contact"),
                ProtoEnums.toDomain(proto.getKind(), ContactKind.class, "CONTACT_KIND_", "contact.kind"));
    }

    /** AIP-134: without an update mask, every field the caller set is updated. */
    static Set<MaskField> fieldsSetIn(ContactOrBuilder proto) {
        Set<MaskField> set = PersonMessages.fieldsSetIn(proto);
        if (proto.getKindValue() != 0) {
            set.add(ContactField.KIND);
        }
        return set;
    }
}
