package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListLeadsResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ListLeadsCommandTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void withoutOptionsAsksForTheFirstDefaultPage() {
        hearth.service.addPage("", page("", TestLeads.ADA));

        CliResult result = hearth.run("leads", "list");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.service.onlyRequest(ListLeadsRequest.class)).isEqualTo(ListLeadsRequest.getDefaultInstance());
    }

    @Test
    void joinsFilterAndConvenienceOptionsWithAnd() {
        hearth.service.addPage("", page(""));

        CliResult result = hearth.run(
                "leads", "list",
                "--filter", "tag = \"expo\"",
                "--owner", "alice",
                "--status", "new",
                "--temperature", "hot",
                "--source", "web-form",
                "--tag", "vip",
                "--tag", "q3",
                "--cadence-state", "drip");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.service.onlyRequest(ListLeadsRequest.class).getFilter())
                .isEqualTo("tag = \"expo\" AND owner = \"alice\" AND status = NEW AND temperature = HOT"
                        + " AND source = WEB_FORM AND tag = \"vip\" AND tag = \"q3\" AND cadence_state = DRIP");
    }

    @Test
    void escapesQuotesAndBackslashesInValues() {
        hearth.service.addPage("", page(""));

        hearth.run("leads", "list", "--owner", "o\"brien\\x");

        assertThat(hearth.service.onlyRequest(ListLeadsRequest.class).getFilter())
                .isEqualTo("owner = \"o\\\"brien\\\\x\"");
    }

    @Test
    void passesPagingOrderAndArchivedOptions() {
        hearth.service.addPage("tok", page(""));

        CliResult result = hearth.run(
                "leads",
                "list",
                "--order-by",
                "display_name desc",
                "--page-size",
                "2",
                "--page-token",
                "tok",
                "--archived");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.service.onlyRequest(ListLeadsRequest.class))
                .isEqualTo(ListLeadsRequest.newBuilder()
                        .setOrderBy("display_name desc")
                        .setPageSize(2)
                        .setPageToken("tok")
                        .setShowArchived(true)
                        .build());
    }

    @Test
    void allFollowsNextPageTokensToTheLastPage() {
        hearth.service.addPage("", page("p2", TestLeads.ADA));
        hearth.service.addPage("p2", page("p3", TestLeads.GRACE));
        hearth.service.addPage("p3", page("", TestLeads.LINUS));

        CliResult result = hearth.run("leads", "list", "--all", "--owner", "alice", "--page-size", "1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<ListLeadsRequest> requests = hearth.service.requests(ListLeadsRequest.class);
        assertThat(requests).extracting(ListLeadsRequest::getPageToken).containsExactly("", "p2", "p3");
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.getFilter()).isEqualTo("owner = \"alice\"");
            assertThat(request.getPageSize()).isEqualTo(1);
        });
        assertThat(result.out().lines().skip(1).map(line -> line.split(" ")[0]))
                .containsExactly("ada1", "grace2", "linus3");
        assertThat(result.out()).doesNotContain("next page");
    }

    @Test
    void allInJsonPrintsEveryLeadAndAnEmptyToken() throws InvalidProtocolBufferException {
        hearth.service.addPage("", page("p2", TestLeads.ADA));
        hearth.service.addPage("p2", page("", TestLeads.GRACE));

        CliResult result = hearth.run("leads", "list", "--all", "--output", "json");

        assertThat(parseResponse(result.out())).isEqualTo(page("", TestLeads.ADA, TestLeads.GRACE));
        assertThat(result.out()).contains("\"nextPageToken\": \"\"");
    }

    @Test
    void theCommandForTheNextPageGoesToStderrSoStdoutHoldsOnlyTheTable() {
        hearth.service.addPage("", page("p2", TestLeads.ADA));

        CliResult result = hearth.run("leads", "list", "--owner", "alice", "--page-size", "1", "--archived");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.service.requests()).hasSize(1);
        assertThat(result.out()).doesNotContain("next page");
        assertThat(result.err().lines().reduce((first, second) -> second))
                .hasValue("next page: hearth leads list --filter 'owner = \"alice\"' --page-size 1 --archived"
                        + " --page-token p2");
    }

    @Test
    void jsonCarriesLeadsAndNextPageToken() throws InvalidProtocolBufferException {
        ListLeadsResponse firstPage = page("p2", TestLeads.ADA, TestLeads.GRACE);
        hearth.service.addPage("", firstPage);

        CliResult result = hearth.run("leads", "list", "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(parseResponse(result.out())).isEqualTo(firstPage);
        assertThat(result.out()).contains("\"nextPageToken\": \"p2\"").doesNotContain("next page:");
    }

    @Test
    void tableShowsOneAlignedRowPerLeadWithShortEnumNames() {
        hearth.service.addPage("", page("", TestLeads.ADA, TestLeads.LINUS));

        CliResult result = hearth.run("leads", "list");

        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(3);
        String header = lines.get(0);
        assertThat(header.split(" +"))
                .containsExactly("ID", "NAME", "COMPANY", "EMAIL", "PHONE", "SOURCE", "STATUS", "TEMP", "OWNER");
        String ada = lines.get(1);
        assertThat(ada.indexOf("Ada Lovelace")).isEqualTo(header.indexOf("NAME"));
        assertThat(ada.indexOf("Analytical Engines")).isEqualTo(header.indexOf("COMPANY"));
        assertThat(ada.indexOf("ada@example.com")).isEqualTo(header.indexOf("EMAIL"));
        assertThat(ada.indexOf("+14155550100")).isEqualTo(header.indexOf("PHONE"));
        assertThat(ada.indexOf("trade-show")).isEqualTo(header.indexOf("SOURCE"));
        assertThat(ada.indexOf("qualified")).isEqualTo(header.indexOf("STATUS"));
        assertThat(ada.indexOf("hot")).isEqualTo(header.indexOf("TEMP"));
        assertThat(ada.indexOf("alice")).isEqualTo(header.indexOf("OWNER"));
        // Empty cells hold a dash, so each row splits into the same columns.
        assertThat(lines.get(2).split(" +"))
                .containsExactly("linus3", "-", "Torvalds", "Inc", "-", "-", "referral", "contacted", "warm", "-");
    }

    @Test
    void saysSoWhenNoLeadMatches() {
        hearth.service.addPage("", page(""));

        CliResult result = hearth.run("leads", "list", "--owner", "nobody");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("No leads found." + System.lineSeparator());
    }

    private static ListLeadsResponse page(String nextPageToken, Lead... leads) {
        return ListLeadsResponse.newBuilder()
                .addAllLeads(List.of(leads))
                .setNextPageToken(nextPageToken)
                .build();
    }

    private static ListLeadsResponse parseResponse(String json) throws InvalidProtocolBufferException {
        ListLeadsResponse.Builder response = ListLeadsResponse.newBuilder();
        JsonFormat.parser().merge(json, response);
        return response.build();
    }
}
