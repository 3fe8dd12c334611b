package io.hearth.cli;

import io.hearth.proto.v1.GetLeadRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hearth leads get ID}. */
@Command(name = "get", description = "Print one lead.")
final class GetLeadCommand extends LeadRpcCommand {

    @Parameters(paramLabel = "ID", converter = LeadName.Converter.class, description = "Lead id or name (leads/{id}).")
    String name;

    @Override
    void execute(LeadPrinter printer) {
        printer.printLead(
                leadService().getLead(GetLeadRequest.newBuilder().setName(name).build()));
    }
}
