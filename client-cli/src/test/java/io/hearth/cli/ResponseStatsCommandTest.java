package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.hearth.proto.v1.GetResponseStatsRequest;
import io.hearth.proto.v1.ListMissedDeadlinesRequest;
import io.hearth.proto.v1.ListMissedDeadlinesResponse;
import io.hearth.proto.v1.ResponseStats;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResponseStatsCommandTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void withoutOptionsAsksForTheTeamsLast30Days() {
        CliResult result = hearth.run("stats", "response");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.onlyRequest(GetResponseStatsRequest.class))
                .isEqualTo(GetResponseStatsRequest.getDefaultInstance());
    }

    @Test
    void datesAreMidnightInTheLocalTimeZoneAndUntilIsExclusive() {
        hearth.clock = Clock.fixed(InProcessHearth.NOW, ZoneId.of("Europe/Berlin"));

        CliResult result = hearth.run(
                "stats", "response",
                "--owner", "alice",
                "--since", "2026-11-01",
                "--until", "2026-12-01");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.onlyRequest(GetResponseStatsRequest.class))
                .isEqualTo(GetResponseStatsRequest.newBuilder()
                        .setOwner("alice")
                        .setStartTime(Times.timestamp(Instant.parse("2026-10-31T23:00:00Z")))
                        .setEndTime(Times.timestamp(Instant.parse("2026-11-30T23:00:00Z")))
                        .build());
    }

    @Test
    void instantsAreTakenAsGiven() {
        CliResult result = hearth.run("stats", "response", "--since", "2026-11-01T09:30:00Z");

        assertThat(result.exitCode()).as(result.err()).isZero();
        GetResponseStatsRequest request = hearth.queue.onlyRequest(GetResponseStatsRequest.class);
        assertThat(Times.instant(request.getStartTime())).isEqualTo(Instant.parse("2026-11-01T09:30:00Z"));
        assertThat(request.hasEndTime()).isFalse();
    }

    @Test
    void printsASummaryAndTheBuckets() {
        CliResult result = hearth.run("stats", "response");

        assertThat(result.out().lines())
                .containsExactly(
                        "responded:        42",
                        "awaiting:         3",
                        "missed:           7 (2 still unanswered)",
                        "median response:  3m12s",
                        "90th percentile:  41m05s",
                        "within window:    64% (window 5m)",
                        "",
                        "RESPONSE     LEADS  QUALIFIED  RATE",
                        "< 5 min      20     8          40%",
                        "5–30 min     12     3          25%",
                        "30 min–24 h  8      1          13%",
                        "later        0      0          -",
                        "",
                        "REP       MISSED  UNANSWERED",
                        "alice     5       2",
                        "(nobody)  2       0");
    }

    @Test
    void withoutResponsesMedianAndPercentileAreDashes() {
        hearth.queue.stats = ResponseStats.newBuilder().setAwaiting(2).build();

        CliResult result = hearth.run("stats", "response");

        assertThat(result.out().lines())
                .containsExactly(
                        "responded:        0",
                        "awaiting:         2",
                        "missed:           0",
                        "median response:  -",
                        "90th percentile:  -",
                        "within window:    0%");
    }

    @Test
    void jsonPrintsTheStats() throws InvalidProtocolBufferException {
        CliResult result = hearth.run("stats", "response", "--output", "json");

        ResponseStats.Builder printed = ResponseStats.newBuilder();
        JsonFormat.parser().merge(result.out(), printed);
        assertThat(printed.build()).isEqualTo(TestQueue.STATS);
        assertThat(result.out()).contains("\"bucket\": \"RESPONSE_BUCKET_WITHIN_5_MINUTES\"");
    }

    @Test
    void missedListsEveryPageOfMissedDeadlinesForTheRepAndPeriod() {
        hearth.queue.addMissedPage(
                "",
                ListMissedDeadlinesResponse.newBuilder()
                        .addMissedDeadlines(TestQueue.ADA_MISSED)
                        .setNextPageToken("p2")
                        .build());
        hearth.queue.addMissedPage(
                "p2",
                ListMissedDeadlinesResponse.newBuilder()
                        .addMissedDeadlines(TestQueue.GRACE_MISSED)
                        .build());

        CliResult result = hearth.run("stats", "response", "--missed", "--owner", "alice", "--since", "2026-11-01");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.requests(ListMissedDeadlinesRequest.class))
                .extracting(ListMissedDeadlinesRequest::getPageToken)
                .containsExactly("", "p2");
        ListMissedDeadlinesRequest first =
                hearth.queue.requests(ListMissedDeadlinesRequest.class).get(0);
        assertThat(first.getOwner()).isEqualTo("alice");
        assertThat(first.getUnansweredOnly()).isFalse();
        assertThat(Times.instant(first.getStartTime())).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(hearth.queue.requests(GetResponseStatsRequest.class)).isEmpty();
        assertThat(result.out().lines())
                .containsExactly(
                        "PERSON        OWNER     SOURCE    DEADLINE              FIRST TOUCH           ID",
                        "Ada Lovelace  alice     web-form  2026-11-23T09:05:00Z  12m30s late           ada1",
                        "Grace Hopper  (nobody)  web-form  2026-11-23T08:55:00Z  none yet, 1h05m late  grace2");
    }

    @Test
    void unansweredAsksOnlyForLeadsStillWaitingAndSaysSoWhenThereAreNone() {
        hearth.queue.addMissedPage("", ListMissedDeadlinesResponse.getDefaultInstance());

        CliResult result = hearth.run("stats", "response", "--missed", "--unanswered");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.onlyRequest(ListMissedDeadlinesRequest.class).getUnansweredOnly())
                .isTrue();
        assertThat(result.out()).contains("No missed deadline waits for its first touch.");
    }

    @Test
    void missedAsJsonIsOneResponseWithEveryPage() throws InvalidProtocolBufferException {
        hearth.queue.addMissedPage(
                "",
                ListMissedDeadlinesResponse.newBuilder()
                        .addMissedDeadlines(TestQueue.ADA_MISSED)
                        .setNextPageToken("p2")
                        .build());
        hearth.queue.addMissedPage(
                "p2",
                ListMissedDeadlinesResponse.newBuilder()
                        .addMissedDeadlines(TestQueue.GRACE_MISSED)
                        .build());

        CliResult result = hearth.run("stats", "response", "--missed", "--output", "json");

        ListMissedDeadlinesResponse.Builder printed = ListMissedDeadlinesResponse.newBuilder();
        JsonFormat.parser().merge(result.out(), printed);
        assertThat(printed.getMissedDeadlinesList()).containsExactly(TestQueue.ADA_MISSED, TestQueue.GRACE_MISSED);
    }

    @Test
    void unansweredWithoutMissedIsAUsageError() {
        CliResult result = hearth.run("stats", "response", "--unanswered");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--unanswered lists missed deadlines: add --missed");
        assertThat(hearth.queue.requests()).isEmpty();
    }

    @Test
    void aBadDateIsAUsageError() {
        CliResult result = hearth.run("stats", "response", "--since", "last week");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--since': 'last week' is neither a date");
        assertThat(hearth.queue.requests()).isEmpty();
    }

    @Test
    void sinceMustBeBeforeUntil() {
        CliResult result = hearth.run("stats", "response", "--since", "2026-12-01", "--until", "2026-11-01");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--since must be before --until");
        assertThat(hearth.queue.requests()).isEmpty();
    }

    @Test
    void statsNeedsASubcommand() {
        CliResult result = hearth.run("stats");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Missing required subcommand");
    }
}
