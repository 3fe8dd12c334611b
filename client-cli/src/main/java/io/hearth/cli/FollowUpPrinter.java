package io.hearth.cli;

import io.hearth.proto.v1.FollowUp;
import io.hearth.proto.v1.LogTouchResponse;
import java.io.PrintWriter;

/** Follow-ups and logged touches for people; JSON goes through {@link ProtoJson}. */
final class FollowUpPrinter {

    private FollowUpPrinter() {}

    /** One follow-up as a two-column table. */
    static void print(FollowUp followUp, PrintWriter out) {
        TableFormatter table = new TableFormatter("FIELD", "VALUE");
        table.addRow("name", followUp.getName());
        table.addRow("person", followUp.getPerson());
        table.addRow(
                "follow-up", followUp.getFollowUpNumber() == 0 ? CliText.NONE : "#" + followUp.getFollowUpNumber());
        table.addRow("channel", CliText.value(followUp.getChannel()));
        table.addRow("due", CliText.value(followUp.getDueTime()));
        table.addRow("purpose", CliText.value(followUp.getPurpose()));
        table.addRow("owner", CliText.value(followUp.getOwner()));
        table.addRow("state", CliText.value(followUp.getState()));
        table.addRow("touch", CliText.value(followUp.getTouch()));
        table.addRow("closed", CliText.value(followUp.getCloseTime()));
        if (!followUp.getSkipReason().isEmpty()) {
            table.addRow("skip reason", followUp.getSkipReason());
        }
        table.printTo(out);
    }

    /**
     * What logging a touch did: the touch, the cadence state, the follow-up scheduled next, and a
     * conversion made or suggested ({@code person} is the lead to convert).
     */
    static void printLogged(LogTouchResponse logged, String person, PrintWriter out) {
        out.println("logged " + logged.getTouch().getName()
                + (logged.getTouch().getOpportunity().isEmpty()
                        ? ""
                        : " for " + logged.getTouch().getOpportunity())
                + "; cadence " + CliText.value(logged.getCadenceState()));
        if (logged.hasNextFollowUp()) {
            FollowUp next = logged.getNextFollowUp();
            out.println("next follow-up: " + next.getName() + " by " + CliText.value(next.getChannel()) + ", due "
                    + CliText.value(next.getDueTime()));
        }
        if (logged.hasConvertedContact()) {
            out.println("converted to " + logged.getConvertedContact().getName());
        }
        if (logged.getConversionSuggested()) {
            out.println("positive outcome: convert with 'hearth leads convert " + person + "'");
        }
    }
}
