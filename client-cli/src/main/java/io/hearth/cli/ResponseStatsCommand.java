package io.hearth.cli;

import io.hearth.proto.v1.GetResponseStatsRequest;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.ListMissedDeadlinesRequest;
import io.hearth.proto.v1.ListMissedDeadlinesResponse;
import io.hearth.proto.v1.MissedDeadline;
import io.hearth.proto.v1.OwnerMissedDeadlines;
import io.hearth.proto.v1.ResponseBucket;
import io.hearth.proto.v1.ResponseBucketStats;
import io.hearth.proto.v1.ResponseStats;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth stats response}: speed to lead on the team's own data, and who missed how many
 * response deadlines; {@code --missed} lists the leads behind that count (whose, how late, which
 * still wait: the ones to call or reassign now). Dates are midnight in the local time zone;
 * {@code --until} is exclusive, so {@code --since 2026-11-01 --until 2026-12-01} is November.
 */
@Command(
        name = "response",
        description = {
            "Speed to lead: how fast inbound leads got their first touch, how that changed"
                    + " their qualification rate, and the response deadlines missed per rep.",
            "With --missed: the leads that missed their deadline, newest first."
        })
final class ResponseStatsCommand extends RpcCommand {

    private static final int LABEL_WIDTH = "median response:".length();
    private static final int MISSED_PAGE_SIZE = 1000;
    /** Leads nobody owned when they missed. */
    private static final String NOBODY = "(nobody)";

    @Option(
            names = "--owner",
            paramLabel = "USER",
            description = "Only this rep's leads (default: the whole team). A missed deadline counts for"
                    + " the rep who owned the lead when it missed.")
    String owner = "";

    @Option(
            names = "--since",
            paramLabel = "DATE",
            description = "Leads that arrived on or after this date (e.g. 2026-11-01) or instant.")
    String since;

    @Option(
            names = "--until",
            paramLabel = "DATE",
            description = "Leads that arrived before this date or instant (exclusive). Without --since"
                    + " and --until: the last 30 days.")
    String until;

    @Option(
            names = "--missed",
            description = "List the leads that missed their response deadline instead: whose they were,"
                    + " how late the first touch came, which still wait for it.")
    boolean missed;

    @Option(names = "--unanswered", description = "With --missed: only the leads still waiting for their first touch.")
    boolean unanswered;

    @Override
    void execute() {
        if (unanswered && !missed) {
            throw usageError("--unanswered lists missed deadlines: add --missed");
        }
        Instant start = since == null ? null : instant("--since", since);
        Instant end = until == null ? null : instant("--until", until);
        if (start != null && end != null && !start.isBefore(end)) {
            throw usageError("--since must be before --until");
        }
        if (missed) {
            listMissed(start, end);
            return;
        }
        GetResponseStatsRequest.Builder request =
                GetResponseStatsRequest.newBuilder().setOwner(owner);
        if (start != null) {
            request.setStartTime(Times.timestamp(start));
        }
        if (end != null) {
            request.setEndTime(Times.timestamp(end));
        }
        ResponseStats stats = queueService().getResponseStats(request.build());
        if (json()) {
            ProtoJson.print(stats, out());
        } else {
            print(stats, out());
        }
    }

