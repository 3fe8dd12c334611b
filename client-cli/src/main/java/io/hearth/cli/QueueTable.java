package io.hearth.cli;

import io.hearth.proto.v1.ActionChannel;
import io.hearth.proto.v1.ActionKind;
import io.hearth.proto.v1.QueueItem;
import io.hearth.proto.v1.QueueLane;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** Queue items as a table, and the cells the queue and agenda tables share. */
final class QueueTable {

    private static final String REASON_INDENT = "    - ";

    private QueueTable() {}

    /**
     * {@code #, LANE, PERSON, ACTION, DEADLINE, WHY, ID}; deadlines count down from {@code now}.
     *
     * @param firstPosition the {@code #} of the first item
     * @param allReasons list every reason indented under its row, not just the first in WHY
     */
    static void print(List<QueueItem> items, int firstPosition, Instant now, boolean allReasons, PrintWriter out) {
        TableFormatter table = new TableFormatter("#", "LANE", "PERSON", "ACTION", "DEADLINE", "WHY", "ID");
        int position = firstPosition;
        for (QueueItem item : items) {
            table.addRow(
                    Integer.toString(position++),
                    lane(item),
                    person(item),
                    action(item),
                    item.hasDeadline() ? DurationText.countdown(Times.instant(item.getDeadline()), now) : "",
                    item.getReasonsCount() > 0 ? item.getReasons(0) : "",
                    id(item));
            if (!item.getOpportunity().isEmpty()) {
                // the deal to log the touch against: hearth touch log PERSON --deal ID
                table.addDetail("    deal: " + item.getOpportunity());
            }
            if (allReasons) {
                item.getReasonsList().forEach(reason -> table.addDetail(REASON_INDENT + reason));
            }
        }
        table.printTo(out);
    }

    /** {@code speed-to-lead}, {@code due-follow-up}, ... */
    static String lane(QueueItem item) {
        return EnumNames.display(QueueLane::forNumber, item.getLaneValue());
    }

    /** The display name, else the resource name. */
    static String person(QueueItem item) {
        return item.getDisplayName().isEmpty() ? item.getPerson() : item.getDisplayName();
    }

    /** {@code cold-call by phone}; either half is left out when the server left it unset. */
    static String action(QueueItem item) {
        String kind = EnumNames.display(ActionKind::forNumber, item.getActionValue());
        String channel = EnumNames.display(ActionChannel::forNumber, item.getChannelValue());
        if (channel.isEmpty()) {
            return kind;
        }
        return (kind + " by " + channel).strip();
    }

    /**
     * What to type as ID in {@code hearth leads ...}: the bare id for a lead; other people (e.g.
     * {@code contacts/7}) keep their full name so they are not mistaken for leads.
     */
    static String id(QueueItem item) {
        String person = item.getPerson();
        return person.startsWith(LeadName.COLLECTION_PREFIX)
                ? person.substring(LeadName.COLLECTION_PREFIX.length())
                : person;
    }
}
