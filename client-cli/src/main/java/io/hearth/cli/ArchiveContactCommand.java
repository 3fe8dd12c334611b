package io.hearth.cli;

import io.hearth.proto.v1.ArchiveContactRequest;
import io.hearth.proto.v1.Contact;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth contacts archive ID}. */
@Command(name = "archive", description = "Hide a contact from default lists; restore brings it back.")
final class ArchiveContactCommand extends RpcCommand {

    @Parameters(
            paramLabel = "ID",
            converter = ContactName.Converter.class,
            description = "Contact id or name (contacts/{id}).")
    String name;

    @Option(names = "--etag", paramLabel = "ETAG", description = "Only archive if the contact is still at this etag.")
    String etag = "";

    @Override
    void execute() {
        Contact archived = contactService()
                .archiveContact(ArchiveContactRequest.newBuilder()
                        .setName(name)
                        .setEtag(etag)
                        .build());
        if (json()) {
            ProtoJson.print(archived, out());
        } else {
            ContactPrinter.print(archived, out());
        }
    }
}