    /** Every page of missed deadlines, as one table or one JSON response. */
    private void listMissed(Instant start, Instant end) {
        ListMissedDeadlinesRequest.Builder request = ListMissedDeadlinesRequest.newBuilder()
                .setOwner(owner)
                .setUnansweredOnly(unanswered)
                .setPageSize(MISSED_PAGE_SIZE);
        if (start != null) {
            request.setStartTime(Times.timestamp(start));
        }
        if (end != null) {
            request.setEndTime(Times.timestamp(end));
        }
        ListMissedDeadlinesResponse.Builder all = ListMissedDeadlinesResponse.newBuilder();
        String token = "";
        do {
            ListMissedDeadlinesResponse page = queueService()
                    .listMissedDeadlines(request.setPageToken(token).build());
            all.addAllMissedDeadlines(page.getMissedDeadlinesList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        if (json()) {
            ProtoJson.print(all, out());
            return;
        }
        if (all.getMissedDeadlinesCount() == 0) {
            out().println(unanswered ? "No missed deadline waits for its first touch." : "No missed deadlines.");
            return;
        }
        TableFormatter table = new TableFormatter("PERSON", "OWNER", "SOURCE", "DEADLINE", "FIRST TOUCH", "ID");
        for (MissedDeadline miss : all.getMissedDeadlinesList()) {
            table.addRow(
                    miss.getDisplayName().isEmpty() ? miss.getLead() : miss.getDisplayName(),
                    miss.getOwner().isEmpty() ? NOBODY : miss.getOwner(),
                    EnumNames.display(LeadSource::forNumber, miss.getSourceValue()),
                    Times.format(miss.getDeadline()),
                    (miss.hasFirstTouchTime() ? "" : "none yet, ") + DurationText.format(miss.getLateBy()) + " late",
                    miss.getLead().startsWith(LeadName.COLLECTION_PREFIX)
                            ? miss.getLead().substring(LeadName.COLLECTION_PREFIX.length())
                            : miss.getLead());
        }
        table.printTo(out());
    }

    /** A date is its first instant in the clock's time zone; an ISO instant is taken as is. */
    private Instant instant(String option, String value) {
        try {
            return LocalDate.parse(value.trim()).atStartOfDay(clock().getZone()).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException notAnInstant) {
                throw usageError(
                        "Invalid value for option '%s': '%s' is neither a date like 2026-11-01".formatted(option, value)
                                + " nor an instant like 2026-11-01T09:00:00Z");
            }
        }
    }

    private static void print(ResponseStats stats, PrintWriter out) {
        field(out, "responded", Integer.toString(stats.getResponded()));
        field(out, "awaiting", Integer.toString(stats.getAwaiting()));
        field(
                out,
                "missed",
                stats.getMissed()
                        + (stats.getMissedUnanswered() > 0
                                ? " (" + stats.getMissedUnanswered() + " still unanswered)"
                                : ""));
        field(out, "median response", stats.hasMedian() ? DurationText.format(stats.getMedian()) : "-");
        field(out, "90th percentile", stats.hasP90() ? DurationText.format(stats.getP90()) : "-");
        field(
                out,
                "within window",
                percent(stats.getShareWithinWindow())
                        + (stats.hasWindow() ? " (window " + DurationText.format(stats.getWindow()) + ")" : ""));
        if (stats.getBucketsCount() > 0) {
            out.println();
            TableFormatter table = new TableFormatter("RESPONSE", "LEADS", "QUALIFIED", "RATE");
            for (ResponseBucketStats bucket : stats.getBucketsList()) {
                table.addRow(
                        bucket(bucket),
                        Integer.toString(bucket.getLeads()),
                        Integer.toString(bucket.getQualified()),
                        bucket.getLeads() == 0 ? "-" : percent(bucket.getQualificationRate()));
            }
            table.printTo(out);
        }
        if (stats.getMissedByOwnerCount() > 0) {
            out.println();
            TableFormatter table = new TableFormatter("REP", "MISSED", "UNANSWERED");
            for (OwnerMissedDeadlines rep : stats.getMissedByOwnerList()) {
                table.addRow(
                        rep.getOwner().isEmpty() ? NOBODY : rep.getOwner(),
                        Integer.toString(rep.getMissed()),
                        Integer.toString(rep.getUnanswered()));
            }
            table.printTo(out);
        }
    }

    private static String bucket(ResponseBucketStats bucket) {
        return switch (bucket.getBucket()) {
            case RESPONSE_BUCKET_WITHIN_5_MINUTES -> "< 5 min";
            case RESPONSE_BUCKET_WITHIN_30_MINUTES -> "5–30 min";
            case RESPONSE_BUCKET_WITHIN_24_HOURS -> "30 min–24 h";
            case RESPONSE_BUCKET_LATER -> "later";
            default -> {
                String name = EnumNames.display(ResponseBucket::forNumber, bucket.getBucketValue());
                yield name.isEmpty() ? "-" : name;
            }
        };
    }

    /** A share in [0, 1] as a whole percentage, e.g. {@code 64%}. */
    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    private static void field(PrintWriter out, String label, String value) {
        out.printf("%-" + (LABEL_WIDTH + 1) + "s %s%n", label + ":", value);
    }
}
