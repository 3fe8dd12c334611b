package io.hearth.cli;

import io.hearth.proto.v1.ArchiveLeadRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth leads archive ID}. */
@Command(name = "archive", description = "Hide a lead from default lists; restore brings it back.")
final class ArchiveLeadCommand extends LeadRpcCommand {

    @Parameters(paramLabel = "ID", converter = LeadName.Converter.class, description = "Lead id or name (leads/{id}).")
    String name;

    @Option(names = "--etag", paramLabel = "ETAG", description = "Only archive if the lead is still at this etag.")
    String etag = "";

    @Override
    void execute(LeadPrinter printer) {
        ArchiveLeadRequest request =
                ArchiveLeadRequest.newBuilder().setName(name).setEtag(etag).build();
        printer.printLead(leadService().archiveLead(request));
    }
}
