package io.hearth.cli;

import io.hearth.proto.v1.RestoreLeadRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth leads restore ID}. */
@Command(name = "restore", description = "Bring an archived lead back into default lists.")
final class RestoreLeadCommand extends LeadRpcCommand {

    @Parameters(paramLabel = "ID", converter = LeadName.Converter.class, description = "Lead id or name (leads/{id}).")
    String name;

    @Option(names = "--etag", paramLabel = "ETAG", description = "Only restore if the lead is still at this etag.")
    String etag = "";

    @Override
    void execute(LeadPrinter printer) {
        RestoreLeadRequest request =
                RestoreLeadRequest.newBuilder().setName(name).setEtag(etag).build();
        printer.printLead(leadService().restoreLead(request));
    }
}
