package io.hearth.cli;

import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.GetContactRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hearth contacts get ID}. */
@Command(name = "get", description = "Print one contact.")
final class GetContactCommand extends RpcCommand {

    @Parameters(paramLabel = "ID", description = "Contact id or name (contacts/{id}).")
    String id;

    @Override
    void execute() {
        String name = id.strip().startsWith("contacts/") ? id.strip() : "contacts/" + id.strip();
        Contact contact = contactService()
                .getContact(GetContactRequest.newBuilder().setName(name).build());
        if (json()) {
            ProtoJson.print(contact, out());
        } else {
            ContactPrinter.print(contact, out());
        }
    }
}
