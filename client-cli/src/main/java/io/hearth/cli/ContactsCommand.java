package io.hearth.cli;

import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.CreateContactRequest;
import io.hearth.proto.v1.GetContactRequest;
import io.hearth.proto.v1.ListContactsRequest;
import io.hearth.proto.v1.ListContactsResponse;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hearth contacts}: the commands of the ContactService. */
@Command(name = "contacts", description = "Create, find and list contacts.")
final class ContactsCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    @Command(name = "create", description = "Enter a person directly as a contact.")
    int create(
            @Option(names = "--kind", required = true, paramLabel = "KIND",
                    description = "prospect, active-client, dormant-client, supplier, partner or associate.")
                    ContactKind kind,
            @Option(names = "--given-name", paramLabel = "NAME") String givenName,
            @Option(names = "--family-name", paramLabel = "NAME") String familyName,
            @Option(names = "--company", paramLabel = "NAME") String company,
            @Option(names = "--email", paramLabel = "ADDRESS") String email,
            @Option(names = "--phone", paramLabel = "NUMBER") String phone,
            @Option(names = "--owner", paramLabel = "USER") String owner,
            @Option(names = "--notes", paramLabel = "TEXT") String notes) {
        Contact.Builder contact = Contact.newBuilder().setKind(kind);
        if (givenName != null) {
            contact.setGivenName(givenName);
        }
        if (familyName != null) {
            contact.setFamilyName(familyName);
        }
        if (company != null) {
            contact.setCompany(company);
        }
        if (email != null) {
            contact.setEmail(email);
        }
        if (phone != null) {
            contact.setPhone(phone);
        }
        if (owner != null) {
            contact.setOwner(owner);
        }
        if (notes != null) {
            contact.setNotes(notes);
        }
        return RpcSession.run(spec, session -> {
            Contact created = session.stub(ContactServiceGrpc::newBlockingStub)
                    .createContact(CreateContactRequest.newBuilder().setContact(contact).build());
            session.print(created, out -> printContact(created, out));
        });
    }

    @Command(name = "get", description = "Print one contact.")
    int get(@Parameters(paramLabel = "ID", description = "Contact id or name (contacts/{id}).") String id) {
        String name = id.strip().startsWith("contacts/") ? id.strip() : "contacts/" + id.strip();
        return RpcSession.run(spec, session -> {
            Contact contact = session.stub(ContactServiceGrpc::newBlockingStub)
                    .getContact(GetContactRequest.newBuilder().setName(name).build());
            session.print(contact, out -> printContact(contact, out));
        });
    }

    @Command(name = "list", description = "List contacts, oldest first, one page at a time.")
    int list(
            @Option(names = "--kind", paramLabel = "KIND") ContactKind kind,
            @Option(names = "--owner", paramLabel = "USER") String owner,
            @Option(names = "--cadence-state", paramLabel = "STATE",
                    description = "active, stopped, drip or unsubscribed.") CadenceState cadenceState,
            @Option(names = "--page-size", paramLabel = "N") int pageSize,
            @Option(names = "--page-token", paramLabel = "TOKEN", defaultValue = "") String pageToken,
            @Option(names = "--archived", description = "Include archived contacts.") boolean archived) {
        List<String> terms = new ArrayList<>();
        if (kind != null) {
            terms.add("kind = " + EnumNames.shortName(kind.getValueDescriptor()));
        }
        if (owner != null) {
            terms.add("owner = \"" + owner.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        if (cadenceState != null) {
            terms.add("cadence_state = " + EnumNames.shortName(cadenceState.getValueDescriptor()));
        }
        ListContactsRequest request = ListContactsRequest.newBuilder().setFilter(String.join(" AND ", terms))
                .setPageSize(pageSize).setPageToken(pageToken).setShowArchived(archived).build();
        return RpcSession.run(spec, session -> {
            ListContactsResponse page = session.stub(ContactServiceGrpc::newBlockingStub).listContacts(request);
            session.print(page, out -> {
                TableFormatter table = new TableFormatter("NAME", "DISPLAY NAME", "KIND", "OWNER", "CADENCE");
                page.getContactsList().forEach(c -> table.addRow(c.getName(), c.getDisplayName(),
                        CliText.value(c.getKind()), CliText.value(c.getOwner()), CliText.value(c.getCadenceState())));
                table.printTo(out);
                if (!page.getNextPageToken().isEmpty()) {
                    out.println("more: --page-token " + page.getNextPageToken());
                }
            });
        });
    }

    static void printContact(Contact contact, PrintWriter out) {
        TableFormatter table = new TableFormatter("FIELD", "VALUE");
        table.addRow("name", contact.getName());
        table.addRow("display name", contact.getDisplayName());
        table.addRow("kind", CliText.value(contact.getKind()));
        table.addRow("origin", CliText.value(contact.getOrigin()));
        table.addRow("converted from", CliText.value(contact.getConvertedFrom()));
        table.addRow("company", CliText.value(contact.getCompany()));
        table.addRow("email", CliText.value(contact.getEmail()));
        table.addRow("phone", CliText.value(contact.getPhone()));
        table.addRow("source", CliText.value(contact.getSource()));
        table.addRow("owner", CliText.value(contact.getOwner()));
        table.addRow("cadence", CliText.value(contact.getCadenceState()) + " after "
                + contact.getCompletedFollowUps() + " follow-ups");
        table.addRow("notes", CliText.value(contact.getNotes()));
        table.addRow("tags", contact.getTagsCount() == 0 ? CliText.NONE : String.join(", ", contact.getTagsList()));
        table.printTo(out);
    }
}
