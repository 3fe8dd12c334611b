package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.hearth.proto.v1.ListQueueRequest;
import io.hearth.proto.v1.ListQueueResponse;
import io.hearth.proto.v1.QueueItem;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueCommandTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void tableShowsLaneActionCountdownFirstReasonAndId() {
        hearth.queue.addPage("", page("", TestQueue.ADA, TestQueue.GRACE, TestQueue.LINUS));

        CliResult result = hearth.run("queue");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines())
                .containsExactly(
                        "#  LANE           PERSON        ACTION                   DEADLINE"
                                + "       WHY                            ID",
                        "1  speed-to-lead  Ada Lovelace  cold-call by phone       in 3m12s"
                                + "       New web lead: first touch due  ada1",
                        "2  sizzling       Grace Hopper  follow-up by video-call  overdue 1m05s"
                                + "  Hot and due today              grace2",
                        "3  cold           Torvalds Inc  touch-base by postcard              "
                                + "    No touch in 90 days            linus3");
    }

    @Test
    void contactsShowWithTheirFullNameAndEveryChannelHasAName() {
        hearth.queue.addPage("", page("", TestQueue.HOPPER, TestQueue.BABBAGE));

        CliResult result = hearth.run("queue");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines())
                .containsExactly(
                        "#  LANE           PERSON           ACTION                    "
                                + "DEADLINE             "
                                + "WHY                                                        "
                                + "ID",
                        "1  due-follow-up  Grace Hopper     follow-up by direct-mail  "
                                + "overdue 2d00h00m00s  "
                                + "follow-up 2 of 8 by direct mail, due 2026-11-21 10:00 UTC  "
                                + "contacts/hopper4",
                        "2  due-follow-up  Charles Babbage  touch-base by sms         "
                                + "overdue 1m00s        "
                                + "follow-up 1 of 2 by sms, due 2026-11-23 09:59 UTC          "
                                + "babbage5");
    }

    @Test
    void aDealsItemShowsItsLaneAndTheDealToLogTheTouchAgainst() {
        hearth.queue.addPage("", page("", TestQueue.RHODES, TestQueue.HOPPER));

        CliResult result = hearth.run("queue");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(1))
                .startsWith(
                        "1  opportunity    Ida Rhodes    follow-up by phone        overdue 1d00h00m00s  deal \"200 seats\"")
                .endsWith("contacts/rhodes2");
        assertThat(lines.get(2)).isEqualTo("    deal: opportunities/d1");
        assertThat(lines.get(3)).startsWith("2  due-follow-up  Grace Hopper");
        assertThat(lines).hasSize(4);
    }

    @Test
    void countdownsAreRelativeToTheClock() {
        hearth.queue.addPage("", page("", TestQueue.ADA));
        hearth.clock = Clock.fixed(InProcessHearth.NOW.plusSeconds(200), ZoneOffset.UTC);

        CliResult result = hearth.run("queue");

        assertThat(result.out()).contains(" overdue 8s ").doesNotContain("in 3m12s");
    }

    @Test
    void withoutOptionsAsksForTheTeamsFirstDefaultPage() {
        hearth.queue.addPage("", page(""));

        CliResult result = hearth.run("queue");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.onlyRequest(ListQueueRequest.class)).isEqualTo(ListQueueRequest.getDefaultInstance());
        assertThat(result.out()).isEqualTo("The queue is empty." + System.lineSeparator());
    }

    @Test
    void reasonsListsEveryReasonIndentedUnderItsRow() {
        hearth.queue.addPage("", page("", TestQueue.ADA, TestQueue.LINUS));

        CliResult result = hearth.run("queue", "--reasons");

        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).startsWith("1  speed-to-lead");
        assertThat(lines.subList(2, 4))
                .containsExactly("    - New web lead: first touch due", "    - Asked for pricing");
        assertThat(lines.get(4)).startsWith("2  cold");
        assertThat(lines.get(5)).isEqualTo("    - No touch in 90 days");
    }

    @Test
    void passesOwnerAndPagingOptions() {
        hearth.queue.addPage("tok", page(""));

        CliResult result = hearth.run("queue", "--owner", "alice", "--page-size", "2", "--page-token", "tok");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.onlyRequest(ListQueueRequest.class))
                .isEqualTo(ListQueueRequest.newBuilder()
                        .setOwner("alice")
                        .setPageSize(2)
                        .setPageToken("tok")
                        .build());
    }

    @Test
    void theCommandForTheNextPageGoesToStderrSoStdoutHoldsOnlyTheTable() {
        hearth.queue.addPage("", page("p2", TestQueue.ADA));

        CliResult result = hearth.run("queue", "--owner", "o'brien", "--page-size", "1");

        assertThat(hearth.queue.requests()).hasSize(1);
        assertThat(result.out()).doesNotContain("next page").doesNotContain("p2");
        assertThat(result.err().lines().reduce((first, second) -> second))
                .hasValue("next page: hearth queue --owner 'o'\\''brien' --page-size 1" + " --page-token p2");
    }

    @Test
    void allFollowsNextPageTokensAndNumbersItemsThroughout() {
        hearth.queue.addPage("", page("p2", TestQueue.ADA));
        hearth.queue.addPage("p2", page("p3", TestQueue.GRACE));
        hearth.queue.addPage("p3", page("", TestQueue.LINUS));

        CliResult result = hearth.run("queue", "--all", "--owner", "alice", "--page-size", "1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<ListQueueRequest> requests = hearth.queue.requests(ListQueueRequest.class);
        assertThat(requests).extracting(ListQueueRequest::getPageToken).containsExactly("", "p2", "p3");
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.getOwner()).isEqualTo("alice");
            assertThat(request.getPageSize()).isEqualTo(1);
        });
        assertThat(result.out().lines().skip(1).map(line -> line.split(" +")[0] + " " + last(line)))
                .containsExactly("1 ada1", "2 grace2", "3 linus3");
        assertThat(result.out()).doesNotContain("next page");
    }

    @Test
    void jsonPrintsTheResponseAsProtobufJson() throws InvalidProtocolBufferException {
        ListQueueResponse response = page("p2", TestQueue.ADA, TestQueue.LINUS);
        hearth.queue.addPage("", response);

        CliResult result = hearth.run("queue", "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(parse(result.out())).isEqualTo(response);
        assertThat(result.out())
                .contains(
                        "\"lane\": \"QUEUE_LANE_SPEED_TO_LEAD\"",
                        "\"deadline\": \"2026-11-23T10:03:12Z\"",
                        "\"nextPageToken\": \"p2\"")
                .doesNotContain("next page:");
    }

    @Test
    void allInJsonPrintsEveryItemAndAnEmptyToken() throws InvalidProtocolBufferException {
        hearth.queue.addPage("", page("p2", TestQueue.ADA));
        hearth.queue.addPage("p2", page("", TestQueue.GRACE));

        CliResult result = hearth.run("queue", "--all", "--output", "json");

        assertThat(parse(result.out())).isEqualTo(page("", TestQueue.ADA, TestQueue.GRACE));
        assertThat(result.out()).contains("\"nextPageToken\": \"\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--size=5", "--max-snapshots=1"})
    void watchOptionsWithoutWatchAreUsageErrors(String option) {
        CliResult result = hearth.run("queue", option);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(option.substring(0, option.indexOf('=')) + " only applies with --watch");
        assertThat(hearth.queue.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--all", "--page-size=5", "--page-token=p2"})
    void pagingOptionsWithWatchAreUsageErrors(String option) {
        CliResult result = hearth.run("queue", "--watch", option);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("does not apply with --watch");
        assertThat(hearth.queue.requests()).isEmpty();
    }

    @Test
    void aNonNumericPageSizeIsAUsageError() {
        CliResult result = hearth.run("queue", "--page-size", "many");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--page-size'");
        assertThat(hearth.queue.requests()).isEmpty();
    }

    private static String last(String line) {
        String[] words = line.split(" +");
        return words[words.length - 1];
    }

    static ListQueueResponse page(String nextPageToken, QueueItem... items) {
        return ListQueueResponse.newBuilder()
                .addAllItems(List.of(items))
                .setNextPageToken(nextPageToken)
                .build();
    }

    private static ListQueueResponse parse(String json) throws InvalidProtocolBufferException {
        ListQueueResponse.Builder response = ListQueueResponse.newBuilder();
        JsonFormat.parser().merge(json, response);
        return response.build();
    }
}
