package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.hearth.proto.v1.Escalation;
import io.hearth.proto.v1.QueueItem;
import io.hearth.proto.v1.QueueSnapshot;
import io.hearth.proto.v1.WatchQueueRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(10)
class QueueWatchTest {

    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void printsEachSnapshotUnderItsTimeAndStopsAfterMaxSnapshots() {
        hearth.queue.snapshots.addAll(List.of(
                snapshot("2026-11-23T10:00:00Z", TestQueue.ADA),
                snapshot("2026-11-23T10:00:30Z", TestQueue.GRACE, TestQueue.ADA),
                snapshot("2026-11-23T10:01:00Z", TestQueue.LINUS)));

        CliResult result = hearth.run("queue", "--watch", "--owner", "alice", "--size", "5", "--max-snapshots", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.onlyRequest(WatchQueueRequest.class))
                .isEqualTo(WatchQueueRequest.newBuilder()
                        .setOwner("alice")
                        .setSize(5)
                        .build());
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("=== snapshot 2026-11-23T10:00:00Z ===");
        assertThat(lines.get(1)).startsWith("#  LANE");
        assertThat(lines.get(2).split("  +"))
                .startsWith("1", "speed-to-lead", "Ada Lovelace", "cold-call by phone", "in 3m12s");
        assertThat(lines.get(3)).isEmpty();
        assertThat(lines.get(4)).isEqualTo("=== snapshot 2026-11-23T10:00:30Z ===");
        assertThat(lines.get(6).split("  +"))
                .startsWith("1", "sizzling", "Grace Hopper", "follow-up by video-call", "overdue 1m05s");
        assertThat(lines.get(7).split("  +")).startsWith("2", "speed-to-lead", "Ada Lovelace");
        assertThat(lines).hasSize(8);
        assertThat(result.out()).doesNotContain(CLEAR_SCREEN, "Torvalds");
        assertThat(hearth.channels()).allMatch(channel -> channel.isShutdown());
    }

