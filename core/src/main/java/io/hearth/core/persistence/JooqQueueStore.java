package io.hearth.core.persistence;

import static io.hearth.core.persistence.JooqLeadProfileStore.at;
import static io.hearth.core.persistence.JooqLeadProfileStore.instant;
import static io.hearth.core.persistence.generated.Tables.CONTACT;
import static io.hearth.core.persistence.generated.Tables.LEAD;
import static io.hearth.core.persistence.generated.Tables.LEAD_ESCALATION;
import static io.hearth.core.persistence.generated.Tables.QUEUE_ENTRY;
import static java.util.Objects.requireNonNull;

import io.hearth.core.persistence.generated.tables.records.QueueEntryRecord;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import io.hearth.core.person.Scope;
import io.hearth.core.query.PageToken;
import io.hearth.core.queue.ActionChannel;
import io.hearth.core.queue.ActionKind;
import io.hearth.core.queue.Lane;
import io.hearth.core.queue.LeadQueueRules;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.QueueStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectOrderByStep;
import org.jooq.SelectUnionStep;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * {@link QueueStore} on jOOQ. "Next N" walks down an index whose keys are all descending (HSQLDB
 * sorts the whole table when directions are mixed), resumed from the last entry's keys.
 */
public final class JooqQueueStore implements QueueStore {
    /** How an escalated entry's first reason begins. */
    public static final String ESCALATED = "escalated: ";

    private static final int DUE = Lane.DUE_FOLLOW_UP.priority();
    private static final int DEALS = Lane.OPPORTUNITY.priority();

    private final DSLContext dsl;
    /** A person's entry written whole, new or replacing theirs: every rating and touch (RenderedQuery). */
    private final RenderedQuery upsert;

    private final RenderedQuery insertRow;
    /**
     * Whether a read takes every range in one statement (PostgreSQL: one round trip and one plan,
     * where each range read was parsed, planned and run on its own) or range by range until the
     * page is full (HSQLDB, in this process, would read each range of the union whole).
     */
    private final boolean oneStatement;
    /** The queue reads, one per {@link Walk}, rendered on first use. */
    private final Map<Walk, RenderedQuery> walks = new ConcurrentHashMap<>();

