package io.hearth.cli;

import io.hearth.proto.v1.Contact;
import java.io.PrintWriter;

/** A contact as a two-column table for people; JSON goes through {@link ProtoJson}. */
final class ContactPrinter {

    private ContactPrinter() {}

    static void print(Contact contact, PrintWriter out) {
        TableFormatter table = new TableFormatter("FIELD", "VALUE");
        table.addRow("name", contact.getName());
        table.addRow("display name", contact.getDisplayName());
        table.addRow("kind", CliText.value(contact.getKind()));
        table.addRow("origin", CliText.value(contact.getOrigin()));
        table.addRow("converted from", CliText.value(contact.getConvertedFrom()));
        table.addRow("company", CliText.value(contact.getCompany()));
        table.addRow("title", CliText.value(contact.getTitle()));
        table.addRow("email", CliText.value(contact.getEmail()));
        table.addRow("phone", CliText.value(contact.getPhone()));
        table.addRow("source", CliText.value(contact.getSource()));
        table.addRow("owner", CliText.value(contact.getOwner()));
        table.addRow(
                "cadence",
                CliText.value(contact.getCadenceState()) + " after " + contact.getCompletedFollowUps() + " follow-ups");
        table.addRow("next step", CliText.nextStep(contact.hasNextStep(), contact.getNextStep()));
        table.addRow("notes", CliText.value(contact.getNotes()));
        table.addRow("tags", contact.getTagsCount() == 0 ? CliText.NONE : String.join(", ", contact.getTagsList()));
        if (contact.hasArchiveTime()) {
            table.addRow("archived", CliText.value(contact.getArchiveTime()));
        }
        if (!contact.getMergedInto().isEmpty()) {
            table.addRow("merged into", contact.getMergedInto());
        }
        table.addRow("etag", CliText.value(contact.getEtag()));
        table.printTo(out);
    }
}
