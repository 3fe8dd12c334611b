package io.hearth.server.grpc;

import io.hearth.core.contact.ContactId;
import io.hearth.core.error.InvalidArgumentException;
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
    private LeadMapper() {
    }

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
                .setSource(io.hearth.proto.v1.LeadSource.valueOf("LEAD_SOURCE_" + f.source().name()))
                .setOwner(orEmpty(f.owner()))
                .setStatus(io.hearth.proto.v1.LeadStatus.valueOf("LEAD_STATUS_" + f.status().name()))
                .setTemperature(io.hearth.proto.v1.Temperature.valueOf("TEMPERATURE_" + f.temperature().name()))
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
                .source(source(proto.getSource()))
                .owner(proto.getOwner())
                .status(status(proto.getStatus()))
                .temperature(temperature(proto.getTemperature()))
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

    private static LeadSource source(io.hearth.proto.v1.LeadSource proto) {
        return switch (proto) {
            case LEAD_SOURCE_UNSPECIFIED -> null;
            case UNRECOGNIZED -> throw unknownEnum("lead.source");
            default -> LeadSource.valueOf(proto.name().substring("LEAD_SOURCE_".length()));
        };
    }

    private static LeadStatus status(io.hearth.proto.v1.LeadStatus proto) {
        return switch (proto) {
            case LEAD_STATUS_UNSPECIFIED -> null;
            case UNRECOGNIZED -> throw unknownEnum("lead.status");
            default -> LeadStatus.valueOf(proto.name().substring("LEAD_STATUS_".length()));
        };
    }

    private static Temperature temperature(io.hearth.proto.v1.Temperature proto) {
        return switch (proto) {
            case TEMPERATURE_UNSPECIFIED -> null;
            case UNRECOGNIZED -> throw unknownEnum("lead.temperature");
            default -> Temperature.valueOf(proto.name().substring("TEMPERATURE_".length()));
        };
    }

    private static InvalidArgumentException unknownEnum(String field) {
        return InvalidArgumentException.of(field, "unknown enum value; this server does not know it");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
