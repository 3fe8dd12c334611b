package io.hearth.core.priority;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Time boxing: fits the queue into the time a rep set aside (say two hours a week for follow-ups),
 * hottest first. Items are taken in queue order; one that does not fit in what is left is skipped
 * in favour of shorter ones behind it, so the box is filled without ever putting a colder item
 * before a hotter one that fits.
 */
public final class AgendaPlanner {
    private AgendaPlanner() {}

    /**
     * @param skipped the items ahead of the last planned one that did not fit in what was left: those
     *     a colder item was planned before (queue.proto's {@code skipped}); items behind the last
     *     planned one are not skipped, just beyond the box
     */
    public record Plan<T>(List<T> items, Duration planned, Duration left, List<T> skipped) {}

    /**
     * @param queue items in priority order
     * @param estimate how long an item takes (from its channel's typical duration)
     * @param maxItems the most items to consider, so a huge queue stays cheap to plan
     */
    public static <T> Plan<T> plan(List<T> queue, Function<T, Duration> estimate, Duration budget, int maxItems) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative, got " + budget);
        }
        List<T> planned = new ArrayList<>();
        List<T> didNotFit = new ArrayList<>();
        int skippedBeforeLastPlanned = 0;
        Duration left = budget;
        for (T item : queue.subList(0, Math.min(maxItems, queue.size()))) {
            Duration takes = estimate.apply(item);
            if (takes.compareTo(left) <= 0) {
                planned.add(item);
                left = left.minus(takes);
                skippedBeforeLastPlanned = didNotFit.size();
            } else {
                didNotFit.add(item);
            }
        }
        return new Plan<>(
                planned, budget.minus(left), left, List.copyOf(didNotFit.subList(0, skippedBeforeLastPlanned)));
    }
}
