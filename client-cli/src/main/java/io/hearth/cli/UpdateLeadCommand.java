package io.hearth.cli;

import com.google.protobuf.FieldMask;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.UpdateLeadRequest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth leads update ID}: changes exactly the fields given on the command line. The
 * update mask is always sent, since an empty mask would mean "every non-default field" and could
 * not clear a field.
 */
@Command(name = "update", description = "Change the given fields of a lead and print it.")
final class UpdateLeadCommand extends LeadRpcCommand {

    @Parameters(paramLabel = "ID", converter = LeadName.Converter.class, description = "Lead id or name (leads/{id}).")
    String name;

    @Mixin
    LeadFieldOptions fields;

    @Option(names = "--clear-tags", description = "Remove all tags.")
    boolean clearTags;

    @Option(
            names = "--etag",
            paramLabel = "ETAG",
            description = "Only update if the lead is still at this etag (guards against lost updates).")
    String etag = "";

    @Option(
            names = "--allow-duplicate",
            description = "Accept an email, phone, or name and company that another lead or contact"
                    + " already has (refused otherwise).")
    boolean allowDuplicate;

    @Override
    void execute(LeadPrinter printer) {
        printer.printLead(leadService().updateLead(request()));
    }

    private UpdateLeadRequest request() {
        if (clearTags && fields.tags != null) {
            throw new ParameterException(spec.commandLine(), "--clear-tags and --tag exclude each other");
        }
        Lead.Builder lead = Lead.newBuilder().setName(name).setEtag(etag);
        List<String> paths = fields.applyTo(lead);
        if (clearTags) {
            paths.add("tags");
        }
        if (paths.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "Nothing to update: give at least one field option, e.g. --status");
        }
        return UpdateLeadRequest.newBuilder()
                .setLead(lead)
                .setUpdateMask(FieldMask.newBuilder().addAllPaths(paths))
                .setAllowDuplicate(allowDuplicate)
                .build();
    }
}
