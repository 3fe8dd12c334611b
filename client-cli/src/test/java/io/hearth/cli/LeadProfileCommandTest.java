package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.JsonFormat;
import io.hearth.proto.v1.GetLeadProfileRequest;
import io.hearth.proto.v1.LeadProfile;
import io.hearth.proto.v1.Temperature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeadProfileCommandTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void asksForTheNamedLead() {
        CliResult result = hearth.run("leads", "profile", "ada1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.onlyRequest(GetLeadProfileRequest.class))
                .isEqualTo(
                        GetLeadProfileRequest.newBuilder().setName("leads/ada1").build());
    }

    @Test
    void tableShowsGradeOverrideReasonsQualificationAndTiming() {
        CliResult result = hearth.run("leads", "profile", "leads/ada1");

        assertThat(result.out().lines())
                .containsExactly(
                        "lead:              leads/ada1",
                        "temperature:       hot",
                        "model temperature: warm",
                        "override:          hot by alice at 2026-11-20T09:00:00Z",
                        "override reason:   Asked for a quote",
                        "sizzling:          yes",
                        "probability:       72%",
                        "reasons:           - Inbound web form",
                        "                   - Budget confirmed",
                        "need by:           2026-12-15",
                        "value:             25000.50 USD",
                        "referral:          champion",
                        "budget:            yes",
                        "authority:         unknown",
                        "need:              yes",
                        "timescale:         no",
                        "lead level:        4 of 6",
                        "qualified:         no",
                        "note:              Call after 2pm",
                        "etag:              \"7\"",
                        "response due:      2026-11-23T10:05:00Z (in 5m00s)",
                        "first touch:       -",
                        "response time:     -",
                        "rated:             2026-11-23T09:59:00Z");
    }

    @Test
    void withoutOverrideTheModelTemperatureIsNotRepeated() {
        hearth.queue.profile = TestQueue.PROFILE.toBuilder()
                .clearOverride()
                .setModelTemperature(Temperature.TEMPERATURE_HOT)
                .clearReasons()
                .build();

        CliResult result = hearth.run("leads", "profile", "ada1");

        assertThat(result.out()).contains("temperature:       hot").doesNotContain("model temperature", "override");
        assertThat(result.out().lines()).contains("reasons:           -");
    }

    @Test
    void afterTheFirstTouchShowsItAndWhetherTheDeadlineWasMet() {
        hearth.queue.profile = TestQueue.PROFILE.toBuilder()
                .setFirstTouchTime(Times.timestamp(InProcessHearth.NOW.plusSeconds(192)))
                .setResponseTime(Durations.fromSeconds(432))
                .build();

        CliResult result = hearth.run("leads", "profile", "ada1");

        assertThat(result.out().lines())
                .contains(
                        "response due:      2026-11-23T10:05:00Z (met)",
                        "first touch:       2026-11-23T10:03:12Z",
                        "response time:     7m12s");
    }

    @Test
    void jsonPrintsTheProfile() throws InvalidProtocolBufferException {
        CliResult result = hearth.run("leads", "profile", "ada1", "--output", "json");

        LeadProfile.Builder printed = LeadProfile.newBuilder();
        JsonFormat.parser().merge(result.out(), printed);
        assertThat(printed.build()).isEqualTo(TestQueue.PROFILE);
        assertThat(result.out()).contains("\"probabilityToClose\": 0.724");
    }

    @Test
    void aMalformedIdIsAUsageError() {
        CliResult result = hearth.run("leads", "profile", "contacts/7");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(hearth.queue.requests()).isEmpty();
    }
}