    public JooqQueueStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        this.oneStatement = dsl.dialect().family() == SQLDialect.POSTGRES;
        Map<Field<?>, Field<?>> row = RenderedQuery.columnParameters(QUEUE_ENTRY.fields());
        Map<Field<?>, Field<?>> changes = new LinkedHashMap<>(row);
        changes.remove(QUEUE_ENTRY.PERSON_ID);
        this.upsert = new RenderedQuery(
                dsl, dsl.insertInto(QUEUE_ENTRY).set(row).onDuplicateKeyUpdate().set(changes));
        this.insertRow = new RenderedQuery(dsl, dsl.insertInto(QUEUE_ENTRY).set(row));
    }

    @Override
    public void put(QueueEntry entry) {
        // one statement either way: MERGE on HSQLDB, INSERT ... ON CONFLICT on PostgreSQL (an
        // UPDATE, then an INSERT when it found no row, cost a new person two)
        upsert.execute(dsl, RenderedQuery.valuesOf(toRecord(entry)));
    }

    @Override
    public void remove(UUID personId, PersonKind kind) {
        dsl.deleteFrom(QUEUE_ENTRY)
                .where(QUEUE_ENTRY.PERSON_ID.eq(personId))
                .and(QUEUE_ENTRY.PERSON_KIND.eq(kind.name()))
                .execute();
    }

    @Override
    public void insert(QueueEntry entry) {
        insertRow.execute(dsl, RenderedQuery.valuesOf(toRecord(entry)));
    }

    @Override
    public void insertAll(Collection<QueueEntry> entries) {
        BulkSql.insert(dsl, QUEUE_ENTRY, entries.stream().map(this::toRecord).toList());
    }

    @Override
    public Optional<QueueEntry> find(UUID personId) {
        return dsl.selectFrom(QUEUE_ENTRY)
                .where(QUEUE_ENTRY.PERSON_ID.eq(personId))
                .fetchOptional()
                .map(record -> toEntry(Columns.of(record)));
    }

    @Override
    public Map<Lane, LaneSize> sizes(Instant now) {
        Field<Integer> due = DSL.count(QUEUE_ENTRY.PERSON_ID).filterWhere(QUEUE_ENTRY.VISIBLE_FROM.le(at(now)));
        Map<Lane, LaneSize> sizes = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            sizes.put(lane, new LaneSize(0, 0));
        }
        dsl.select(QUEUE_ENTRY.LANE_PRIORITY, due, DSL.count())
                .from(QUEUE_ENTRY)
                .groupBy(QUEUE_ENTRY.LANE_PRIORITY)
                .forEach(r -> sizes.put(
                        Lane.ofPriority(r.value1()), new LaneSize(r.value2(), r.value3() - (long) r.value2())));
        return sizes;
    }

    /**
     * Reads the queue as up to four index ranges in turn: the lanes above the deals, the deals due
     * by {@code now}, the follow-ups due by {@code now}, the lanes below. The deals and follow-ups not
     * due yet, the tails of their lanes, lie in none of them, so however many wait, "next N" never
     * reads them. HSQLDB reads the ranges one after the other until the page is full; PostgreSQL
     * gets them as one statement, a UNION ALL of the ranges' walks, which it merges in order and
     * stops at the limit: one round trip and one plan instead of up to four (side by side at
     * 200,000 leads, 12-18 % more reads per second; pgbench of the two forms alone, 10 % less time).
     *
     * <p>Each range is a BETWEEN on the index columns: that gives HSQLDB both ends of its index walk.
     * Each shape of read is rendered once ({@link RenderedQuery}; a recording of the read at 200,000
     * leads had jOOQ rendering it and mapping its rows at a third of the call's CPU), its bounds, the
     * time and the limit bound, so its text is the same from call to call: HSQLDB, which picks its
     * index from the statement's shape alone, gets the compiled statement back from the pool's
     * statement cache. PostgreSQL plans every read with its values ({@link
     * RenderedQuery#plannedWithValues}): a generic plan guesses a range matches a handful of rows and
     * may sort all of an owner's entries instead of walking the index (measured at 1,000,000 entries:
     * 400 ms against 1 ms).
     */
    @Override
    public List<QueueEntry> next(
            String owner,
            Instant now,
            int limit,
            Optional<PageToken> after,
            Scope scope,
            Optional<String> escalationTeam) {
        boolean escalations = owner == null && escalationTeam.isPresent() && !(scope instanceof Scope.Everyone);
        Map<String, Object> binds = OwnerScope.parameters(scope);
        binds.put(OWNER, owner);
        binds.put(NOW, at(now));
        binds.put(ESCALATION_TEAM, escalationTeam.orElse(null));
        Optional<Position> from = after.map(Position::of);
        binds.put(RANK_FROM, QueueEntry.dueRank(now));
        binds.put(SEEK_LANE, from.map(Position::lanePriority).orElse(null));
        binds.put(SEEK_RANK, from.map(Position::rank).orElse(null));
        binds.put(SEEK_ID, from.map(Position::personId).orElse(null));
        List<QueueEntry> entries = new ArrayList<>();
        for (Range range : Range.values()) {
            if (entries.size() == limit) {
                break;
            }
            if (from.isPresent() && range.isBefore(from.get().lanePriority())) {
                continue;
            }
            boolean resumed = from.isPresent() && range.holds(from.get().lanePriority());
            Walk walk = new Walk(owner != null, range, resumed, scope.getClass(), escalations);
            binds.put(LIMIT, limit - entries.size());
            entries.addAll(walks.computeIfAbsent(walk, this::render).fetch(dsl, binds, JooqQueueStore::toEntry));
            if (oneStatement) {
                // the walk read this range and every one after it
                break;
            }
        }
        return escalationsShown(possibleDuplicatesShown(entries, scope));
    }

    private static final String OWNER = "owner";
    private static final String NOW = "now";
    private static final String ESCALATION_TEAM = "escalation_team";
    private static final String LIMIT = "walk_limit";
    private static final String RANK_FROM = "rank_from";
    private static final String SEEK_LANE = "seek_lane";
    private static final String SEEK_RANK = "seek_rank";
    private static final String SEEK_ID = "seek_id";

    /** The shape of one index walk: what {@link #render} needs to know to write its SQL. */
    private record Walk(
            boolean owned, Range range, boolean resumed, Class<? extends Scope> scope, boolean escalations) {}

    /**
     * The read of a {@link Walk}: on HSQLDB one index walk in queue order over the range's entries
     * the scope may see; on PostgreSQL ({@link #oneStatement}) a UNION ALL of that walk and of the
     * walks of every range below it, each limited, under one ORDER BY and LIMIT.
     */
    private RenderedQuery render(Walk walk) {
        SelectUnionStep<Record> walkOfRange = rangeWalk(walk, walk.range(), walk.resumed());
        SelectOrderByStep<Record> union = null;
        for (Range below : Range.values()) {
            if (oneStatement && below.ordinal() > walk.range().ordinal()) {
                union = (union == null ? walkOfRange : union).unionAll(rangeWalk(walk, below, false));
            }
        }
        if (union == null) {
            return RenderedQuery.plannedWithValues(dsl, walkOfRange);
        }
        // the branches' rows in queue order: PostgreSQL merges the branches, each in index order,
        // and stops at the limit
        Select<Record> read = union.orderBy(
                        DSL.field(DSL.name(QUEUE_ENTRY.LANE_PRIORITY.getName())).desc(),
                        DSL.field(DSL.name(QUEUE_ENTRY.QUEUE_RANK.getName())).desc(),
                        DSL.field(DSL.name(QUEUE_ENTRY.PERSON_ID.getName())).desc())
                .limit(limitParam());
        return RenderedQuery.plannedWithValues(dsl, read);
    }

    /** (A limit parameter must have a value when rendered: jOOQ writes a null limit as "false".) */
    private static Param<Integer> limitParam() {
        return DSL.param(LIMIT, 1);
    }

    /** One index walk in queue order over {@code range}'s entries the scope may see, after the seek position when {@code resumed}. */
    private SelectUnionStep<Record> rangeWalk(Walk walk, Range range, boolean resumed) {
        Scope scope = walk.scope() == Scope.Own.class
                ? new Scope.Own("")
                : walk.scope() == Scope.Team.class ? new Scope.Team("", "") : Scope.EVERYONE;
        Condition visible = OwnerScope.visibleToParameters(QUEUE_ENTRY.OWNER, scope);
        if (walk.escalations()) {
            visible = visible.or(QUEUE_ENTRY
                    .LANE_PRIORITY
                    .eq(DSL.inline((short) Lane.SPEED_TO_LEAD.priority()))
                    .and(QUEUE_ENTRY.PERSON_ID.in(DSL.select(LEAD_ESCALATION.LEAD_ID)
                            .from(LEAD_ESCALATION)
                            .where(LEAD_ESCALATION.TEAM.eq(DSL.param(ESCALATION_TEAM, String.class))))));
        }
        Field<String> owner = DSL.param(OWNER, String.class);
        List<Condition> conditions = new ArrayList<>();
        List<SortField<?>> order = new ArrayList<>();
        List<Field<?>> position = new ArrayList<>();
        if (walk.owned()) {
            conditions.add(QUEUE_ENTRY.OWNER.eq(owner));
            // redundant for the result, but it lets HSQLDB walk ix_queue_owner in order and stop
            order.add(QUEUE_ENTRY.OWNER.desc());
            position.add(owner);
        }
        conditions.add(range.condition(resumed));
        conditions.add(QUEUE_ENTRY.VISIBLE_FROM.le(DSL.param(NOW, OffsetDateTime.class)));
        conditions.add(visible);
        order.addAll(
                List.of(QUEUE_ENTRY.LANE_PRIORITY.desc(), QUEUE_ENTRY.QUEUE_RANK.desc(), QUEUE_ENTRY.PERSON_ID.desc()));
        position.addAll(List.of(
                DSL.param(SEEK_LANE, Short.class), DSL.param(SEEK_RANK, Long.class), DSL.param(SEEK_ID, UUID.class)));
        var ordered = dsl.select(QUEUE_ENTRY.fields())
                .from(QUEUE_ENTRY)
                .where(conditions)
                .orderBy(order);
        return resumed
                ? ordered.seek(position.toArray(Field<?>[]::new)).limit(limitParam())
                : ordered.limit(limitParam());
    }

    /** Escalated leads still waiting for their first touch give the escalation as their first reason. */
    private List<QueueEntry> escalationsShown(List<QueueEntry> entries) {
        List<UUID> waiting = entries.stream()
                .filter(entry -> entry.lane() == Lane.SPEED_TO_LEAD)
                .map(QueueEntry::personId)
                .toList();
        if (waiting.isEmpty()) {
            return entries;
        }
        Map<UUID, String> reasons = dsl.select(LEAD_ESCALATION.LEAD_ID, LEAD_ESCALATION.REASON)
                .from(LEAD_ESCALATION)
                .where(ArrayParameters.oneOf(dsl, LEAD_ESCALATION.LEAD_ID, waiting))
                .fetchMap(LEAD_ESCALATION.LEAD_ID, LEAD_ESCALATION.REASON);
        if (reasons.isEmpty()) {
            return entries;
        }
        List<QueueEntry> shown = new ArrayList<>(entries.size());
        for (QueueEntry entry : entries) {
            String reason = reasons.get(entry.personId());
            if (reason == null) {
                shown.add(entry);
            } else {
                List<String> withEscalation = new ArrayList<>(entry.reasons());
                withEscalation.add(0, ESCALATED + reason);
                shown.add(entry.withReasons(withEscalation));
            }
        }
        return shown;
    }

    /**
     * The entries with a reason naming the person a lead may be a duplicate of reworded without the
     * name where {@code scope} may not see that person, as {@code JooqLeadStore} hides the name on
     * the lead itself.
     */
    private List<QueueEntry> possibleDuplicatesShown(List<QueueEntry> entries, Scope scope) {
        if (scope instanceof Scope.Everyone) {
            return entries;
        }
        Map<String, PersonRef> named = new HashMap<>();
        for (QueueEntry entry : entries) {
            for (String reason : entry.reasons()) {
                LeadQueueRules.possibleDuplicateNamedIn(reason).ifPresent(name -> {
                    try {
                        named.put(name, PersonRef.fromName(name, "reason"));
                    } catch (RuntimeException unparsed) {
                        named.put(name, null);
                    }
                });
            }
        }
        if (named.isEmpty()) {
            return entries;
        }
        Set<UUID> leadIds = new HashSet<>();
        Set<UUID> contactIds = new HashSet<>();
        named.values().stream().filter(java.util.Objects::nonNull).forEach(ref -> {
            if (ref.isLead()) {
                leadIds.add(ref.leadId().value());
            } else {
                contactIds.add(ref.contactId().value());
            }
        });
        Set<UUID> visible = new HashSet<>();
        if (!leadIds.isEmpty()) {
            visible.addAll(dsl.select(LEAD.ID)
                    .from(LEAD)
                    .where(LEAD.ID.in(leadIds).and(OwnerScope.visibleTo(LEAD.OWNER, scope)))
                    .fetch(LEAD.ID));
        }
        if (!contactIds.isEmpty()) {
            visible.addAll(dsl.select(CONTACT.ID)
                    .from(CONTACT)
                    .where(CONTACT.ID.in(contactIds).and(OwnerScope.visibleTo(CONTACT.OWNER, scope)))
                    .fetch(CONTACT.ID));
        }
        List<QueueEntry> shown = new ArrayList<>(entries.size());
        for (QueueEntry entry : entries) {
            List<String> reasons = entry.reasons().stream()
                    .map(reason -> LeadQueueRules.possibleDuplicateNamedIn(reason)
                            .map(named::get)
                            .filter(ref -> ref == null
                                    || !visible.contains(
                                            ref.isLead()
                                                    ? ref.leadId().value()
                                                    : ref.contactId().value()))
                            .map(hidden -> LeadQueueRules.POSSIBLE_DUPLICATE_OUT_OF_SCOPE)
                            .orElse(reason))
                    .toList();
            shown.add(entry.withReasons(reasons));
        }
        return shown;
    }

    /** Where the previous page ended. */
    private record Position(short lanePriority, long rank, UUID personId) {
        static Position of(PageToken token) {
            String[] laneAndRank = token.sortValue().split(":", 2);
            return new Position(
                    Short.parseShort(laneAndRank[0]), Long.parseLong(laneAndRank[1]), UUID.fromString(token.id()));
        }
    }

    /** The parts of the queue read one after the other, in queue order, by their lane priorities. */
    private enum Range {
        ABOVE_DEALS(DEALS + 1, Short.MAX_VALUE),
        DUE_DEALS(DEALS, DEALS),
        DUE_FOLLOW_UPS(DUE, DUE),
        BELOW_DUE_FOLLOW_UPS(Short.MIN_VALUE, DUE - 1);

        private final short lowest;
        private final short highest;

        Range(int lowest, int highest) {
            this.lowest = (short) lowest;
            this.highest = (short) highest;
        }

        /**
         * The range's entries, from the seek position's lane and rank down when the page resumes
         * inside it ({@link #SEEK_LANE}, {@link #SEEK_RANK}), else from its top: the upper bound
         * lets HSQLDB start there rather than at the top of the range.
         */
        Condition condition(boolean resumed) {
            if (lowest == highest) {
                // a time-ranked lane (QueueEntry.dueRank): those due by now are its head
                return QUEUE_ENTRY
                        .LANE_PRIORITY
                        .eq(DSL.inline(lowest))
                        .and(QUEUE_ENTRY.QUEUE_RANK.between(
                                DSL.param(RANK_FROM, Long.class),
                                resumed ? DSL.param(SEEK_RANK, Long.class) : DSL.inline(Long.MAX_VALUE)));
            }
            return QUEUE_ENTRY.LANE_PRIORITY.between(
                    DSL.inline(lowest), resumed ? DSL.param(SEEK_LANE, Short.class) : DSL.inline(highest));
        }

        boolean holds(short lanePriority) {
            return lanePriority >= lowest && lanePriority <= highest;
        }

        /** Whether the whole range comes before an entry of {@code lanePriority}: a page past it skips it. */
        boolean isBefore(short lanePriority) {
            return lanePriority < lowest;
        }
    }

    private QueueEntryRecord toRecord(QueueEntry e) {
        // attached: a detached record builds a configuration of its own at every set
        QueueEntryRecord r = dsl.newRecord(QUEUE_ENTRY);
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
        r.setFollowUpId(e.followUpId());
        r.setOpportunityId(e.opportunityId());
        return r;
    }

    private static QueueEntry toEntry(Columns r) {
        return new QueueEntry(
                r.get(QUEUE_ENTRY.PERSON_ID),
                PersonKind.valueOf(r.get(QUEUE_ENTRY.PERSON_KIND)),
                r.get(QUEUE_ENTRY.OWNER),
                r.get(QUEUE_ENTRY.DISPLAY_NAME),
                Lane.ofPriority(r.get(QUEUE_ENTRY.LANE_PRIORITY)),
                r.get(QUEUE_ENTRY.QUEUE_RANK),
                instant(r.get(QUEUE_ENTRY.VISIBLE_FROM)),
                instant(r.get(QUEUE_ENTRY.DEADLINE)),
                ActionKind.valueOf(r.get(QUEUE_ENTRY.ACTION)),
                ActionChannel.valueOf(r.get(QUEUE_ENTRY.CHANNEL)),
                Arrays.asList(r.get(QUEUE_ENTRY.REASONS).split("\n")),
                r.get(QUEUE_ENTRY.FOLLOW_UP_ID),
                r.get(QUEUE_ENTRY.OPPORTUNITY_ID));
    }
}
