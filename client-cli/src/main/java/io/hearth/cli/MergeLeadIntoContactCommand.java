package io.hearth.cli;

import io.hearth.proto.v1.MergeLeadIntoContactRequest;
import io.hearth.proto.v1.MergeLeadIntoContactResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth contacts merge-lead CONTACT LEAD}: folds a lead of a person into their contact. */
@Command(
        name = "merge-lead",
        description = "Merge LEAD into CONTACT, the same person entered as both: the lead's touches,"
                + " follow-ups, connector links and the fields the contact lacks move over;"
                + " the lead is archived.")
final class MergeLeadIntoContactCommand extends RpcCommand {

    @Parameters(index = "0", paramLabel = "CONTACT", description = "Contact id or name (contacts/{id}).")
    String contact;

    @Parameters(
            index = "1",
            paramLabel = "LEAD",
            converter = LeadName.Converter.class,
            description = "Lead id or name (leads/{id}).")
    String lead;

    @Option(
            names = "--contact-etag",
            paramLabel = "ETAG",
            description = "Merge only if the contact is unchanged since.")
    String contactEtag = "";

    @Option(names = "--lead-etag", paramLabel = "ETAG", description = "Merge only if the lead is unchanged since.")
    String leadEtag = "";

    @Override
    void execute() {
        String contactName = contact.strip().startsWith("contacts/") ? contact.strip() : "contacts/" + contact.strip();
        MergeLeadIntoContactResponse merged = contactService()
                .mergeLeadIntoContact(MergeLeadIntoContactRequest.newBuilder()
                        .setContact(contactName)
                        .setContactEtag(contactEtag)
                        .setLead(lead)
                        .setLeadEtag(leadEtag)
                        .build());
        if (json()) {
            ProtoJson.print(merged, out());
            return;
        }
        out().println(MergeOptions.summary(
                merged.getLead().getName(),
                merged.getContact().getName(),
                merged.getTouchesMoved(),
                merged.getFollowUpsMoved(),
                merged.getExternalIdsMoved()));
        ContactPrinter.print(merged.getContact(), out());
    }
}
