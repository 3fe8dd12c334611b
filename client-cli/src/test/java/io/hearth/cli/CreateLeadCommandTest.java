package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.Temperature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateLeadCommandTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void sendsEveryGivenField() {
        CliResult result = hearth.run(
                "leads", "create",
                "--given-name", "Ada",
                "--family-name", "Lovelace",
                "--company", "Analytical Engines",
                "--title", "CTO",
                "--email", "ada@example.com",
                "--phone", "+1 415 555 0100",
                "--source", "trade-show",
                "--owner", "alice",
                "--status", "qualified",
                "--temperature", "hot",
                "--notes", "Met at the expo.",
                "--tag", "vip",
                "--tag", "expo",
                "--request-id", "req-1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Lead expectedLead = Lead.newBuilder()
                .setGivenName("Ada")
                .setFamilyName("Lovelace")
                .setCompany("Analytical Engines")
                .setTitle("CTO")
                .setEmail("ada@example.com")
                .setPhone("+1 415 555 0100")
                .setSource(LeadSource.LEAD_SOURCE_TRADE_SHOW)
                .setOwner("alice")
                .setStatus(LeadStatus.LEAD_STATUS_QUALIFIED)
                .setTemperature(Temperature.TEMPERATURE_HOT)
                .setNotes("Met at the expo.")
                .addTags("vip")
                .addTags("expo")
                .build();
        assertThat(hearth.service.onlyRequest(CreateLeadRequest.class))
                .isEqualTo(CreateLeadRequest.newBuilder()
                        .setLead(expectedLead)
                        .setRequestId("req-1")
                        .build());
    }

    @Test
    void allowDuplicateIsSentOnlyWhenAsked() {
        CliResult result = hearth.run("leads", "create", "--company", "Acme", "--allow-duplicate");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.service.onlyRequest(CreateLeadRequest.class).getAllowDuplicate())
                .isTrue();
    }

    @Test
    void leavesFieldsNotGivenAtTheirDefaults() {
        CliResult result = hearth.run("leads", "create", "--company", "Acme");

        assertThat(result.exitCode()).as(result.err()).isZero();
        CreateLeadRequest sent = hearth.service.onlyRequest(CreateLeadRequest.class);
        assertThat(sent.toBuilder().clearRequestId().build())
                .isEqualTo(CreateLeadRequest.newBuilder()
                        .setLead(Lead.newBuilder().setCompany("Acme"))
                        .build());
        assertThat(sent.getRequestId()).as("a random request id").hasSize(36);
    }

    @ParameterizedTest
    @CsvSource({
        "web-form,       LEAD_SOURCE_WEB_FORM",
        "referral,       LEAD_SOURCE_REFERRAL",
        "webinar,        LEAD_SOURCE_WEBINAR",
        "seminar,        LEAD_SOURCE_SEMINAR",
        "trade-show,     LEAD_SOURCE_TRADE_SHOW",
        "social,         LEAD_SOURCE_SOCIAL",
        "search,         LEAD_SOURCE_SEARCH",
        "purchased-list, LEAD_SOURCE_PURCHASED_LIST",
        "marketing,      LEAD_SOURCE_MARKETING",
        "other,          LEAD_SOURCE_OTHER",
        "PURCHASED_LIST, LEAD_SOURCE_PURCHASED_LIST",
    })
    void mapsSourceNamesToTheEnum(String given, LeadSource expected) {
        CliResult result = hearth.run("leads", "create", "--source", given);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.service.onlyRequest(CreateLeadRequest.class).getLead().getSource())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"hot, TEMPERATURE_HOT", "warm, TEMPERATURE_WARM", "cool, TEMPERATURE_COOL", "cold, TEMPERATURE_COLD"})
    void mapsTemperatureNamesToTheEnum(String given, Temperature expected) {
        CliResult result = hearth.run("leads", "create", "--temperature", given);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.service.onlyRequest(CreateLeadRequest.class).getLead().getTemperature())
                .isEqualTo(expected);
    }

    @Test
    void printsTheCreatedLead() {
        CliResult result = hearth.run("leads", "create", "--given-name", "Ada");

        assertThat(result.out().lines()).contains("name:         leads/ada1", "etag:         etag-7");
    }

    @Test
    void rejectsAnUnknownSourceWithoutCallingTheServer() {
        CliResult result = hearth.run("leads", "create", "--source", "fax");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("Invalid value for option '--source': 'fax' is not one of web-form, referral");
        assertThat(hearth.service.requests()).isEmpty();
    }
}
