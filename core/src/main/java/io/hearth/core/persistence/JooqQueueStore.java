package io.hearth.core.persistence;

import static io.hearth.core.persistence.JooqLeadProfileStore.at;
import static io.hearth.core.persistence.JooqLeadProfileStore.instant;
import static io.hearth.core.persistence.generated.Tables.QUEUE_ENTRY;
import static java.util.Objects.requireNonNull;

import io.hearth.core.persistence.generated.tables.records.QueueEntryRecord;
import io.hearth.core.query.PageToken;
import io.hearth.core.queue.ActionChannel;
import io.hearth.core.queue.ActionKind;
import io.hearth.core.queue.Lane;
import io.hearth.core.queue.PersonKind;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.QueueStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * {@link QueueStore} on jOOQ. "Next N" is one walk down an index whose keys are all descending
 * (HSQLDB sorts the whole table when directions are mixed), resumed from the last entry's keys.
 */
public final class JooqQueueStore implements QueueStore {
    private final DSLContext dsl;

    public JooqQueueStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public void put(QueueEntry entry) {
        QueueEntryRecord record = toRecord(entry);
        int updated = dsl.update(QUEUE_ENTRY).set(record).where(QUEUE_ENTRY.PERSON_ID.eq(entry.personId())).execute();
        if (updated == 0) {
            dsl.insertInto(QUEUE_ENTRY).set(record).execute();
        }
    }

    @Override
    public void remove(UUID personId, PersonKind kind) {
        dsl.deleteFrom(QUEUE_ENTRY).where(QUEUE_ENTRY.PERSON_ID.eq(personId))
                .and(QUEUE_ENTRY.PERSON_KIND.eq(kind.name())).execute();
    }

    @Override
    public Optional<QueueEntry> find(UUID personId) {
        return dsl.selectFrom(QUEUE_ENTRY).where(QUEUE_ENTRY.PERSON_ID.eq(personId)).fetchOptional()
                .map(JooqQueueStore::toEntry);
    }

    @Override
    public List<QueueEntry> next(String owner, Instant now, int limit, Optional<PageToken> after) {
        List<Condition> conditions = new ArrayList<>();
        List<SortField<?>> order = new ArrayList<>();
        if (owner != null) {
            conditions.add(QUEUE_ENTRY.OWNER.eq(owner));
            // redundant for the result, but it lets HSQLDB walk ix_queue_owner in order and stop
            order.add(QUEUE_ENTRY.OWNER.desc());
        }
        conditions.add(QUEUE_ENTRY.VISIBLE_FROM.le(at(now)));
        order.addAll(List.of(QUEUE_ENTRY.LANE_PRIORITY.desc(), QUEUE_ENTRY.QUEUE_RANK.desc(),
                QUEUE_ENTRY.PERSON_ID.desc()));
        var ordered = dsl.selectFrom(QUEUE_ENTRY).where(conditions).orderBy(order);
        // an inlined limit lets both planners walk the index and stop; as a bind value, PostgreSQL's
        // generic plan may sort every matching row first
        if (after.isEmpty()) {
            return ordered.limit(DSL.inline(limit)).fetch(JooqQueueStore::toEntry);
        }
        String[] laneAndRank = after.get().sortValue().split(":", 2);
        List<Object> position = new ArrayList<>();
        if (owner != null) {
            position.add(owner);
        }
        position.addAll(List.of(Short.valueOf(laneAndRank[0]), Long.valueOf(laneAndRank[1]),
                UUID.fromString(after.get().id())));
        return ordered.seek(position.toArray()).limit(DSL.inline(limit)).fetch(JooqQueueStore::toEntry);
    }

    private static QueueEntryRecord toRecord(QueueEntry e) {
        QueueEntryRecord r = new QueueEntryRecord();
        r.setPersonId(e.personId());
        r.setPersonKind(e.personKind().name());
        r.setOwner(e.owner());
        r.setDisplayName(e.displayName());
        r.setLanePriority((short) e.lane().priority());
        r.setQueueRank(e.rank());
        r.setVisibleFrom(at(e.visibleFrom()));
        r.setDeadline(at(e.deadline()));
        r.setAction(e.action().name());
        r.setChannel(e.channel().name());
        r.setReasons(String.join("\n", e.reasons()));
        return r;
    }

    private static QueueEntry toEntry(QueueEntryRecord r) {
        return new QueueEntry(r.getPersonId(), PersonKind.valueOf(r.getPersonKind()), r.getOwner(),
                r.getDisplayName(), Lane.ofPriority(r.getLanePriority()), r.getQueueRank(), instant(r.getVisibleFrom()),
                instant(r.getDeadline()), ActionKind.valueOf(r.getAction()), ActionChannel.valueOf(r.getChannel()),
                Arrays.asList(r.getReasons().split("\n")));
    }
}
