package io.hearth.cli;

import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.CreateContactRequest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth contacts create}. */
@Command(name = "create", description = "Enter a person directly as a contact.")
final class CreateContactCommand extends RpcCommand {

    @Option(
            names = "--kind",
            required = true,
            paramLabel = "KIND",
            description = "prospect, active-client, dormant-client, supplier, partner or associate.")
    ContactKind kind;

    @Option(names = "--given-name", paramLabel = "NAME")
    String givenName = "";

    @Option(names = "--family-name", paramLabel = "NAME")
    String familyName = "";

    @Option(names = "--company", paramLabel = "NAME")
    String company = "";

    @Option(names = "--title", paramLabel = "TITLE", description = "Job title.")
    String title = "";

    @Option(names = "--email", paramLabel = "ADDRESS")
    String email = "";

    @Option(names = "--phone", paramLabel = "NUMBER")
    String phone = "";

    @Option(names = "--owner", paramLabel = "USER")
    String owner = "";

    @Option(names = "--notes", paramLabel = "TEXT")
    String notes = "";

    @Option(names = "--tag", paramLabel = "TAG", description = "A tag; repeat for several.")
    List<String> tags = List.of();

    @Option(
            names = "--request-id",
            paramLabel = "KEY",
            description = "Idempotency key: retrying with the same key returns the contact first created. "
                    + "Without one a random key is sent, so the CLI's own retries are safe.")
    String requestId = "";

    @Option(
            names = "--allow-duplicate",
            description = "Create it even when a lead or contact with its email, phone, or name and company exists "
                    + "(refused otherwise; convert the lead instead).")
    boolean allowDuplicate;

    @Override
    void execute() {
        Contact contact = Contact.newBuilder()
                .setKind(kind)
                .setGivenName(givenName)
                .setFamilyName(familyName)
                .setCompany(company)
                .setTitle(title)
                .setEmail(email)
                .setPhone(phone)
                .setOwner(owner)
                .setNotes(notes)
                .addAllTags(tags)
                .build();
        String key = requestIdOrNew(requestId);
        CreateContactRequest request = CreateContactRequest.newBuilder()
                .setContact(contact)
                .setRequestId(key)
                .setAllowDuplicate(allowDuplicate)
                .build();
        Contact created = createRetrying(key, () -> contactService().createContact(request));
        if (json()) {
            ProtoJson.print(created, out());
        } else {
            ContactPrinter.print(created, out());
        }
    }
}
