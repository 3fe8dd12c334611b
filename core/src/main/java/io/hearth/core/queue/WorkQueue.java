package io.hearth.core.queue;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.Principal;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.priority.AgendaPlanner;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageSize;
import io.hearth.core.query.PageToken;
import io.hearth.core.resource.ControlCharacters;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** "Who do I contact next?": the work queue of one rep or of the whole team, page by page. */
public final class WorkQueue {
    /** The most of the queue an agenda looks at: more than any time box can hold. */
    public static final int AGENDA_HORIZON = 500;

    public static final Duration MAX_BUDGET = Duration.ofDays(7);
    /** How much of the queue a live view shows when the caller does not say. */
    public static final int DEFAULT_WATCH_SIZE = 20;
    /** The most of the queue a live view shows; more asked for is coerced down. */
    public static final int MAX_WATCH_SIZE = 200;

    private final QueueStore store;
    private final Clock clock;
    private final CurrentCaller caller;

    /** @param caller who each call acts for: a rep's queue holds their own and unowned people only */
    public WorkQueue(QueueStore store, Clock clock, CurrentCaller caller) {
        this.caller = requireNonNull(caller, "caller is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * How many items of the queue's head a live view shows: 0 means {@value #DEFAULT_WATCH_SIZE},
     * above {@value #MAX_WATCH_SIZE} is coerced down, negative is an error.
     *
     * @param field the request field of the size, named in the error
     */
    public static int watchSize(int requested, String field) {
        if (requested < 0) {
            throw InvalidArgumentException.of(field, "must not be negative, got " + requested);
        }
        return requested == 0 ? DEFAULT_WATCH_SIZE : Math.min(requested, MAX_WATCH_SIZE);
    }

    /**
     * Checks the time set aside for an agenda: required, more than 0 and at most {@link #MAX_BUDGET}.
     *
     * @param field the request field of the budget, named in the error
     */
    public static void checkBudget(Duration budget, String field) {
        if (budget == null) {
            throw InvalidArgumentException.of(field, "required: the time set aside, e.g. 7200s");
        }
        if (budget.isNegative() || budget.isZero() || budget.compareTo(MAX_BUDGET) > 0) {
            throw InvalidArgumentException.of(
                    field, "must be more than 0 and at most " + MAX_BUDGET.toDays() + " days, got " + budget);
        }
    }

    /**
     * Time boxing: what of {@code owner}'s queue fits in {@code budget}, hottest first.
     *
     * @param owner a rep's user id, or blank for the whole team
     * @param budget the time set aside ({@link #checkBudget}); {@code null} is refused
     */
    public AgendaPlanner.Plan<QueueEntry> plan(String owner, Duration budget, TypicalDurations durations) {
        checkBudget(budget, "time_budget");
        List<QueueEntry> head = next(owner, AGENDA_HORIZON, "").items();
        return AgendaPlanner.plan(head, entry -> durations.of(entry.channel()), budget, AGENDA_HORIZON);
    }

    public Page<QueueEntry> next(String owner, int requestedPageSize, String pageToken) {
        int pageSize = PageSize.resolve(requestedPageSize, "page_size");
        String who = owner == null || owner.isBlank() ? null : ControlCharacters.requireLine(owner.strip(), "owner");
        String fingerprint = PageToken.fingerprint("queue|" + (who == null ? "<team>" : "owner=" + who));
        Optional<PageToken> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty()
                : Optional.of(PageToken.decode(pageToken, fingerprint, "page_token"));
        // an escalated lead shows in the team's view for every rep and manager of the team
        List<QueueEntry> entries = store.next(
                who,
                clock.instant(),
                pageSize + 1,
                after,
                caller.scope(),
                caller.principal().flatMap(Principal::team));
        boolean more = entries.size() > pageSize;
        List<QueueEntry> page = more ? entries.subList(0, pageSize) : entries;
        Optional<String> next = more
                ? Optional.of(QueueStore.position(fingerprint, page.get(page.size() - 1))
                        .encode())
                : Optional.empty();
        return new Page<>(page, next);
    }
}
