package io.hearth.cli;

import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListLeadsResponse;
import io.hearth.proto.v1.Temperature;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth leads list}: one page of leads, or with {@code --all} every page. */
@Command(
        name = "list",
        description = "List leads, a page at a time unless --all is given.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  hearth leads list --owner alice --status new --temperature hot",
            "  hearth leads list --filter 'owner = \"alice\" AND status = NEW' --order-by 'update_time desc'",
            "  # every lead as JSON, all pages",
            "  hearth leads list --all --output json | jq -r '.leads[].email'"
        })
final class ListLeadsCommand extends LeadRpcCommand {

    @Option(
            names = "--filter",
            paramLabel = "EXPR",
            description = {
                "Filter, e.g. 'owner = \"alice\" AND status = NEW'.",
                "Fields: owner, status, temperature, source, tag, possible_duplicate, cadence_state;" + " operator: =.",
                "The options below are added to it with AND."
            })
    String filter;

    @Option(names = "--owner", paramLabel = "USER", description = "Only leads of this rep.")
    String owner;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            completionCandidates = EnumNames.StatusNames.class,
            description = "Only leads with this status: ${COMPLETION-CANDIDATES}.")
    LeadStatus status;

    @Option(
            names = "--temperature",
            paramLabel = "TEMP",
            completionCandidates = EnumNames.TemperatureNames.class,
            description = "Only leads this hot: ${COMPLETION-CANDIDATES}.")
    Temperature temperature;

    @Option(
            names = "--source",
            paramLabel = "SOURCE",
            completionCandidates = EnumNames.SourceNames.class,
            description = "Only leads from this source: ${COMPLETION-CANDIDATES}.")
    LeadSource source;

    @Option(
            names = "--cadence-state",
            paramLabel = "STATE",
            description = "Only leads at this point of their follow-up cadence: active (a step due), waiting (the next"
                    + " step later), stopped, drip or unsubscribed.")
    CadenceState cadenceState;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only leads with this tag; repeat to require several.")
    List<String> tags = new ArrayList<>();

    @Option(
            names = "--order-by",
            paramLabel = "FIELD",
            description = "create_time (default), update_time or display_name, optionally followed by ' desc'.")
    String orderBy = "";

    @Option(names = "--page-size", paramLabel = "N", description = "Leads per page (server default 50, at most 1000).")
    int pageSize;

    @Option(names = "--page-token", paramLabel = "TOKEN", description = "Continue where a previous list stopped.")
    String pageToken = "";

    @Option(names = "--all", description = "Fetch every page, not just one.")
    boolean all;

    @Option(names = "--archived", description = "Include archived leads.")
    boolean archived;

    @Override
    void execute(LeadPrinter printer) {
        ListLeadsRequest request = ListLeadsRequest.newBuilder()
                .setFilter(combinedFilter())
                .setOrderBy(orderBy)
                .setPageSize(pageSize)
                .setPageToken(pageToken)
                .setShowArchived(archived)
                .build();
        ListLeadsResponse page = all ? allPages(request) : leadService().listLeads(request);
        printer.printPage(page, nextPageCommand(request, page.getNextPageToken()));
    }

    /** --filter and the convenience options, joined with AND. */
    private String combinedFilter() {
        List<String> terms = new ArrayList<>();
        if (filter != null && !filter.isBlank()) {
            terms.add(filter.strip());
        }
        if (owner != null) {
            terms.add("owner = " + quoted(owner));
        }
        if (status != null) {
            terms.add("status = " + EnumNames.shortName(status.getValueDescriptor()));
        }
        if (temperature != null) {
            terms.add("temperature = " + EnumNames.shortName(temperature.getValueDescriptor()));
        }
        if (source != null) {
            terms.add("source = " + EnumNames.shortName(source.getValueDescriptor()));
        }
        tags.forEach(tag -> terms.add("tag = " + quoted(tag)));
        if (cadenceState != null) {
            terms.add("cadence_state = " + EnumNames.shortName(cadenceState.getValueDescriptor()));
        }
        return String.join(" AND ", terms);
    }

    /** A filter string literal: double quotes, with backslash escapes for quote and backslash. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Follows next_page_token to the last page; the result has no next page token. */
    private ListLeadsResponse allPages(ListLeadsRequest request) {
        ListLeadsResponse page = leadService().listLeads(request);
        ListLeadsResponse.Builder everything = ListLeadsResponse.newBuilder();
        everything.addAllLeads(page.getLeadsList());
        while (!page.getNextPageToken().isEmpty()) {
            String token = page.getNextPageToken();
            page = leadService()
                    .listLeads(request.toBuilder().setPageToken(token).build());
            everything.addAllLeads(page.getLeadsList());
        }
        return everything.build();
    }

    /** The command that fetches the next page: a token is only valid with the same query. */
    private static String nextPageCommand(ListLeadsRequest request, String nextPageToken) {
        List<String> words = new ArrayList<>(List.of("hearth", "leads", "list"));
        if (!request.getFilter().isEmpty()) {
            words.addAll(List.of("--filter", request.getFilter()));
        }
        if (!request.getOrderBy().isEmpty()) {
            words.addAll(List.of("--order-by", request.getOrderBy()));
        }
        if (request.getPageSize() > 0) {
            words.addAll(List.of("--page-size", Integer.toString(request.getPageSize())));
        }
        if (request.getShowArchived()) {
            words.add("--archived");
        }
        words.addAll(List.of("--page-token", nextPageToken));
        return ShellWords.commandLine(words);
    }
}
