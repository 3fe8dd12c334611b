package io.hearth.cli;

import io.hearth.proto.v1.ConvertLeadRequest;
import io.hearth.proto.v1.ConvertLeadResponse;
import io.hearth.proto.v1.Opportunity;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
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

    @Option(
            names = "--deal-title",
            paramLabel = "TEXT",
            description = "Open a deal with the new prospect in the same step (with --deal-amount, --deal-currency"
                    + " and --deal-close-date): both or neither happen.")
    String dealTitle;

    @Option(names = "--deal-amount", paramLabel = "AMOUNT", description = "The deal's value, e.g. 25000.50.")
    String dealAmount;

    @Option(names = "--deal-currency", paramLabel = "CODE", description = "ISO 4217, e.g. EUR.")
    String dealCurrency;

    @Option(names = "--deal-close-date", paramLabel = "DATE", description = "Expected close, e.g. 2027-03-31.")
    String dealCloseDate;

    @Override
    void execute() {
        ConvertLeadRequest.Builder request =
                ConvertLeadRequest.newBuilder().setLead(name).setEtag(etag);
        List<String> deal = Arrays.asList(dealTitle, dealAmount, dealCurrency, dealCloseDate);
        if (deal.stream().anyMatch(Objects::nonNull)) {
            if (deal.stream().anyMatch(Objects::isNull)) {
                throw usageError("--deal-title, --deal-amount, --deal-currency and --deal-close-date go together");
            }
            request.setOpportunity(Opportunity.newBuilder()
                    .setTitle(dealTitle)
                    .setAmount(DealText.money(this, dealAmount, dealCurrency, "--deal-amount"))
                    .setExpectedCloseDate(DealText.date(this, dealCloseDate, "--deal-close-date")));
        }
        ConvertLeadResponse converted = contactService().convertLead(request.build());
        if (json()) {
            ProtoJson.print(converted, out());
            return;
        }
        out().println(converted.getLead().getName() + " converted to "
                + converted.getContact().getName());
        ContactPrinter.print(converted.getContact(), out());
        if (converted.hasOpportunity()) {
            out().println("deal opened: " + converted.getOpportunity().getName());
            OpportunityPrinter.print(converted.getOpportunity(), out());
        }
    }
}
