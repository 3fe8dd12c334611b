package io.hearth.core.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundRobinTest {
    private static final Set<String> REPS = Set.of("carol", "alice", "bob");

    @Test
    void repsTakeTurnsInNameOrderAndWrapAround() {
        assertThat(RoundRobin.next(REPS, Set.of(), null, null)).contains("alice");
        assertThat(RoundRobin.next(REPS, Set.of(), "alice", null)).contains("bob");
        assertThat(RoundRobin.next(REPS, Set.of(), "bob", null)).contains("carol");
        assertThat(RoundRobin.next(REPS, Set.of(), "carol", null)).contains("alice");
    }

    @Test
    void repsWhoAreOutAreSkipped() {
        assertThat(RoundRobin.next(REPS, Set.of("bob"), "alice", null)).contains("carol");
        assertThat(RoundRobin.next(REPS, Set.of("alice"), "carol", null)).contains("bob");
        assertThat(RoundRobin.next(REPS, REPS, "carol", null)).isEmpty();
    }

    @Test
    void theRepALeadIsTakenFromIsSkipped() {
        assertThat(RoundRobin.next(REPS, Set.of(), "alice", "bob")).contains("carol");
        assertThat(RoundRobin.next(Set.of("alice"), Set.of(), null, "alice")).isEmpty();
    }

    @Test
    void aLastAssigneeWhoLeftTheTeamHandsOnToTheNextByName() {
        assertThat(RoundRobin.next(REPS, Set.of(), "ben", null)).contains("bob");
        assertThat(RoundRobin.next(REPS, Set.of(), "zoe", null)).contains("alice");
    }

    @Test
    void noRepsNoTurn() {
        assertThat(RoundRobin.next(Set.of(), Set.of(), null, null)).isEmpty();
    }
}
