package io.hearth.server.grpc;

import io.hearth.core.contact.ContactId;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadField;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadSource;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.priority.Temperature;
import io.hearth.proto.v1.LeadOrBuilder;
import java.util.EnumSet;
import java.util.Set;

/** Proto leads to domain leads and back; the only place that knows both shapes. */
final class LeadMapper {
    private LeadMapper() {}

    static io.hearth.proto.v1.Lead toProto(Lead lead) {
        LeadFields f = lead.fields();
        io.hearth.proto.v1.Lead.Builder proto = io.hearth.proto.v1.Lead.newBuilder()
                .setName(lead.id().name())
                .setId(lead.id().value().toString())
                .setDisplayName(lead.displayName())
                .setGivenName(orEmpty(f.givenName()))
                .setFamilyName(orEmpty(f.familyName()))
                .setCompany(orEmpty(f.company()))
                .setTitle(orEmpty(f.title()))
                .setEmail(orEmpty(f.email()))
                .setPhone(orEmpty(f.phone()))
                .setSource(ProtoEnums.toProto(f.source(), io.hearth.proto.v1.LeadSource.class, "LEAD_SOURCE_"))
                .setOwner(orEmpty(f.owner()))
                .setStatus(ProtoEnums.toProto(f.status(), io.hearth.proto.v1.LeadStatus.class, "LEAD_STATUS_"))
                .setTemperature(
                        ProtoEnums.toProto(f.temperature(), io.hearth.proto.v1.Temperature.class, "TEMPERATURE_"))
                .setNotes(orEmpty(f.notes()))
                .addAllTags(f.tags())
                .setCreateTime(ProtoTimes.toProto(lead.createdAt()))
                .setUpdateTime(ProtoTimes.toProto(lead.updatedAt()))
                .setEtag(lead.etag());
        if (lead.archivedAt() != null) {
            proto.setArchiveTime(ProtoTimes.toProto(lead.archivedAt()));
        }
        if (f.status() == LeadStatus.CONVERTED) {
            // conversion gives the contact the lead's id
            proto.setConvertedContact(new ContactId(lead.id().value()).name());
        }
        if (lead.mergedInto() != null) {
            proto.setMergedInto(lead.mergedInto());
        }
        if (lead.possibleDuplicateOf() != null) {
            proto.setPossibleDuplicateOf(lead.possibleDuplicateOf());
        }
        return proto.build();
    }

    /** The writable fields of a proto lead; unset enums become {@code null} so the rules apply defaults. */
    static LeadFields toFields(LeadOrBuilder proto) {
        return LeadFields.builder()
                .givenName(proto.getGivenName())
                .familyName(proto.getFamilyName())
                .company(proto.getCompany())
                .title(proto.getTitle())
                .email(proto.getEmail())
                .phone(proto.getPhone())
                .source(ProtoEnums.toDomain(proto.getSource(), LeadSource.class, "LEAD_SOURCE_", "lead.source"))
                .owner(proto.getOwner())
                .status(ProtoEnums.toDomain(proto.getStatus(), LeadStatus.class, "LEAD_STATUS_", "lead.status"))
                .temperature(ProtoEnums.toDomain(
                        proto.getTemperature(), Temperature.class, "TEMPERATURE_", "lead.temperature"))
                .notes(proto.getNotes())
                .tags(proto.getTagsList())
                .build();
    }

    /** AIP-134: without an update mask, every field the caller set is updated. */
    static Set<LeadField> fieldsSetIn(LeadOrBuilder proto) {
        Set<LeadField> set = EnumSet.noneOf(LeadField.class);
        addIf(set, LeadField.GIVEN_NAME, !proto.getGivenName().isEmpty());
        addIf(set, LeadField.FAMILY_NAME, !proto.getFamilyName().isEmpty());
        addIf(set, LeadField.COMPANY, !proto.getCompany().isEmpty());
        addIf(set, LeadField.TITLE, !proto.getTitle().isEmpty());
        addIf(set, LeadField.EMAIL, !proto.getEmail().isEmpty());
        addIf(set, LeadField.PHONE, !proto.getPhone().isEmpty());
        addIf(set, LeadField.SOURCE, proto.getSourceValue() != 0);
        addIf(set, LeadField.OWNER, !proto.getOwner().isEmpty());
        addIf(set, LeadField.STATUS, proto.getStatusValue() != 0);
        addIf(set, LeadField.TEMPERATURE, proto.getTemperatureValue() != 0);
        addIf(set, LeadField.NOTES, !proto.getNotes().isEmpty());
        addIf(set, LeadField.TAGS, proto.getTagsCount() > 0);
        return set;
    }

    private static void addIf(Set<LeadField> set, LeadField field, boolean condition) {
        if (condition) {
            set.add(field);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
