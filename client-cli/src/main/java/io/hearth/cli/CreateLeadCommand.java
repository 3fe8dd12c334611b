package io.hearth.cli;

import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.Lead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hearth leads create}. */
@Command(
        name = "create",
        description = "Create a lead and print it.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  hearth leads create --given-name Ada --family-name Lovelace --company 'Analytical Engines' \\",
            "      --email ada@example.com --source trade-show --temperature hot",
            "  # the new lead's name, for the next command",
            "  hearth leads create --given-name Bo --email bo@example.com --output json | jq -r .name"
        })
final class CreateLeadCommand extends LeadRpcCommand {

    @Mixin
    LeadFieldOptions fields;

    @Option(
            names = "--request-id",
            paramLabel = "KEY",
            description = "Idempotency key: retrying with the same key returns the lead first created."
                    + " Without one a random key is sent, so the CLI's own retries are safe.")
    String requestId = "";

    @Option(
            names = "--allow-duplicate",
            description = "Create it even when a lead or contact with its email, phone, or name and"
                    + " company exists (refused otherwise).")
    boolean allowDuplicate;

    @Override
    void execute(LeadPrinter printer) {
        Lead.Builder lead = Lead.newBuilder();
        fields.applyTo(lead);
        String key = requestIdOrNew(requestId);
        CreateLeadRequest request = CreateLeadRequest.newBuilder()
                .setLead(lead)
                .setRequestId(key)
                .setAllowDuplicate(allowDuplicate)
                .build();
        printer.printLead(createRetrying(key, () -> leadService().createLead(request)));
    }
}
