package io.hearth.server.grpc;

import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadField;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.Temperature;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.MaskField;
import io.hearth.core.touch.PersonCadence;
import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.LeadOrBuilder;
import java.util.Set;

/** Proto leads to domain leads and back; the only place that knows both shapes. */
final class LeadMapper {
    private LeadMapper() {}

    /** The lead with where it stands in its follow-up cadence. */
    static io.hearth.proto.v1.Lead toProto(Lead lead, PersonCadence cadence, java.time.Instant now) {
        io.hearth.proto.v1.Lead.Builder proto = toProto(lead).toBuilder()
                .setCadenceState(ProtoEnums.toProto(cadence.stateAt(now), CadenceState.class, "CADENCE_STATE_"))
                .setCompletedFollowUps(cadence.cadence().completedFollowUps());
        if (cadence.nextStep() != null) {
            proto.setNextStep(FollowUpMapper.nextStep(cadence.nextStep()));
        }
        return proto.build();
    }

    /** The lead's own fields, without its cadence. */
    static io.hearth.proto.v1.Lead toProto(Lead lead) {
        LeadFields f = lead.fields();
        io.hearth.proto.v1.Lead.Builder proto = io.hearth.proto.v1.Lead.newBuilder()
                .setName(lead.id().name())
                .setStatus(ProtoEnums.toProto(lead.status(), io.hearth.proto.v1.LeadStatus.class, "LEAD_STATUS_"))
                .setTemperature(
                        ProtoEnums.toProto(f.temperature(), io.hearth.proto.v1.Temperature.class, "TEMPERATURE_"))
                .setCreateTime(ProtoTimes.toProto(lead.createdAt()))
                .setUpdateTime(ProtoTimes.toProto(lead.updatedAt()))
                .setEtag(lead.etag());
        PersonMessages.write(proto, f.person());
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
        if (lead.archiveReason() != null) {
            proto.setArchiveReason(lead.archiveReason());
        }
        return proto.build();
    }

    /** The writable fields of a proto lead; unset enums become {@code null} so the rules apply defaults. */
    static LeadFields toFields(LeadOrBuilder proto) {
        return new LeadFields(
                PersonMessages.read(proto, "lead"),
                ProtoEnums.toDomain(proto.getStatus(), LeadStatus.class, "LEAD_STATUS_", "lead.status"),
                ProtoEnums.toDomain(proto.getTemperature(), Temperature.class, "TEMPERATURE_", "lead.temperature"));
    }

    /** AIP-134: without an update mask, every field the caller set is updated. */
    static Set<MaskField> fieldsSetIn(LeadOrBuilder proto) {
        Set<MaskField> set = PersonMessages.fieldsSetIn(proto);
        if (proto.getStatusValue() != 0) {
            set.add(LeadField.STATUS);
        }
        if (proto.getTemperatureValue() != 0) {
            set.add(LeadField.TEMPERATURE);
        }
        return set;
    }
}
