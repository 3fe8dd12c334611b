package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.CONTACT;
import static io.hearth.core.persistence.generated.Tables.OPPORTUNITY;
import static io.hearth.core.persistence.generated.Tables.OPPORTUNITY_STAGE_CHANGE;
import static io.hearth.core.persistence.generated.Tables.QUEUE_ENTRY;
import static java.util.Objects.requireNonNull;

import io.hearth.core.opportunity.NextStep;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityFields;
import io.hearth.core.opportunity.OpportunityFilter;
import io.hearth.core.opportunity.OpportunityId;
import io.hearth.core.opportunity.OpportunityOrder;
import io.hearth.core.opportunity.OpportunityQuery;
import io.hearth.core.opportunity.OpportunitySource;
import io.hearth.core.opportunity.OpportunityStore;
import io.hearth.core.opportunity.Outcome;
import io.hearth.core.opportunity.StageVisit;
import io.hearth.core.persistence.generated.tables.records.OpportunityRecord;
import io.hearth.core.persistence.generated.tables.records.OpportunityStageChangeRecord;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.Scope;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import io.hearth.core.resource.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/** {@link OpportunityStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. */
public final class JooqOpportunityStore implements OpportunityStore {
    private final DSLContext dsl;

    public JooqOpportunityStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public boolean insert(Opportunity opportunity, String createRequestId) {
        OpportunityRecord record = toRecord(opportunity);
        record.setCreateRequestId(createRequestId);
        return RacedInsert.insert(
                dsl,
                createRequestId != null,
                () -> dsl.executeInsert(record),
                () -> dsl.insertInto(OPPORTUNITY)
                        .set(record)
                        .onConflict(OPPORTUNITY.CREATE_REQUEST_ID)
                        .doNothing()
                        .execute(),
                () -> insertVisits(opportunity, 0),
                () -> findByCreateRequestId(createRequestId).isPresent());
    }

    @Override
    public Optional<Opportunity> findByCreateRequestId(String createRequestId) {
        return one(OPPORTUNITY.CREATE_REQUEST_ID.eq(createRequestId));
    }

    @Override
    public Optional<Opportunity> find(OpportunityId id, Scope scope) {
        return one(OPPORTUNITY.ID.eq(id.value()).and(OwnerScope.visibleTo(OPPORTUNITY.OWNER, scope)));
    }

    @Override
    public List<Opportunity> openOf(ContactId contact) {
        return List.copyOf(readWithHistory(OPPORTUNITY
                        .CONTACT_ID
                        .eq(contact.value())
                        .and(OPPORTUNITY.OUTCOME.eq(Outcome.OPEN.name()))
                        .and(OPPORTUNITY.ARCHIVED_AT.isNull()))
                .values());
    }

    @Override
    public List<UUID> contactsWithOpenDealsOffTheQueue(UUID after, int limit) {
        return dsl.selectDistinct(OPPORTUNITY.CONTACT_ID)
                .from(OPPORTUNITY)
                .join(CONTACT)
                .on(CONTACT.ID.eq(OPPORTUNITY.CONTACT_ID))
                .where(OPPORTUNITY.OUTCOME.eq(Outcome.OPEN.name()))
                .and(OPPORTUNITY.ARCHIVED_AT.isNull())
                .and(CONTACT.ARCHIVED_AT.isNull())
                .and(after == null ? DSL.noCondition() : OPPORTUNITY.CONTACT_ID.gt(after))
                .andNotExists(dsl.selectOne()
                        .from(QUEUE_ENTRY)
                        .where(QUEUE_ENTRY.PERSON_ID.eq(OPPORTUNITY.CONTACT_ID))
                        .and(QUEUE_ENTRY.OPPORTUNITY_ID.isNotNull()))
                .orderBy(OPPORTUNITY.CONTACT_ID)
                .limit(limit)
                .fetch(OPPORTUNITY.CONTACT_ID);
    }

    @Override
    public List<Opportunity> ofContacts(Collection<ContactId> contacts) {
        if (contacts.isEmpty()) {
            return List.of();
        }
        return List.copyOf(readWithHistory(OPPORTUNITY
                        .CONTACT_ID
                        .in(contacts.stream().map(ContactId::value).toList())
                        .and(OPPORTUNITY.ARCHIVED_AT.isNull()))
                .values());
    }

