package io.hearth.cli;

import io.hearth.proto.v1.ConvertLeadRequest;
import io.hearth.proto.v1.ConvertLeadResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth leads convert ID}: turns a lead into a prospect contact. */
@Command(name = "convert", description = "Convert a lead into a prospect contact, keeping its history.")
final class ConvertLeadCommand extends RpcCommand {

    @Parameters(paramLabel = "ID", converter = LeadName.Converter.class, description = "Lead id or name (leads/{id}).")
    String name;

    @Option(names = "--etag", paramLabel = "ETAG", description = "Convert only if the lead is unchanged since.")
    String etag = "";

    @Override
    void execute() {
        ConvertLeadResponse converted = contactService()
                .convertLead(ConvertLeadRequest.newBuilder()
                        .setLead(name)
                        .setEtag(etag)
                        .build());
        if (json()) {
            ProtoJson.print(converted, out());
            return;
        }
        out().println(converted.getLead().getName() + " converted to "
                + converted.getContact().getName());
        ContactPrinter.print(converted.getContact(), out());
    }
}
