package io.hearth.core.team;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Round-robin assignment: a team's reps take turns in the order of their user names; whoever comes
 * after the rep who got the last lead gets the next one. Reps who are out are skipped, and so is
 * the rep a lead is taken from (a missed lead goes to someone else).
 */
public final class RoundRobin {
    private RoundRobin() {}

    /**
     * The rep whose turn it is.
     *
     * @param reps the team's reps, in any order
     * @param out the reps who are out
     * @param lastAssigned who got the team's last lead, or {@code null} when none yet (or they left)
     * @param skip the rep the lead is taken from, or {@code null}
     * @return empty when no rep but {@code skip} is available
     */
    public static Optional<String> next(Set<String> reps, Set<String> out, String lastAssigned, String skip) {
        List<String> available = new TreeSet<>(reps)
                .stream().filter(rep -> !out.contains(rep) && !rep.equals(skip)).toList();
        if (available.isEmpty()) {
            return Optional.empty();
        }
        if (lastAssigned != null) {
            for (String rep : available) {
                if (rep.compareTo(lastAssigned) > 0) {
                    return Optional.of(rep);
                }
            }
        }
        return Optional.of(available.get(0));
    }
}
