package io.hearth.cli;

import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.RestoreContactRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth contacts restore ID}. */
@Command(name = "restore", description = "Bring an archived contact back into default lists.")
final class RestoreContactCommand extends RpcCommand {

    @Parameters(
            paramLabel = "ID",
            converter = ContactName.Converter.class,
            description = "Contact id or name (contacts/{id}).")
    String name;

    @Option(names = "--etag", paramLabel = "ETAG", description = "Only restore if the contact is still at this etag.")
    String etag = "";

    @Override
    void execute() {
        Contact restored = contactService()
                .restoreContact(RestoreContactRequest.newBuilder()
                        .setName(name)
                        .setEtag(etag)
                        .build());
        if (json()) {
            ProtoJson.print(restored, out());
        } else {
            ContactPrinter.print(restored, out());
        }
    }
}