    private Optional<Opportunity> one(Condition condition) {
        return readWithHistory(condition).values().stream().findFirst();
    }

    @Override
    public boolean update(Opportunity opportunity, long expectedVersion) {
        OpportunityRecord r = toRecord(opportunity);
        int rows = dsl.update(OPPORTUNITY)
                .set(OPPORTUNITY.TITLE, r.getTitle())
                .set(OPPORTUNITY.AMOUNT, r.getAmount())
                .set(OPPORTUNITY.CURRENCY, r.getCurrency())
                .set(OPPORTUNITY.EXPECTED_CLOSE_DATE, r.getExpectedCloseDate())
                .set(OPPORTUNITY.OWNER, r.getOwner())
                .set(OPPORTUNITY.NEXT_STEP, r.getNextStep())
                .set(OPPORTUNITY.NEXT_STEP_DUE_AT, r.getNextStepDueAt())
                .set(OPPORTUNITY.STAGE, r.getStage())
                .set(OPPORTUNITY.STAGE_ENTERED_AT, r.getStageEnteredAt())
                .set(OPPORTUNITY.OUTCOME, r.getOutcome())
                .set(OPPORTUNITY.CLOSE_REASON, r.getCloseReason())
                .set(OPPORTUNITY.CLOSED_AT, r.getClosedAt())
                .set(OPPORTUNITY.UPDATED_AT, r.getUpdatedAt())
                .set(OPPORTUNITY.ARCHIVED_AT, r.getArchivedAt())
                .set(OPPORTUNITY.VERSION, r.getVersion())
                .where(OPPORTUNITY.ID.eq(r.getId()).and(OPPORTUNITY.VERSION.eq(expectedVersion)))
                .execute();
        if (rows == 0) {
            return false;
        }
        // the row's version guards the history too: only the writer that moved the row gets here
        int stored = dsl.fetchCount(OPPORTUNITY_STAGE_CHANGE, OPPORTUNITY_STAGE_CHANGE.OPPORTUNITY_ID.eq(r.getId()));
        if (stored > 0 && stored <= opportunity.history().size()) {
            StageVisit lastStored = opportunity.history().get(stored - 1);
            dsl.update(OPPORTUNITY_STAGE_CHANGE)
                    .set(OPPORTUNITY_STAGE_CHANGE.LEFT_AT, toOffset(lastStored.leftAt()))
                    .where(OPPORTUNITY_STAGE_CHANGE
                            .OPPORTUNITY_ID
                            .eq(r.getId())
                            .and(OPPORTUNITY_STAGE_CHANGE.SEQ.eq(stored - 1)))
                    .execute();
        }
        insertVisits(opportunity, stored);
        return true;
    }

    private void insertVisits(Opportunity opportunity, int from) {
        List<StageVisit> history = opportunity.history();
        for (int seq = from; seq < history.size(); seq++) {
            StageVisit visit = history.get(seq);
            OpportunityStageChangeRecord change = new OpportunityStageChangeRecord();
            change.setOpportunityId(opportunity.id().value());
            change.setSeq(seq);
            change.setStage(visit.stage());
            change.setEnteredAt(toOffset(visit.enteredAt()));
            change.setLeftAt(toOffset(visit.leftAt()));
            change.setMovedBy(visit.movedBy());
            dsl.executeInsert(change);
        }
    }

