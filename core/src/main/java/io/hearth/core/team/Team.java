package io.hearth.core.team;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A team as its manager sees it: its reps in round-robin order, who of them is out, and its settings.
 *
 * @param name the team's name, as its tokens give it
 */
public record Team(String name, TeamSettings settings, List<Rep> reps) {
    public Team {
        requireNonNull(name, "name is null");
        requireNonNull(settings, "settings is null");
        reps = List.copyOf(reps);
    }

    /**
     * One rep of the team.
     *
     * @param outSince when they went out, or {@code null} while they are available
     * @param outSetBy who marked them out, or {@code null}
     */
    public record Rep(String user, Instant outSince, String outSetBy) {
        public Rep {
            requireNonNull(user, "user is null");
        }

        public boolean available() {
            return outSince == null;
        }
    }
}
