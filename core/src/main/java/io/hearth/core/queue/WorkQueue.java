package io.hearth.core.queue;

import static java.util.Objects.requireNonNull;

import io.hearth.core.query.Page;
import io.hearth.core.query.PageSize;
import io.hearth.core.query.PageToken;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** "Who do I contact next?": the work queue of one rep or of the whole team, page by page. */
public final class WorkQueue {
    private final QueueStore store;
    private final Clock clock;

    public WorkQueue(QueueStore store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @param owner a rep's user id, or blank for the whole team
     */
    public Page<QueueEntry> next(String owner, int requestedPageSize, String pageToken) {
        int pageSize = PageSize.resolve(requestedPageSize, "page_size");
        String who = owner == null || owner.isBlank() ? null : owner.strip();
        String fingerprint = PageToken.fingerprint("queue|" + (who == null ? "<team>" : "owner=" + who));
        Optional<PageToken> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty()
                : Optional.of(PageToken.decode(pageToken, fingerprint, "page_token"));
        List<QueueEntry> entries = store.next(who, clock.instant(), pageSize + 1, after);
        boolean more = entries.size() > pageSize;
        List<QueueEntry> page = more ? entries.subList(0, pageSize) : entries;
        Optional<String> next = more
                ? Optional.of(QueueStore.position(fingerprint, page.get(page.size() - 1)).encode())
                : Optional.empty();
        return new Page<>(page, next);
    }
}
