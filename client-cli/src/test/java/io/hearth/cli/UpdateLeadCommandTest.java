package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.UpdateLeadRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateLeadCommandTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void masksExactlyTheGivenFields() {
        CliResult result =
                hearth.run("leads", "update", "ada1", "--status", "contacted", "--owner", "bob", "--etag", "e7");

        assertThat(result.exitCode()).as(result.err()).isZero();
        UpdateLeadRequest request = hearth.service.onlyRequest(UpdateLeadRequest.class);
        assertThat(request.getLead())
                .isEqualTo(Lead.newBuilder()
                        .setName("leads/ada1")
                        .setEtag("e7")
                        .setOwner("bob")
                        .setStatus(LeadStatus.LEAD_STATUS_CONTACTED)
                        .build());
        assertThat(request.getUpdateMask().getPathsList()).containsExactlyInAnyOrder("owner", "status");
        assertThat(request.getAllowDuplicate()).isFalse();
    }

    @Test
    void allowDuplicateIsSentWhenAsked() {
        CliResult result = hearth.run("leads", "update", "ada1", "--email", "desk@acme.example", "--allow-duplicate");

        assertThat(result.exitCode()).as(result.err()).isZero();
        UpdateLeadRequest request = hearth.service.onlyRequest(UpdateLeadRequest.class);
        assertThat(request.getAllowDuplicate()).isTrue();
        assertThat(request.getUpdateMask().getPathsList()).containsExactly("email");
    }

    @ParameterizedTest
    @CsvSource({
        "--given-name,  Ada,          given_name",
        "--family-name, Lovelace,     family_name",
        "--company,     Acme,         company",
        "--title,       CTO,          title",
        "--email,       a@b.example,  email",
        "--phone,       +14155550100, phone",
        "--source,      referral,     source",
        "--owner,       bob,          owner",
        "--status,      unqualified,  status",
        "--temperature, cool,         temperature",
        "--notes,       call back,    notes",
        "--tag,         vip,          tags",
    })
    void masksTheFieldOfEachOption(String option, String value, String path) {
        CliResult result = hearth.run("leads", "update", "leads/ada1", option, value);

        assertThat(result.exitCode()).as(result.err()).isZero();
        UpdateLeadRequest request = hearth.service.onlyRequest(UpdateLeadRequest.class);
        assertThat(request.getUpdateMask().getPathsList()).containsExactly(path);
        assertThat(request.getLead().getAllFields())
                .containsKey(Lead.getDescriptor().findFieldByName(path));
    }

    @Test
    void anEmptyValueClearsTheField() {
        CliResult result = hearth.run("leads", "update", "ada1", "--email", "");

        assertThat(result.exitCode()).as(result.err()).isZero();
        UpdateLeadRequest request = hearth.service.onlyRequest(UpdateLeadRequest.class);
        assertThat(request.getUpdateMask().getPathsList()).containsExactly("email");
        assertThat(request.getLead())
                .isEqualTo(Lead.newBuilder().setName("leads/ada1").build());
    }

    @Test
    void givenTagsReplaceAllTags() {
        CliResult result = hearth.run("leads", "update", "ada1", "--tag", "vip", "--tag", "q3");

        assertThat(result.exitCode()).as(result.err()).isZero();
        UpdateLeadRequest request = hearth.service.onlyRequest(UpdateLeadRequest.class);
        assertThat(request.getUpdateMask().getPathsList()).containsExactly("tags");
        assertThat(request.getLead().getTagsList()).containsExactly("vip", "q3");
    }

    @Test
    void clearTagsMasksTagsWithoutValues() {
        CliResult result = hearth.run("leads", "update", "ada1", "--clear-tags");

        assertThat(result.exitCode()).as(result.err()).isZero();
        UpdateLeadRequest request = hearth.service.onlyRequest(UpdateLeadRequest.class);
        assertThat(request.getUpdateMask().getPathsList()).containsExactly("tags");
        assertThat(request.getLead().getTagsList()).isEmpty();
    }

    @Test
    void clearTagsAndTagAreAUsageError() {
        CliResult result = hearth.run("leads", "update", "ada1", "--clear-tags", "--tag", "vip");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--clear-tags and --tag exclude each other");
        assertThat(hearth.service.requests()).isEmpty();
    }

    @Test
    void noFieldIsAUsageError() {
        assertNothingToUpdate(hearth.run("leads", "update", "ada1"));
    }

    @Test
    void anEtagAloneIsNothingToUpdate() {
        assertNothingToUpdate(hearth.run("leads", "update", "ada1", "--etag", "e7"));
    }

    private void assertNothingToUpdate(CliResult result) {
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines()).hasSize(2);
        assertThat(result.err()).contains("Nothing to update").contains("hint: run 'hearth leads update --help'");
        assertThat(hearth.service.requests()).isEmpty();
    }
}
