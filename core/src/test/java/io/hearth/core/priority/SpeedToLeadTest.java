package io.hearth.core.priority;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SpeedToLeadTest {
    private static final Instant ARRIVED = Instant.parse("2026-11-23T10:00:00Z");
    private final SpeedToLeadPolicy policy = SpeedToLeadPolicy.DEFAULT;

    @Test
    void webLeadsGetAFiveMinuteDeadlineOthersNone() {
        assertThat(policy.deadline(LeadSource.WEB_FORM, ARRIVED)).contains(Instant.parse("2026-11-23T10:05:00Z"));
        assertThat(policy.deadline(LeadSource.PURCHASED_LIST, ARRIVED)).isEmpty();
    }

    @Test
    void aLeadIsAboutToMissOneMinuteBeforeItsDeadline() {
        Instant deadline = Instant.parse("2026-11-23T10:05:00Z");
        assertThat(policy.aboutToMiss(deadline, Instant.parse("2026-11-23T10:03:59Z")))
                .isFalse();
        assertThat(policy.aboutToMiss(deadline, Instant.parse("2026-11-23T10:04:00Z")))
                .isTrue();
        assertThat(policy.aboutToMiss(deadline, Instant.parse("2026-11-23T10:09:00Z")))
                .isTrue();
    }

    @Test
    void aDeadlinePassedWithoutATouchIsMissed() {
        Instant deadline = ARRIVED.plus(Duration.ofMinutes(5));

        assertThat(policy.missed(deadline, null, null, deadline))
                .as("at the deadline")
                .isFalse();
        assertThat(policy.missed(deadline, null, null, deadline.plusNanos(1_000)))
                .as("just after")
                .isTrue();
        assertThat(policy.missed(deadline, deadline, null, deadline.plusSeconds(3600)))
                .as("touched on the dot")
                .isFalse();
        assertThat(policy.missed(deadline, deadline.plusSeconds(1), null, deadline.plusSeconds(3600)))
                .as("touched a second late")
                .isTrue();
        assertThat(policy.missed(deadline, deadline.plusSeconds(60), null, deadline.minusSeconds(60)))
                .as("a late touch decides, whatever the time now")
                .isTrue();
    }

    @Test
    void aLeadArchivedByItsDeadlineMissesNothingOneArchivedAfterHasMissed() {
        Instant deadline = ARRIVED.plus(Duration.ofMinutes(5));
        Instant later = deadline.plusSeconds(3600);

        assertThat(policy.missed(deadline, null, ARRIVED.plusSeconds(30), later))
                .isFalse();
        assertThat(policy.missed(deadline, null, deadline, later)).isFalse();
        assertThat(policy.missed(deadline, null, deadline.plusSeconds(30), later))
                .isTrue();
    }

    @Test
    void aWaitingLeadIsCheckedAgainJustAfterItsDeadline() {
        Instant deadline = ARRIVED.plus(Duration.ofMinutes(5));

        assertThat(policy.checkAfter(deadline, null, ARRIVED)).contains(deadline.plusNanos(1_000));
        assertThat(policy.checkAfter(deadline, null, deadline)).contains(deadline.plusNanos(1_000));
        assertThat(policy.checkAfter(deadline, null, deadline.plusNanos(1_000)))
                .as("passed: settled now")
                .isEmpty();
        assertThat(policy.checkAfter(deadline, ARRIVED.plusSeconds(60), ARRIVED))
                .as("touched")
                .isEmpty();
        assertThat(policy.checkAfter(null, null, ARRIVED)).as("no deadline").isEmpty();
    }

    @Test
    void lateByCountsFromTheDeadlineToTheTouchOrToNow() {
        Instant deadline = ARRIVED.plus(Duration.ofMinutes(5));
        MissedDeadline waiting = new MissedDeadline(
                new LeadId(UUID.randomUUID()),
                "Ada Lovelace",
                "alice",
                LeadSource.WEB_FORM,
                ARRIVED,
                deadline,
                deadline.plusSeconds(20),
                null);
        MissedDeadline answered = new MissedDeadline(
                waiting.leadId(),
                "Ada Lovelace",
                "alice",
                LeadSource.WEB_FORM,
                ARRIVED,
                deadline,
                deadline.plusSeconds(20),
                deadline.plusSeconds(600));

        assertThat(waiting.lateBy(deadline.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(waiting.lateBy(deadline.minusSeconds(1)))
                .as("a lagging clock")
                .isZero();
        assertThat(answered.lateBy(deadline.plusSeconds(9_000))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void bucketsFollowTheResearchBands() {
        assertThat(ResponseBucket.of(Duration.ofMinutes(5))).isEqualTo(ResponseBucket.WITHIN_5_MINUTES);
        assertThat(ResponseBucket.of(Duration.ofMinutes(5).plusSeconds(1))).isEqualTo(ResponseBucket.WITHIN_30_MINUTES);
        assertThat(ResponseBucket.of(Duration.ofHours(3))).isEqualTo(ResponseBucket.WITHIN_24_HOURS);
        assertThat(ResponseBucket.of(Duration.ofDays(3))).isEqualTo(ResponseBucket.LATER);
    }

    @Test
    void statsOfAHandComputedFixture() {
        // 10 responses: 2m q, 4m q, 5m -, 7m q, 12m -, 20m -, 45m q, 2h -, 30h -, 50h -
        List<ResponseStats.Sample> samples = List.of(
                sample(2, true),
                sample(4, true),
                sample(5, false),
                sample(7, true),
                sample(12, false),
                sample(20, false),
                sample(45, true),
                sample(120, false),
                sample(30 * 60, false),
                sample(50 * 60, false));

        ResponseStats stats = ResponseStats.of(
                samples,
                3,
                List.of(new OwnerMisses("alice", 3, 1), new OwnerMisses(null, 1, 1)),
                Duration.ofMinutes(5));

        assertThat(stats.responded()).isEqualTo(10);
        assertThat(stats.awaiting()).isEqualTo(3);
        assertThat(stats.missed()).isEqualTo(4);
        assertThat(stats.missedUnanswered()).isEqualTo(2);
        // ten responses: the mean of the 5th and 6th, 12 and 20 minutes
        assertThat(stats.median()).contains(Duration.ofMinutes(16));
        assertThat(stats.p90()).contains(Duration.ofHours(30));
        assertThat(stats.shareWithinWindow()).isEqualTo(0.3);
        assertThat(stats.buckets().get(ResponseBucket.WITHIN_5_MINUTES)).isEqualTo(new ResponseStats.BucketStats(3, 2));
        assertThat(stats.buckets().get(ResponseBucket.WITHIN_30_MINUTES))
                .isEqualTo(new ResponseStats.BucketStats(3, 1));
        assertThat(stats.buckets().get(ResponseBucket.WITHIN_24_HOURS)).isEqualTo(new ResponseStats.BucketStats(2, 1));
        assertThat(stats.buckets().get(ResponseBucket.LATER)).isEqualTo(new ResponseStats.BucketStats(2, 0));
        assertThat(stats.buckets().get(ResponseBucket.WITHIN_5_MINUTES).qualificationRate())
                .isEqualTo(2.0 / 3);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        ResponseStats two = ResponseStats.of(
                List.of(
                        new ResponseStats.Sample(Duration.ofSeconds(13), false),
                        new ResponseStats.Sample(Duration.ofMinutes(6).plusSeconds(19), false)),
                0,
                List.of(),
                Duration.ofMinutes(5));
        ResponseStats three = ResponseStats.of(
                List.of(sample(9, false), sample(1, false), sample(4, false)), 0, List.of(), Duration.ofMinutes(5));
        ResponseStats oddMicros = ResponseStats.of(
                List.of(
                        new ResponseStats.Sample(Duration.ofNanos(1_000), false),
                        new ResponseStats.Sample(Duration.ofNanos(4_000), false)),
                0,
                List.of(),
                Duration.ofMinutes(5));

        assertThat(two.median()).contains(Duration.ofMinutes(3).plusSeconds(16));
        assertThat(two.p90()).contains(Duration.ofMinutes(6).plusSeconds(19));
        assertThat(three.median()).contains(Duration.ofMinutes(4));
        assertThat(oddMicros.median()).contains(Duration.ofNanos(2_500));
    }

    @Test
    void noSamplesMeansNoPercentiles() {
        ResponseStats stats = ResponseStats.of(List.of(), 1, List.of(), Duration.ofMinutes(5));
        assertThat(stats.median()).isEmpty();
        assertThat(stats.shareWithinWindow()).isZero();
    }

    private static ResponseStats.Sample sample(int minutes, boolean qualified) {
        return new ResponseStats.Sample(Duration.ofMinutes(minutes), qualified);
    }
}