    @Override
    public Page<Opportunity> list(OpportunityQuery query) {
        OpportunityOrder order = query.order();
        Field<?> sortField = sortField(order.key());
        SortField<?> sort = order.descending() ? sortField.desc() : sortField.asc();
        SortField<UUID> tieBreak = order.descending() ? OPPORTUNITY.ID.desc() : OPPORTUNITY.ID.asc();
        var select = dsl.selectFrom(OPPORTUNITY)
                .where(conditions(query))
                .and(OwnerScope.visibleTo(OPPORTUNITY.OWNER, query.scope()))
                .orderBy(sort, tieBreak);
        int fetchSize = query.pageSize() + 1;
        List<OpportunityRecord> records = query.after()
                .map(after -> dsl.selectFrom(OPPORTUNITY)
                        .where(conditions(query))
                        .and(OwnerScope.visibleTo(OPPORTUNITY.OWNER, query.scope()))
                        .and(after(order, after))
                        .orderBy(sort, tieBreak)
                        .limit(fetchSize)
                        .fetch())
                .orElseGet(() -> select.limit(fetchSize).fetch());
        boolean more = records.size() > query.pageSize();
        List<OpportunityRecord> page = more ? records.subList(0, query.pageSize()) : records;
        Optional<String> next = Optional.empty();
        if (more) {
            OpportunityRecord last = page.get(page.size() - 1);
            next = Optional.of(new PageToken(
                            query.fingerprint(),
                            sortText(order.key(), last),
                            last.getId().toString())
                    .encode());
        }
        // the page's rows are read again with their histories in one statement, so each deal is
        // whole as of one moment; one that stopped matching in between is left out
        Map<UUID, Opportunity> read = readWithHistory(OPPORTUNITY
                .ID
                .in(page.stream().map(OpportunityRecord::getId).toList())
                .and(DSL.and(conditions(query)))
                .and(OwnerScope.visibleTo(OPPORTUNITY.OWNER, query.scope())));
        List<Opportunity> opportunities = page.stream()
                .map(r -> read.get(r.getId()))
                .filter(Objects::nonNull)
                .toList();
        return new Page<>(opportunities, next);
    }

    private static Field<?> sortField(OpportunityOrder.Key key) {
        return switch (key) {
            case CREATE_TIME -> OPPORTUNITY.CREATED_AT;
            case EXPECTED_CLOSE_DATE -> OPPORTUNITY.EXPECTED_CLOSE_DATE;
            case AMOUNT -> OPPORTUNITY.AMOUNT;
        };
    }

    private static String sortText(OpportunityOrder.Key key, OpportunityRecord last) {
        return switch (key) {
            case CREATE_TIME -> last.getCreatedAt().toInstant().toString();
            case EXPECTED_CLOSE_DATE -> last.getExpectedCloseDate().toString();
            case AMOUNT -> last.getAmount().toPlainString();
        };
    }

    /** The rows after the last of the previous page, whose sort value and id {@code token} carries. */
    private static Condition after(OpportunityOrder order, PageToken token) {
        UUID id = UUID.fromString(token.id());
        String text = token.sortValue();
        return switch (order.key()) {
            case CREATE_TIME -> after(OPPORTUNITY.CREATED_AT, toOffset(Instant.parse(text)), id, order.descending());
            case EXPECTED_CLOSE_DATE ->
                after(OPPORTUNITY.EXPECTED_CLOSE_DATE, LocalDate.parse(text), id, order.descending());
            case AMOUNT -> after(OPPORTUNITY.AMOUNT, new BigDecimal(text), id, order.descending());
        };
    }

    private static <T> Condition after(Field<T> field, T value, UUID id, boolean descending) {
        return descending
                ? field.lt(value).or(field.eq(value).and(OPPORTUNITY.ID.lt(id)))
                : field.gt(value).or(field.eq(value).and(OPPORTUNITY.ID.gt(id)));
    }

    private static List<Condition> conditions(OpportunityQuery query) {
        OpportunityFilter filter = query.filter();
        List<Condition> conditions = new ArrayList<>();
        if (!query.includeArchived()) {
            conditions.add(OPPORTUNITY.ARCHIVED_AT.isNull());
        }
        filter.owners().forEach(owner -> conditions.add(OPPORTUNITY.OWNER.eq(owner)));
        filter.stages().forEach(stage -> conditions.add(OPPORTUNITY.STAGE.eq(stage)));
        filter.contacts().forEach(contact -> conditions.add(OPPORTUNITY.CONTACT_ID.eq(contact.value())));
        filter.outcomes().forEach(outcome -> conditions.add(OPPORTUNITY.OUTCOME.eq(outcome.name())));
        if (filter.closed() != null) {
            conditions.add(
                    filter.closed()
                            ? OPPORTUNITY.OUTCOME.ne(Outcome.OPEN.name())
                            : OPPORTUNITY.OUTCOME.eq(Outcome.OPEN.name()));
        }
        if (query.closeFrom() != null) {
            conditions.add(OPPORTUNITY.EXPECTED_CLOSE_DATE.ge(query.closeFrom()));
        }
        if (query.closeTo() != null) {
            conditions.add(OPPORTUNITY.EXPECTED_CLOSE_DATE.le(query.closeTo()));
        }
        return conditions;
    }

