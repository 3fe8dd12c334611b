package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.CONTACT;
import static io.hearth.core.persistence.generated.Tables.LEAD;
import static io.hearth.core.persistence.generated.Tables.LEAD_TAG;
import static java.util.Objects.requireNonNull;

import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadFilter;
import io.hearth.core.lead.LeadOrder;
import io.hearth.core.lead.LeadQuery;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.LeadStore;
import io.hearth.core.lead.Temperature;
import io.hearth.core.persistence.generated.tables.records.LeadRecord;
import io.hearth.core.persistence.generated.tables.records.LeadTagRecord;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonRef;
import io.hearth.core.person.Scope;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import io.hearth.core.touch.ShownLeadStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/** {@link LeadStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. */
public final class JooqLeadStore implements LeadStore, ShownLeadStore {
    private static final PersonTable<LeadRecord> PERSON = PersonTable.LEADS;
    private final DSLContext dsl;
    private final PersonTable<LeadRecord>.Reads reads;
    private final PersonTable<LeadRecord>.TagWrites tags;
    private final PersonTable<LeadRecord>.KeyMatches keyMatches;
    // the writes of every update and first touch, rendered once (RenderedQuery)
    private final RenderedQuery insertRow;
    private final RenderedQuery updateRow;
    private final RenderedQuery markContacted;
    /** The insert, doing nothing when its request id is taken (PostgreSQL's {@link RacedInsert}). */
    private final RenderedQuery insertUnlessRequested;

    /** What an update writes: everything but the id and what a lead was created with. */
    private static final Field<?>[] UPDATED_COLUMNS = Arrays.stream(LEAD.fields())
            .filter(f -> f != LEAD.ID && f != LEAD.CREATE_REQUEST_ID && f != LEAD.CREATED_AT)
            .toArray(Field<?>[]::new);

