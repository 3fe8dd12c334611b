package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import io.hearth.proto.v1.ArchiveLeadRequest;
import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.NextStep;
import io.hearth.proto.v1.RestoreLeadRequest;
import io.hearth.proto.v1.TouchChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** get, archive and restore: the commands that name one lead and print it. */
class SingleLeadCommandsTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @ParameterizedTest
    @ValueSource(strings = {"ada1", "leads/ada1", " ada1 "})
    void getAcceptsTheIdOrTheResourceName(String idOrName) {
        CliResult result = hearth.run("leads", "get", idOrName);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.service.onlyRequest(GetLeadRequest.class).getName()).isEqualTo("leads/ada1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "leads/", "teams/ada1", "leads/ada1/notes"})
    void malformedIdsAreUsageErrors(String idOrName) {
        CliResult result = hearth.run("leads", "get", idOrName);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is neither a lead id nor a name like leads/{id}");
        assertThat(hearth.service.requests()).isEmpty();
    }

    @Test
    void archiveSendsNameAndEtag() {
        CliResult result = hearth.run("leads", "archive", "ada1", "--etag", "etag-7");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.service.onlyRequest(ArchiveLeadRequest.class))
                .isEqualTo(ArchiveLeadRequest.newBuilder()
                        .setName("leads/ada1")
                        .setEtag("etag-7")
                        .build());
    }

    @Test
    void restoreSendsNameAndNoEtagUnlessGiven() {
        CliResult result = hearth.run("leads", "restore", "leads/ada1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.service.onlyRequest(RestoreLeadRequest.class))
                .isEqualTo(RestoreLeadRequest.newBuilder().setName("leads/ada1").build());
    }

    @Test
    void tablePrintsEveryFieldAsKeyValueLines() {
        CliResult result = hearth.run("leads", "get", "ada1");

        assertThat(result.out().lines())
                .containsExactly(
                        "name:         leads/ada1",
                        "display name: Ada Lovelace",
                        "given name:   Ada",
                        "family name:  Lovelace",
                        "company:      Analytical Engines",
                        "title:        CTO",
                        "email:        ada@example.com",
                        "phone:        +14155550100",
                        "source:       trade-show",
                        "owner:        alice",
                        "status:       qualified",
                        "temperature:  hot",
                        "cadence:      -",
                        "next step:    -",
                        "tags:         vip, expo",
                        "notes:        Met at the expo.",
                        "              Wants a demo.",
                        "created:      2025-03-01T09:30:00Z",
                        "updated:      2025-03-02T10:00:00Z",
                        "archived:     no",
                        "etag:         etag-7");
    }

    @Test
    void tableShowsWhenALeadWasArchivedAndDashesForEmptyFields() {
        hearth.service.lead = TestLeads.LINUS.toBuilder()
                .setArchiveTime(Timestamps.parseUnchecked("2025-04-01T12:00:00Z"))
                .build();

        CliResult result = hearth.run("leads", "archive", "linus3");

        assertThat(result.out().lines())
                .contains(
                        "archived:     yes, since 2025-04-01T12:00:00Z",
                        "email:        -",
                        "tags:         -",
                        "created:      -");
    }

    @Test
    void tableShowsAMergeAndAPossibleDuplicateOnlyWhenThereIsOne() {
        hearth.service.lead = TestLeads.LINUS.toBuilder()
                .setArchiveTime(Timestamps.parseUnchecked("2025-04-01T12:00:00Z"))
                .setMergedInto("leads/ada1")
                .setPossibleDuplicateOf("contacts/c7")
                .build();

        CliResult merged = hearth.run("leads", "get", "linus3");
        hearth.service.lead = TestLeads.LINUS;
        CliResult plain = hearth.run("leads", "get", "linus3");

        assertThat(merged.out().lines())
                .contains("merged into:  leads/ada1", "may be:       contacts/c7 (already in Hearth)");
        assertThat(plain.out()).doesNotContain("merged into").doesNotContain("may be");
    }

    @Test
    void tableShowsTheCadenceAndItsNextStep() {
        hearth.service.lead = TestLeads.LINUS.toBuilder()
                .setCadenceState(CadenceState.CADENCE_STATE_ACTIVE)
                .setCompletedFollowUps(1)
                .setNextStep(NextStep.newBuilder()
                        .setFollowUp("followUps/f2")
                        .setFollowUpNumber(2)
                        .setChannel(TouchChannel.TOUCH_CHANNEL_POSTCARD)
                        .setDueTime(Timestamps.parseUnchecked("2025-04-03T09:00:00Z"))
                        .setReason("follow-up 2 of 2: postcard"))
                .build();
        CliResult active = hearth.run("leads", "get", "linus3");
        hearth.service.lead = TestLeads.LINUS.toBuilder()
                .setCadenceState(CadenceState.CADENCE_STATE_DRIP)
                .setCompletedFollowUps(2)
                .build();
        CliResult drip = hearth.run("leads", "get", "linus3");

        assertThat(active.out().lines())
                .contains(
                        "cadence:      active after 1 follow-ups",
                        "next step:    follow-up 2 by postcard, due 2025-04-03T09:00:00Z (followUps/f2):"
                                + " follow-up 2 of 2: postcard");
        assertThat(drip.out().lines()).contains("cadence:      drip after 2 follow-ups", "next step:    -");
    }

    @Test
    void jsonPrintsTheLeadAsProtobufJson() throws InvalidProtocolBufferException {
        CliResult result = hearth.run("leads", "get", "ada1", "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Lead.Builder printed = Lead.newBuilder();
        JsonFormat.parser().merge(result.out(), printed);
        assertThat(printed.build()).isEqualTo(TestLeads.ADA);
        assertThat(result.out()).contains("\"source\": \"LEAD_SOURCE_TRADE_SHOW\"");
    }

    @Test
    void jsonPrintsEmptyFieldsToo() {
        hearth.service.lead = TestLeads.LINUS;

        CliResult result = hearth.run("leads", "get", "linus3", "--output", "json");

        assertThat(result.out()).contains("\"email\": \"\"", "\"tags\": []");
    }
}