    /**
     * The opportunities meeting {@code condition} with their stage histories, read in one statement:
     * a row read by one statement and its history by another could straddle a move committed in
     * between (PostgreSQL's read committed), a row of one version with the history of the next.
     */
    private Map<UUID, Opportunity> readWithHistory(Condition condition) {
        Map<UUID, OpportunityRecord> rows = new LinkedHashMap<>();
        Map<UUID, List<StageVisit>> histories = new HashMap<>();
        for (Record joined : dsl.select(OPPORTUNITY.fields())
                .select(OPPORTUNITY_STAGE_CHANGE.fields())
                .from(OPPORTUNITY)
                .join(OPPORTUNITY_STAGE_CHANGE)
                .on(OPPORTUNITY_STAGE_CHANGE.OPPORTUNITY_ID.eq(OPPORTUNITY.ID))
                .where(condition)
                .orderBy(OPPORTUNITY_STAGE_CHANGE.OPPORTUNITY_ID, OPPORTUNITY_STAGE_CHANGE.SEQ)
                .fetch()) {
            OpportunityRecord row = joined.into(OPPORTUNITY);
            OpportunityStageChangeRecord c = joined.into(OPPORTUNITY_STAGE_CHANGE);
            rows.putIfAbsent(row.getId(), row);
            histories
                    .computeIfAbsent(row.getId(), id -> new ArrayList<>())
                    .add(new StageVisit(
                            c.getStage(), c.getEnteredAt().toInstant(), toInstant(c.getLeftAt()), c.getMovedBy()));
        }
        Map<UUID, Opportunity> opportunities = new LinkedHashMap<>();
        rows.forEach((id, row) -> opportunities.put(id, toOpportunity(row, histories.get(id))));
        return opportunities;
    }

    private static OpportunityRecord toRecord(Opportunity o) {
        OpportunityFields f = o.fields();
        OpportunityRecord r = new OpportunityRecord();
        r.setId(o.id().value());
        r.setContactId(o.contact().value());
        r.setTitle(f.title());
        r.setAmount(f.amount().amount());
        r.setCurrency(f.amount().currency());
        r.setExpectedCloseDate(f.expectedCloseDate());
        r.setOwner(f.owner());
        r.setNextStep(f.nextStep() == null ? null : f.nextStep().description());
        r.setNextStepDueAt(f.nextStep() == null ? null : toOffset(f.nextStep().dueAt()));
        r.setStage(o.stage());
        r.setStageEnteredAt(toOffset(o.stageEnteredAt()));
        r.setOutcome(o.outcome().name());
        r.setCloseReason(o.closeReason());
        r.setClosedAt(toOffset(o.closedAt()));
        r.setSourceLeadId(o.source().lead() == null ? null : o.source().lead().value());
        r.setLeadSource(
                o.source().leadSource() == null ? null : o.source().leadSource().name());
        r.setCreatedAt(toOffset(o.createdAt()));
        r.setUpdatedAt(toOffset(o.updatedAt()));
        r.setArchivedAt(toOffset(o.archivedAt()));
        r.setVersion(o.version());
        return r;
    }

    private static Opportunity toOpportunity(OpportunityRecord r, List<StageVisit> history) {
        NextStep nextStep =
                r.getNextStep() == null ? null : new NextStep(r.getNextStep(), toInstant(r.getNextStepDueAt()));
        OpportunityFields fields = new OpportunityFields(
                r.getTitle(),
                new Money(r.getCurrency(), normalized(r.getAmount())),
                r.getExpectedCloseDate(),
                r.getOwner(),
                nextStep);
        return new Opportunity(
                new OpportunityId(r.getId()),
                new ContactId(r.getContactId()),
                fields,
                r.getStage(),
                Outcome.valueOf(r.getOutcome()),
                r.getCloseReason(),
                toInstant(r.getClosedAt()),
                new OpportunitySource(
                        r.getSourceLeadId() == null ? null : new LeadId(r.getSourceLeadId()),
                        r.getLeadSource() == null ? null : LeadSource.valueOf(r.getLeadSource())),
                history,
                r.getCreatedAt().toInstant(),
                r.getUpdatedAt().toInstant(),
                toInstant(r.getArchivedAt()),
                r.getVersion());
    }

    /** The amount as {@link Money#of} makes it: no trailing zeros (a DECIMAL column pads them), no exponent. */
    private static BigDecimal normalized(BigDecimal stored) {
        BigDecimal stripped = stored.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static OffsetDateTime toOffset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant toInstant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