    @Test
    void endsWhenTheServerEndsTheStream() {
        hearth.queue.snapshots.add(snapshot("2026-11-23T10:00:00Z", TestQueue.ADA));
        hearth.queue.snapshots.add(snapshot("2026-11-23T10:00:30Z"));
        hearth.queue.endWatch = true;

        CliResult result = hearth.run("queue", "--watch");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().filter(line -> line.startsWith("=== snapshot")))
                .hasSize(2);
        assertThat(result.out()).endsWith("The queue is empty." + System.lineSeparator());
        assertThat(hearth.queue.onlyRequest(WatchQueueRequest.class)).isEqualTo(WatchQueueRequest.getDefaultInstance());
    }

    @Test
    void reasonsAreListedInWatchModeToo() {
        hearth.queue.snapshots.add(snapshot("2026-11-23T10:00:00Z", TestQueue.ADA));
        hearth.queue.endWatch = true;

        CliResult result = hearth.run("queue", "--watch", "--reasons");

        assertThat(result.out().lines()).contains("    - Asked for pricing");
    }

    @Test
    void jsonPrintsOneLinePerSnapshot() throws InvalidProtocolBufferException {
        QueueSnapshot first = snapshot("2026-11-23T10:00:00Z", TestQueue.ADA);
        QueueSnapshot second = snapshot("2026-11-23T10:00:30Z", TestQueue.GRACE);
        hearth.queue.snapshots.addAll(List.of(first, second, first));

        CliResult result = hearth.run("queue", "--watch", "--max-snapshots", "2", "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(parse(lines.get(0))).isEqualTo(first);
        assertThat(parse(lines.get(1))).isEqualTo(second);
    }

    @Test
    void onATerminalClearsTheScreenAndRedrawsSoCountdownsTick() {
        hearth.terminal = true;
        hearth.refreshInterval = Duration.ofMillis(20);
        hearth.clock = new SecondPerReadClock(InProcessHearth.NOW);
        hearth.queue.snapshots.add(snapshot("2026-11-23T10:00:00Z", TestQueue.ADA));
        hearth.queue.delayedSnapshot = snapshot("2026-11-23T10:00:30Z", TestQueue.LINUS);
        hearth.queue.delayMillis = 300;

        CliResult result = hearth.run("queue", "--watch", "--max-snapshots", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        String[] screens = result.out().split(java.util.regex.Pattern.quote(CLEAR_SCREEN), -1);
        assertThat(screens[0]).isEmpty();
        // the first snapshot, redrawn at least once between the two snapshots, then the second
        assertThat(screens.length).isGreaterThanOrEqualTo(4);
        assertThat(screens[1])
                .startsWith("snapshot 2026-11-23T10:00:00Z (Ctrl-C to stop)")
                .contains("in 3m12s");
        assertThat(screens[2]).contains("Ada Lovelace", "in 3m11s");
        assertThat(screens[screens.length - 1])
                .startsWith("snapshot 2026-11-23T10:00:30Z")
                .contains("Torvalds Inc")
                .doesNotContain("Ada Lovelace");
        assertThat(result.out()).doesNotContain("===");
    }

    @Test
    void escalationsArePrintedAboveTheQueueAndKeptOnEveryRedraw() {
        Escalation escalated = Escalation.newBuilder()
                .setLead("leads/1")
                .setDisplayName("Ada Lovelace")
                .setOwner("bob")
                .setTeam("east")
                .setReason("web form lead: 1 min left of its 5 min")
                .build();
        QueueSnapshot withEscalation = snapshot("2026-11-23T10:00:00Z", TestQueue.ADA).toBuilder()
                .addEscalations(escalated)
                .build();
        hearth.queue.snapshots.add(withEscalation);
        hearth.queue.snapshots.add(snapshot("2026-11-23T10:00:30Z", TestQueue.ADA).toBuilder()
                .addEscalations(escalated.toBuilder().setReassignedTo("dave"))
                .build());
        hearth.queue.endWatch = true;

        CliResult piped = hearth.run("queue", "--watch");

        assertThat(piped.out().lines().toList())
                .contains(
                        "ESCALATED Ada Lovelace (leads/1), bob's, team east: web form lead: 1 min left of its 5 min",
                        "REASSIGNED Ada Lovelace (leads/1), bob's, team east to dave: untouched at its deadline");

        hearth.terminal = true;
        CliResult onTerminal = hearth.run("queue", "--watch");
        String[] screens = onTerminal.out().split(java.util.regex.Pattern.quote(CLEAR_SCREEN), -1);
        assertThat(screens[0]).as("the bell, for an alert").isEqualTo("\007");
        assertThat(screens[screens.length - 1])
                .as("the last screen still shows the escalation")
                .contains("ESCALATED Ada Lovelace", "REASSIGNED Ada Lovelace");
    }

    @Test
    void anUnreachableServerIsReportedLikeForEveryCommand() {
        String nobodyListens = InProcessServerBuilder.generateName();

        CliResult result = CliResult.run(
                (target, credentials) ->
                        InProcessChannelBuilder.forName(nobodyListens).build(),
                "--server",
                "hearth.example:50051",
                "queue",
                "--watch");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("error: UNAVAILABLE: cannot reach Hearth server at hearth.example:50051")
                .doesNotContain("Exception", "\tat ");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aFailedWatchExitsWithOne() {
        hearth.queue.failure =
                Status.PERMISSION_DENIED.withDescription("not your queue").asRuntimeException();

        CliResult result = hearth.run("queue", "--watch", "--owner", "bob");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: PERMISSION_DENIED: not your queue" + System.lineSeparator());
    }

    @Test
    void maxSnapshotsMustBePositive() {
        CliResult result = hearth.run("queue", "--watch", "--max-snapshots", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(hearth.queue.requests()).isEmpty();
    }

    @Test
    void maxSnapshotsIsHiddenFromHelp() {
        CliResult result = hearth.run("queue", "--help");

        assertThat(result.out()).contains("--watch", "--size=N").doesNotContain("--max-snapshots");
    }

    private static QueueSnapshot snapshot(String time, QueueItem... items) {
        return QueueSnapshot.newBuilder()
                .addAllItems(List.of(items))
                .setSnapshotTime(Times.timestamp(Instant.parse(time)))
                .build();
    }

    private static QueueSnapshot parse(String json) throws InvalidProtocolBufferException {
        QueueSnapshot.Builder snapshot = QueueSnapshot.newBuilder();
        JsonFormat.parser().merge(json, snapshot);
        return snapshot.build();
    }

    /** Moves on one second every time it is read, as if each redraw came a second later. */
    private static final class SecondPerReadClock extends Clock {

        private final Instant start;
        private final AtomicLong reads = new AtomicLong();

        SecondPerReadClock(Instant start) {
            this.start = start;
        }

        @Override
        public Instant instant() {
            return start.plusSeconds(reads.getAndIncrement());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
