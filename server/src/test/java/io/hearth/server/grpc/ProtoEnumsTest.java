package io.hearth.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.Temperature;
import io.hearth.core.person.LeadSource;
import org.junit.jupiter.api.Test;

class ProtoEnumsTest {

    @Test
    void everyDomainValueMapsToTheProtoValueOfItsNameTheSecondTimeToo() {
        for (int time = 0; time < 2; time++) {
            for (LeadStatus status : LeadStatus.values()) {
                assertThat(ProtoEnums.toProto(status, io.hearth.proto.v1.LeadStatus.class, "LEAD_STATUS_"))
                        .isEqualTo(io.hearth.proto.v1.LeadStatus.valueOf("LEAD_STATUS_" + status.name()));
            }
            for (LeadSource source : LeadSource.values()) {
                assertThat(ProtoEnums.toProto(source, io.hearth.proto.v1.LeadSource.class, "LEAD_SOURCE_"))
                        .isEqualTo(io.hearth.proto.v1.LeadSource.valueOf("LEAD_SOURCE_" + source.name()));
            }
            for (Temperature temperature : Temperature.values()) {
                assertThat(ProtoEnums.toProto(temperature, io.hearth.proto.v1.Temperature.class, "TEMPERATURE_"))
                        .isEqualTo(io.hearth.proto.v1.Temperature.valueOf("TEMPERATURE_" + temperature.name()));
            }
        }
        assertThat(ProtoEnums.toProto(null, io.hearth.proto.v1.Temperature.class, "TEMPERATURE_"))
                .isEqualTo(io.hearth.proto.v1.Temperature.TEMPERATURE_UNSPECIFIED);
    }

    @Test
    void aPrefixThatIsNotTheEnumsOwnIsNotAnsweredFromWhatAnotherPrefixGave() {
        assertThat(ProtoEnums.toProto(Temperature.HOT, io.hearth.proto.v1.Temperature.class, "TEMPERATURE_"))
                .isEqualTo(io.hearth.proto.v1.Temperature.TEMPERATURE_HOT);
        assertThatThrownBy(() -> ProtoEnums.toProto(Temperature.HOT, io.hearth.proto.v1.Temperature.class, "HEAT_"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
