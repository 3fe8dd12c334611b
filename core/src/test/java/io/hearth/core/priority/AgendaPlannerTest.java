package io.hearth.core.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgendaPlannerTest {
    private static final Map<String, Duration> TAKES = Map.of(
            "hot-meeting",
            Duration.ofMinutes(60),
            "hot-call",
            Duration.ofMinutes(15),
            "warm-meeting",
            Duration.ofMinutes(60),
            "warm-email",
            Duration.ofMinutes(5),
            "cool-call",
            Duration.ofMinutes(15),
            "cold-call",
            Duration.ofMinutes(15));

    @Test
    void fillsTheBoxHottestFirstAndSkipsWhatNoLongerFits() {
        List<String> queue = List.of("hot-meeting", "hot-call", "warm-meeting", "warm-email", "cool-call", "cold-call");

        AgendaPlanner.Plan<String> plan = AgendaPlanner.plan(queue, TAKES::get, Duration.ofMinutes(100), 100);

        assertThat(plan.items()).containsExactly("hot-meeting", "hot-call", "warm-email", "cool-call");
        // skipped: ahead of the last planned item and did not fit (queue.proto); the cold call
        // behind the last planned one was never jumped over
        assertThat(plan.skipped()).containsExactly("warm-meeting");
        assertThat(plan.planned()).isEqualTo(Duration.ofMinutes(95));
        assertThat(plan.left()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void nothingIsSkippedWhenEverythingPlannedCameFirst() {
        AgendaPlanner.Plan<String> plan = AgendaPlanner.plan(
                List.of("hot-call", "warm-email", "hot-meeting", "warm-meeting"),
                TAKES::get,
                Duration.ofMinutes(30),
                100);
        AgendaPlanner.Plan<String> none =
                AgendaPlanner.plan(List.of("hot-meeting", "warm-meeting"), TAKES::get, Duration.ofMinutes(10), 100);

        assertThat(plan.items()).containsExactly("hot-call", "warm-email");
        assertThat(plan.skipped()).isEmpty();
        assertThat(none.items()).isEmpty();
        assertThat(none.skipped()).isEmpty();
    }

    @Test
    void considersOnlyTheHeadOfAHugeQueue() {
        AgendaPlanner.Plan<String> plan =
                AgendaPlanner.plan(List.of("hot-call", "cool-call", "cold-call"), TAKES::get, Duration.ofHours(2), 2);
        assertThat(plan.items()).containsExactly("hot-call", "cool-call");
    }

    @Test
    void aNegativeBudgetIsAMistake() {
        assertThatThrownBy(() -> AgendaPlanner.plan(List.of(), TAKES::get, Duration.ofMinutes(-1), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
