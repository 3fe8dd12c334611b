package io.hearth.cli;

import io.hearth.proto.v1.Opportunity;
import io.hearth.proto.v1.StageVisit;
import java.io.PrintWriter;

/** An opportunity as a two-column table for people, with its stage history; JSON goes through {@link ProtoJson}. */
final class OpportunityPrinter {

    private OpportunityPrinter() {}

    static void print(Opportunity o, PrintWriter out) {
        TableFormatter table = new TableFormatter("FIELD", "VALUE");
        table.addRow("name", o.getName());
        table.addRow("title", o.getTitle());
        table.addRow("contact", o.getContact());
        table.addRow("stage", o.getStage() + " (" + o.getProbability() + "%)");
        table.addRow("outcome", CliText.value(o.getOutcome()));
        table.addRow("amount", o.hasAmount() ? MoneyText.format(o.getAmount()) : CliText.NONE);
        table.addRow(
                "expected close", o.hasExpectedCloseDate() ? MoneyText.format(o.getExpectedCloseDate()) : CliText.NONE);
        table.addRow("owner", CliText.value(o.getOwner()));
        table.addRow(
                "next step",
                o.hasNextStep()
                        ? o.getNextStep().getDescription()
                                + (o.getNextStep().hasDueTime()
                                        ? " (due "
                                                + CliText.value(o.getNextStep().getDueTime()) + ")"
                                        : "")
                        : CliText.NONE);
        if (!o.getCloseReason().isEmpty()) {
            table.addRow("close reason", o.getCloseReason());
        }
        if (o.hasCloseTime()) {
            table.addRow("closed", CliText.value(o.getCloseTime()));
        }
        table.addRow("source lead", CliText.value(o.getSourceLead()));
        table.addRow("lead source", CliText.value(o.getLeadSource()));
        for (StageVisit visit : o.getStageHistoryList()) {
            table.addRow(
                    "stage history",
                    visit.getStage() + " " + CliText.value(visit.getEnterTime()) + " to "
                            + (visit.hasLeaveTime() ? CliText.value(visit.getLeaveTime()) : "now"));
        }
        if (o.hasArchiveTime()) {
            table.addRow("archived", CliText.value(o.getArchiveTime()));
        }
        table.addRow("etag", CliText.value(o.getEtag()));
        table.printTo(out);
    }
}
