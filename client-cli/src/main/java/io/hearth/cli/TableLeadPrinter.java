package io.hearth.cli;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.ListLeadsResponse;
import io.hearth.proto.v1.Temperature;
import java.io.PrintWriter;

/** Human-readable output: aligned columns for lists, a key/value block for a single lead. */
final class TableLeadPrinter implements LeadPrinter {

    /** Shown for empty values, so every column of a row holds a word. */
    private static final String NONE = "-";

    private static final int LABEL_WIDTH = "display name:".length();

    private final PrintWriter out;
    private final PrintWriter err;

    TableLeadPrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void printLead(Lead lead) {
        field("name", lead.getName());
        field("display name", lead.getDisplayName());
        field("given name", lead.getGivenName());
        field("family name", lead.getFamilyName());
        field("company", lead.getCompany());
        field("title", lead.getTitle());
        field("email", lead.getEmail());
        field("phone", lead.getPhone());
        field("source", source(lead));
        field("owner", lead.getOwner());
        field("status", status(lead));
        field("temperature", temperature(lead));
        field(
                "cadence",
                lead.getCadenceStateValue() == 0
                        ? ""
                        : CliText.value(lead.getCadenceState()) + " after " + lead.getCompletedFollowUps()
                                + " follow-ups");
        field("next step", CliText.nextStep(lead.hasNextStep(), lead.getNextStep()));
        field("tags", String.join(", ", lead.getTagsList()));
        field("notes", lead.getNotes());
        field("created", time(lead.hasCreateTime(), lead.getCreateTime()));
        field("updated", time(lead.hasUpdateTime(), lead.getUpdateTime()));
        field("archived", lead.hasArchiveTime() ? "yes, since " + time(lead.getArchiveTime()) : "no");
        if (!lead.getMergedInto().isEmpty()) {
            field("merged into", lead.getMergedInto());
        }
        if (!lead.getPossibleDuplicateOf().isEmpty()) {
            field("may be", lead.getPossibleDuplicateOf() + " (already in Hearth)");
        }
        field("etag", lead.getEtag());
    }

    @Override
    public void printPage(ListLeadsResponse page, String nextPageCommand) {
        if (page.getLeadsCount() == 0) {
            out.println("No leads found.");
        } else {
            TableFormatter table =
                    new TableFormatter("ID", "NAME", "COMPANY", "EMAIL", "PHONE", "SOURCE", "STATUS", "TEMP", "OWNER");
            for (Lead lead : page.getLeadsList()) {
                table.addRow(
                        orNone(ResourceName.idOf(lead.getName())),
                        orNone((lead.getGivenName() + " " + lead.getFamilyName()).strip()),
                        orNone(lead.getCompany()),
                        orNone(lead.getEmail()),
                        orNone(lead.getPhone()),
                        orNone(source(lead)),
                        orNone(status(lead)),
                        orNone(temperature(lead)),
                        orNone(lead.getOwner()));
            }
            table.printTo(out);
        }
        if (!page.getNextPageToken().isEmpty()) {
            // after the table, not before it: stdout is buffered, stderr is not
            out.flush();
            err.println("next page: " + nextPageCommand);
        }
    }

    private void field(String label, String value) {
        String continuationIndent = System.lineSeparator() + " ".repeat(LABEL_WIDTH + 1);
        String indented = orNone(value).replaceAll("\\R", continuationIndent);
        out.printf("%-" + LABEL_WIDTH + "s %s%n", label + ":", indented);
    }

    private static String source(Lead lead) {
        return EnumNames.display(LeadSource::forNumber, lead.getSourceValue());
    }

    private static String status(Lead lead) {
        return EnumNames.display(LeadStatus::forNumber, lead.getStatusValue());
    }

    private static String temperature(Lead lead) {
        return EnumNames.display(Temperature::forNumber, lead.getTemperatureValue());
    }

    private static String time(boolean present, Timestamp timestamp) {
        return present ? time(timestamp) : "";
    }

    private static String time(Timestamp timestamp) {
        return Timestamps.toString(timestamp);
    }

    private static String orNone(String value) {
        return value.isEmpty() ? NONE : value;
    }
}