    public JooqLeadStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        this.reads = PERSON.reads(dsl);
        this.tags = PERSON.tagWrites(dsl);
        this.keyMatches = PERSON.keyMatches(dsl);
        this.insertRow =
                new RenderedQuery(dsl, dsl.insertInto(LEAD).set(RenderedQuery.columnParameters(LEAD.fields())));
        this.insertUnlessRequested = new RenderedQuery(
                dsl,
                dsl.insertInto(LEAD)
                        .set(RenderedQuery.columnParameters(LEAD.fields()))
                        .onConflict(LEAD.CREATE_REQUEST_ID)
                        .doNothing());
        Map<Field<?>, Field<?>> set = RenderedQuery.columnParameters(UPDATED_COLUMNS);
        // kept as stored unless the lead names one: a scoped read may have hidden it ({@link
        // #clearPossibleDuplicateOf})
        set.put(
                LEAD.POSSIBLE_DUPLICATE_OF,
                DSL.coalesce(set.get(LEAD.POSSIBLE_DUPLICATE_OF), LEAD.POSSIBLE_DUPLICATE_OF));
        this.updateRow = RenderedQuery.versionedUpdate(dsl, LEAD, set, LEAD.ID, LEAD.VERSION);
        this.markContacted = new RenderedQuery(
                dsl,
                dsl.update(LEAD)
                        .set(LEAD.STATUS, DSL.inline(LeadStatus.CONTACTED.name()))
                        .set(LEAD.UPDATED_AT, DSL.param("now", OffsetDateTime.class))
                        .set(LEAD.VERSION, LEAD.VERSION.plus(DSL.inline(1L)))
                        .where(LEAD.ID.eq(DSL.param("key", UUID.class)))
                        .and(LEAD.STATUS.eq(DSL.inline(LeadStatus.NEW.name()))));
    }

    @Override
    public boolean insert(Lead lead, String createRequestId) {
        LeadRecord record = toRecord(lead);
        record.setCreateRequestId(createRequestId);
        Map<String, Object> values = RenderedQuery.valuesOf(record);
        return RacedInsert.insert(
                dsl,
                createRequestId != null,
                () -> insertRow.execute(dsl, values),
                () -> insertUnlessRequested.execute(dsl, values),
                () -> tags.insert(lead.id().value(), lead.fields().tags()),
                () -> findByCreateRequestId(createRequestId).isPresent());
    }

    @Override
    public void insertAll(Collection<Lead> leads) {
        if (leads.isEmpty()) {
            return;
        }
        List<LeadRecord> records = leads.stream().map(this::toRecord).toList();
        List<LeadTagRecord> tags = new ArrayList<>();
        for (Lead lead : leads) {
            lead.fields()
                    .tags()
                    .forEach(tag -> tags.add(new LeadTagRecord(lead.id().value(), tag)));
        }
        dsl.transaction(() -> {
            BulkSql.insert(dsl, LEAD, records);
            BulkSql.insert(dsl, LEAD_TAG, tags);
        });
    }

    @Override
    public Optional<Lead> find(LeadId id) {
        return find(id, Scope.EVERYONE);
    }

    @Override
    public Optional<Lead> find(LeadId id, Scope scope) {
        return reads.find(id.value(), scope, JooqLeadStore::toLead)
                .map(lead -> possibleDuplicatesShown(List.of(lead), scope).get(0));
    }

    @Override
    public Optional<ShownLead> findShown(LeadId id, Scope scope) {
        return reads.findWithCadence(id.value(), scope, JooqLeadStore::toLead)
                .map(found -> new ShownLead(
                        possibleDuplicatesShown(List.of(found.person()), scope).get(0), found.cadence()));
    }

    /**
     * The leads with {@link Lead#possibleDuplicateOf()} kept only where {@code scope} may see the
     * person it names (one query per table, for the whole page): a rep does not learn the id of
     * another rep's lead or contact from an inquiry flagged as theirs. The stored value is untouched
     * ({@link #update} never clears it; {@link #clearPossibleDuplicateOf} does).
     */
    private List<Lead> possibleDuplicatesShown(List<Lead> leads, Scope scope) {
        if (scope instanceof Scope.Everyone) {
            return leads;
        }
        Set<UUID> leadIds = new HashSet<>();
        Set<UUID> contactIds = new HashSet<>();
        for (Lead lead : leads) {
            PersonRef named = named(lead.possibleDuplicateOf());
            if (named != null && named.isLead()) {
                leadIds.add(named.leadId().value());
            } else if (named != null) {
                contactIds.add(named.contactId().value());
            }
        }
        if (leadIds.isEmpty() && contactIds.isEmpty()) {
            return leads;
        }
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
        return leads.stream()
                .map(lead -> {
                    PersonRef named = named(lead.possibleDuplicateOf());
                    return named == null
                                    || visible.contains(
                                            named.isLead()
                                                    ? named.leadId().value()
                                                    : named.contactId().value())
                            ? lead
                            : lead.withPossibleDuplicateOf(null);
                })
                .toList();
    }

    /** The person a stored possible-duplicate name names; null for none (or a name no longer parsed). */
    private static PersonRef named(String name) {
        if (name == null) {
            return null;
        }
        try {
            return PersonRef.fromName(name, "possible_duplicate_of");
        } catch (RuntimeException unparsed) {
            return null;
        }
    }

    @Override
    public Lead shown(Lead lead, Scope scope) {
        return possibleDuplicatesShown(List.of(lead), scope).get(0);
    }

    @Override
    public boolean clearPossibleDuplicateOf(LeadId id, String person) {
        return dsl.update(LEAD)
                        .set(LEAD.POSSIBLE_DUPLICATE_OF, (String) null)
                        .where(LEAD.ID.eq(id.value()).and(LEAD.POSSIBLE_DUPLICATE_OF.eq(person)))
                        .execute()
                > 0;
    }

    @Override
    public Optional<Lead> findByCreateRequestId(String createRequestId) {
        return dsl.selectFrom(LEAD)
                .where(LEAD.CREATE_REQUEST_ID.eq(createRequestId))
                .fetchOptional()
                .map(record -> toLead(
                        record, PERSON.tagsOf(dsl, List.of(record.getId())).getOrDefault(record.getId(), List.of())));
    }

    @Override
    public boolean update(Lead lead, long expectedVersion, boolean tagsChanged) {
        LeadRecord record = toRecord(lead);
        if (!updateRow.executeVersioned(
                dsl, RenderedQuery.valuesOf(record, UPDATED_COLUMNS), record.getId(), expectedVersion)) {
            return false;
        }
        if (tagsChanged) {
            tags.replace(record.getId(), lead.fields().tags());
        }
        return true;
    }

    @Override
    public boolean markContacted(LeadId id, Instant now) {
        return markContacted.execute(dsl, Map.of("key", id.value(), "now", toOffset(now))) > 0;
    }

    @Override
    public Page<Lead> list(LeadQuery query) {
        SortKey key = SortKey.of(query.order());
        List<Condition> conditions = conditions(query.filter(), query.includeArchived(), query.now());
        conditions.add(PERSON.visibleTo(query.scope()));
        SortField<?>[] orderBy = query.order().descending()
                ? new SortField<?>[] {key.field().desc(), LEAD.ID.desc()}
                : new SortField<?>[] {key.field().asc(), LEAD.ID.asc()};
        var select = dsl.selectFrom(LEAD).where(conditions).orderBy(orderBy);
        int fetchSize = query.pageSize() + 1;
        List<LeadRecord> records = query.after()
                .map(after -> select.seek(key.decode(after.sortValue()), UUID.fromString(after.id()))
                        .limit(DSL.inline(fetchSize))
                        .fetch())
                .orElseGet(() -> select.limit(DSL.inline(fetchSize)).fetch());

        boolean more = records.size() > query.pageSize();
        List<LeadRecord> page = more ? records.subList(0, query.pageSize()) : records;
        Map<UUID, List<String>> tags =
                PERSON.tagsOf(dsl, page.stream().map(LeadRecord::getId).toList());
        List<Lead> leads = possibleDuplicatesShown(
                page.stream()
                        .map(r -> toLead(r, tags.getOrDefault(r.getId(), List.of())))
                        .toList(),
                query.scope());
        Optional<String> next = Optional.empty();
        if (more) {
            LeadRecord last = page.get(page.size() - 1);
            next = Optional.of(new PageToken(
                            query.fingerprint(), key.encode(last), last.getId().toString())
                    .encode());
        }
        return new Page<>(leads, next);
    }

    /** The leads meeting {@code condition}, with their tags; for the other stores of this package. */
    List<Lead> findWhere(Condition condition) {
        return withTags(dsl.selectFrom(LEAD).where(condition).fetch());
    }

    /** The leads holding this email key, phone or name key (null: not looked up), each once. */
    List<Lead> findHoldingAny(String emailKey, String phone, String nameKey) {
        return keyMatches.find(emailKey, phone, nameKey, JooqLeadStore::toLead);
    }

    /**
     * The leads meeting any of {@code conditions}, with their tags, as one UNION ALL of a select per
     * condition (each walks its own index): a lead meeting two comes twice. None for no condition.
     */
    List<Lead> findWhereAny(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return List.of();
        }
        Select<LeadRecord> union = dsl.selectFrom(LEAD).where(conditions.get(0));
        for (Condition condition : conditions.subList(1, conditions.size())) {
            union = union.unionAll(dsl.selectFrom(LEAD).where(condition));
        }
        return withTags(union.fetch());
    }

    private List<Lead> withTags(List<LeadRecord> records) {
        Map<UUID, List<String>> tags =
                PERSON.tagsOf(dsl, records.stream().map(LeadRecord::getId).toList());
        return records.stream()
                .map(r -> toLead(r, tags.getOrDefault(r.getId(), List.of())))
                .toList();
    }

    @Override
    public void setTemperature(LeadId id, Temperature temperature) {
        dsl.update(LEAD)
                .set(LEAD.TEMPERATURE, temperature.name())
                .where(LEAD.ID.eq(id.value()))
                .execute();
    }

    @Override
    public void setTemperatures(Map<LeadId, Temperature> temperatures) {
        Map<Temperature, List<UUID>> byGrade = new EnumMap<>(Temperature.class);
        temperatures.forEach((id, grade) ->
                byGrade.computeIfAbsent(grade, g -> new ArrayList<>()).add(id.value()));
        // one statement per grade, not per lead
        byGrade.forEach((grade, ids) -> BulkSql.inlined(dsl)
                .update(LEAD)
                .set(LEAD.TEMPERATURE, grade.name())
                .where(LEAD.ID.in(ids))
                .execute());
    }

    private static List<Condition> conditions(LeadFilter filter, boolean includeArchived, Instant now) {
        List<Condition> conditions = new ArrayList<>();
        // asking for archived or merged leads by status lists them without show_archived
        if (!includeArchived && filter.statuses().stream().noneMatch(LeadStatus::fromArchive)) {
            conditions.add(LEAD.ARCHIVED_AT.isNull());
        }
        conditions.addAll(PERSON.conditions(filter.person()));
        filter.statuses().forEach(status -> conditions.add(statusIs(status)));
        if (filter.possibleDuplicate() != null) {
            conditions.add(
                    filter.possibleDuplicate()
                            ? LEAD.POSSIBLE_DUPLICATE_OF.isNotNull()
                            : LEAD.POSSIBLE_DUPLICATE_OF.isNull());
        }
        filter.temperatures().forEach(t -> conditions.add(LEAD.TEMPERATURE.eq(t.name())));
        filter.cadenceStates().forEach(s -> conditions.add(PERSON.cadenceStateIs(s, now)));
        return conditions;
    }

    /** Leads whose {@link Lead#status()} is {@code status}: archive and merge decide before the stored status. */
    private static Condition statusIs(LeadStatus status) {
        return switch (status) {
            case MERGED -> LEAD.MERGED_INTO.isNotNull();
            case ARCHIVED -> LEAD.ARCHIVED_AT.isNotNull().and(LEAD.MERGED_INTO.isNull());
            default -> LEAD.STATUS.eq(status.name()).and(LEAD.ARCHIVED_AT.isNull());
        };
    }

    /** The sort column of an order and how its value travels in a page token. */
    private enum SortKey {
        CREATE_TIME(LEAD.CREATED_AT),
        UPDATE_TIME(LEAD.UPDATED_AT),
        DISPLAY_NAME(LEAD.DISPLAY_NAME);

        private final Field<?> field;

        SortKey(Field<?> field) {
            this.field = field;
        }

        static SortKey of(LeadOrder order) {
            return switch (order.key()) {
                case CREATE_TIME -> CREATE_TIME;
                case UPDATE_TIME -> UPDATE_TIME;
                case DISPLAY_NAME -> DISPLAY_NAME;
            };
        }

        Field<?> field() {
            return field;
        }

        String encode(LeadRecord last) {
            return switch (this) {
                case CREATE_TIME -> last.getCreatedAt().toInstant().toString();
                case UPDATE_TIME -> last.getUpdatedAt().toInstant().toString();
                case DISPLAY_NAME -> last.getDisplayName();
            };
        }

        Object decode(String value) {
            return switch (this) {
                case CREATE_TIME, UPDATE_TIME -> toOffset(Instant.parse(value));
                case DISPLAY_NAME -> value;
            };
        }
    }

    private LeadRecord toRecord(Lead lead) {
        LeadFields f = lead.fields();
        // attached: a detached record builds a configuration of its own at every set
        LeadRecord r = dsl.newRecord(LEAD);
        r.setId(lead.id().value());
        PERSON.write(r, f.person());
        r.setStatus(f.status().name());
        r.setTemperature(f.temperature().name());
        r.setCreatedAt(toOffset(lead.createdAt()));
        r.setUpdatedAt(toOffset(lead.updatedAt()));
        r.setArchivedAt(lead.archivedAt() == null ? null : toOffset(lead.archivedAt()));
        r.setVersion(lead.version());
        r.setMergedInto(lead.mergedInto());
        r.setArchiveReason(lead.archiveReason());
        r.setPossibleDuplicateOf(lead.possibleDuplicateOf());
        return r;
    }

    private static Lead toLead(LeadRecord r, List<String> tags) {
        return toLead(Columns.of(r), tags);
    }

    private static Lead toLead(Columns r, List<String> tags) {
        LeadFields fields = new LeadFields(
                PERSON.read(r, tags),
                LeadStatus.valueOf(r.get(LEAD.STATUS)),
                Temperature.valueOf(r.get(LEAD.TEMPERATURE)));
        OffsetDateTime archivedAt = r.get(LEAD.ARCHIVED_AT);
        return new Lead(
                new LeadId(r.get(LEAD.ID)),
                fields,
                r.get(LEAD.CREATED_AT).toInstant(),
                r.get(LEAD.UPDATED_AT).toInstant(),
                archivedAt == null ? null : archivedAt.toInstant(),
                r.get(LEAD.VERSION),
                r.get(LEAD.MERGED_INTO),
                r.get(LEAD.POSSIBLE_DUPLICATE_OF),
                r.get(LEAD.ARCHIVE_REASON));
    }

    private static OffsetDateTime toOffset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
