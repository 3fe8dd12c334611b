package io.hearth.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How much of the queue a live view shows, and the time an agenda may plan. */
class WorkQueueLimitsTest {
    @Test
    void aWatchShowsTwentyUnlessAskedAndAtMostTwoHundred() {
        assertThat(WorkQueue.watchSize(0, "size")).isEqualTo(20);
        assertThat(WorkQueue.watchSize(1, "size")).isEqualTo(1);
        assertThat(WorkQueue.watchSize(200, "size")).isEqualTo(200);
        assertThat(WorkQueue.watchSize(201, "size")).isEqualTo(200);
        assertThatThrownBy(() -> WorkQueue.watchSize(-1, "size"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .containsExactly(new FieldViolation("size", "must not be negative, got -1")));
    }

    @Test
    void anAgendaNeedsATimeBudgetOfUpToAWeek() {
        assertThatCode(() -> WorkQueue.checkBudget(Duration.ofNanos(1), "time_budget"))
                .doesNotThrowAnyException();
        assertThatCode(() -> WorkQueue.checkBudget(Duration.ofDays(7), "time_budget"))
                .doesNotThrowAnyException();
        assertRefused(null, "required: the time set aside, e.g. 7200s");
        assertRefused(Duration.ZERO, "must be more than 0 and at most 7 days, got PT0S");
        assertRefused(Duration.ofSeconds(-1), "must be more than 0 and at most 7 days, got PT-1S");
        assertRefused(
                Duration.ofDays(7).plusNanos(1), "must be more than 0 and at most 7 days, got PT168H0.000000001S");
    }

    private static void assertRefused(Duration budget, String description) {
        assertThatThrownBy(() -> WorkQueue.checkBudget(budget, "time_budget"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .containsExactly(new FieldViolation("time_budget", description)));
    }
}
