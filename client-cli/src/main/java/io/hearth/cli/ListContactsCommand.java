package io.hearth.cli;

import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.ListContactsRequest;
import io.hearth.proto.v1.ListContactsResponse;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth contacts list}: one page of contacts, oldest first. */
@Command(name = "list", description = "List contacts, oldest first, one page at a time.")
final class ListContactsCommand extends RpcCommand {

    @Option(names = "--kind", paramLabel = "KIND")
    ContactKind kind;

    @Option(names = "--owner", paramLabel = "USER")
    String owner;

    @Option(
            names = "--source",
            paramLabel = "SOURCE",
            completionCandidates = EnumNames.SourceNames.class,
            description = "Only contacts from this source: ${COMPLETION-CANDIDATES}.")
    LeadSource source;

    @Option(
            names = "--tag",
            paramLabel = "TAG",
            description = "Only contacts with this tag; repeat to require several.")
    List<String> tags = new ArrayList<>();

    @Option(
            names = "--cadence-state",
            paramLabel = "STATE",
            description = "active (a step due), waiting (the next step later), stopped, drip or unsubscribed.")
    CadenceState cadenceState;

    @Option(names = "--page-size", paramLabel = "N")
    int pageSize;

    @Option(names = "--page-token", paramLabel = "TOKEN")
    String pageToken = "";

    @Option(names = "--archived", description = "Include archived contacts.")
    boolean archived;

    @Override
    void execute() {
        List<String> terms = new ArrayList<>();
        if (kind != null) {
            terms.add("kind = " + EnumNames.shortName(kind.getValueDescriptor()));
        }
        if (owner != null) {
            terms.add("owner = " + quoted(owner));
        }
        if (source != null) {
            terms.add("source = " + EnumNames.shortName(source.getValueDescriptor()));
        }
        tags.forEach(tag -> terms.add("tag = " + quoted(tag)));
        if (cadenceState != null) {
            terms.add("cadence_state = " + EnumNames.shortName(cadenceState.getValueDescriptor()));
        }
        ListContactsResponse page = contactService()
                .listContacts(ListContactsRequest.newBuilder()
                        .setFilter(String.join(" AND ", terms))
                        .setPageSize(pageSize)
                        .setPageToken(pageToken)
                        .setShowArchived(archived)
                        .build());
        if (json()) {
            ProtoJson.print(page, out());
            return;
        }
        TableFormatter table = new TableFormatter("NAME", "DISPLAY NAME", "KIND", "OWNER", "CADENCE");
        page.getContactsList()
                .forEach(c -> table.addRow(
                        c.getName(),
                        c.getDisplayName(),
                        CliText.value(c.getKind()),
                        CliText.value(c.getOwner()),
                        CliText.value(c.getCadenceState())));
        table.printTo(out());
        if (!page.getNextPageToken().isEmpty()) {
            out().flush();
            err().println("more: --page-token " + page.getNextPageToken());
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
