package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.CONTACT;
import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactFilter;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.contact.ContactOrigin;
import io.hearth.core.contact.ContactQuery;
import io.hearth.core.contact.ContactStore;
import io.hearth.core.persistence.generated.tables.records.ContactRecord;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.Scope;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import io.hearth.core.touch.ShownContactStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Select;

/** {@link ContactStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. */
public final class JooqContactStore implements ContactStore, ShownContactStore {
    private static final PersonTable<ContactRecord> PERSON = PersonTable.CONTACTS;
    private final DSLContext dsl;
    private final PersonTable<ContactRecord>.Reads reads;
    private final PersonTable<ContactRecord>.TagWrites tags;
    private final PersonTable<ContactRecord>.KeyMatches keyMatches;
    // a contact's insert and update, rendered once (RenderedQuery)
    private final RenderedQuery insertRow;
    /** The insert, doing nothing when its request id or lead is taken (PostgreSQL's {@link RacedInsert}). */
    private final RenderedQuery insertUnlessTaken;

    private final RenderedQuery updateRow;

    /** What an update writes: everything but the id and what a contact was created with. */
    private static final Field<?>[] UPDATED_COLUMNS = Arrays.stream(CONTACT.fields())
            .filter(f -> f != CONTACT.ID
                    && f != CONTACT.ORIGIN
                    && f != CONTACT.CONVERTED_FROM_LEAD_ID
                    && f != CONTACT.CREATED_AT
                    && f != CONTACT.CREATE_REQUEST_ID)
            .toArray(Field<?>[]::new);

    public JooqContactStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        this.reads = PERSON.reads(dsl);
        this.tags = PERSON.tagWrites(dsl);
        this.keyMatches = PERSON.keyMatches(dsl);
        this.insertRow =
                new RenderedQuery(dsl, dsl.insertInto(CONTACT).set(RenderedQuery.columnParameters(CONTACT.fields())));
        this.insertUnlessTaken = new RenderedQuery(
                dsl,
                dsl.insertInto(CONTACT)
                        .set(RenderedQuery.columnParameters(CONTACT.fields()))
                        .onConflictDoNothing());
        this.updateRow = RenderedQuery.versionedUpdate(
                dsl, CONTACT, RenderedQuery.columnParameters(UPDATED_COLUMNS), CONTACT.ID, CONTACT.VERSION);
    }

    @Override
    public boolean insert(Contact contact, String createRequestId) {
        ContactRecord record = toRecord(contact);
        record.setCreateRequestId(createRequestId);
        Map<String, Object> values = RenderedQuery.valuesOf(record);
        return RacedInsert.insert(
                dsl,
                createRequestId != null || contact.convertedFrom() != null,
                () -> insertRow.execute(dsl, values),
                () -> insertUnlessTaken.execute(dsl, values),
                () -> tags.insert(contact.id().value(), contact.fields().tags()),
                () -> takenByAnotherCall(contact, createRequestId));
    }

    /** Whether the conversion or the request id of {@code contact} is another call's contact now. */
    private boolean takenByAnotherCall(Contact contact, String createRequestId) {
        return (contact.convertedFrom() != null
                        && findConvertedFrom(contact.convertedFrom()).isPresent())
                || (createRequestId != null
                        && findByCreateRequestId(createRequestId).isPresent());
    }

    @Override
    public Optional<Contact> findByCreateRequestId(String createRequestId) {
        return one(CONTACT.CREATE_REQUEST_ID.eq(createRequestId));
    }

    @Override
    public Optional<Contact> find(ContactId id) {
        return find(id, Scope.EVERYONE);
    }

    @Override
    public Optional<Contact> find(ContactId id, Scope scope) {
        return reads.find(id.value(), scope, JooqContactStore::toContact);
    }

    @Override
    public Optional<ShownContact> findShown(ContactId id, Scope scope) {
        return reads.findWithCadence(id.value(), scope, JooqContactStore::toContact)
                .map(found -> new ShownContact(found.person(), found.cadence()));
    }

    @Override
    public Optional<Contact> findConvertedFrom(LeadId lead) {
        return one(CONTACT.CONVERTED_FROM_LEAD_ID.eq(lead.value()));
    }

    private Optional<Contact> one(Condition condition) {
        return dsl.selectFrom(CONTACT)
                .where(condition)
                .fetchOptional()
                .map(r -> toContact(r, PERSON.tagsOf(dsl, List.of(r.getId())).getOrDefault(r.getId(), List.of())));
    }

    /** Every contact meeting {@code condition}, archived or not, with their tags read in one query. */
    List<Contact> findWhere(Condition condition) {
        return withTags(dsl.selectFrom(CONTACT).where(condition).fetch());
    }

    /** The contacts holding this email key, phone or name key (null: not looked up), each once. */
    List<Contact> findHoldingAny(String emailKey, String phone, String nameKey) {
        return keyMatches.find(emailKey, phone, nameKey, JooqContactStore::toContact);
    }

    /**
     * The contacts meeting any of {@code conditions}, with their tags, as one UNION ALL of a select
     * per condition (each walks its own index): a contact meeting two comes twice.
     */
    List<Contact> findWhereAny(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return List.of();
        }
        Select<ContactRecord> union = dsl.selectFrom(CONTACT).where(conditions.get(0));
        for (Condition condition : conditions.subList(1, conditions.size())) {
            union = union.unionAll(dsl.selectFrom(CONTACT).where(condition));
        }
        return withTags(union.fetch());
    }

    private List<Contact> withTags(List<ContactRecord> records) {
        Map<UUID, List<String>> tags =
                PERSON.tagsOf(dsl, records.stream().map(ContactRecord::getId).toList());
        return records.stream()
                .map(r -> toContact(r, tags.getOrDefault(r.getId(), List.of())))
                .toList();
    }

    @Override
    public int openDeals(ContactId id) {
        return dsl.fetchCount(
                io.hearth.core.persistence.generated.Tables.OPPORTUNITY,
                io.hearth.core.persistence.generated.Tables.OPPORTUNITY
                        .CONTACT_ID
                        .eq(id.value())
                        .and(io.hearth.core.persistence.generated.Tables.OPPORTUNITY.OUTCOME.eq("OPEN"))
                        .and(io.hearth.core.persistence.generated.Tables.OPPORTUNITY.ARCHIVED_AT.isNull()));
    }

    @Override
    public boolean update(Contact contact, long expectedVersion) {
        ContactRecord r = toRecord(contact);
        if (!updateRow.executeVersioned(dsl, RenderedQuery.valuesOf(r, UPDATED_COLUMNS), r.getId(), expectedVersion)) {
            return false;
        }
        tags.replace(r.getId(), contact.fields().tags());
        return true;
    }

    @Override
    public Page<Contact> list(ContactQuery query) {
        var select = dsl.selectFrom(CONTACT)
                .where(conditions(query.filter(), query.includeArchived(), query.now()))
                .and(PERSON.visibleTo(query.scope()))
                .orderBy(CONTACT.CREATED_AT.asc(), CONTACT.ID.asc());
        int fetchSize = query.pageSize() + 1;
        List<ContactRecord> records = query.after()
                .map(after -> select.seek(toOffset(Instant.parse(after.sortValue())), UUID.fromString(after.id()))
                        .limit(fetchSize)
                        .fetch())
                .orElseGet(() -> select.limit(fetchSize).fetch());
        boolean more = records.size() > query.pageSize();
        List<ContactRecord> page = more ? records.subList(0, query.pageSize()) : records;
        List<Contact> contacts = withTags(page);
        Optional<String> next = Optional.empty();
        if (more) {
            ContactRecord last = page.get(page.size() - 1);
            next = Optional.of(new PageToken(
                            query.fingerprint(),
                            last.getCreatedAt().toInstant().toString(),
                            last.getId().toString())
                    .encode());
        }
        return new Page<>(contacts, next);
    }

    private static List<Condition> conditions(ContactFilter filter, boolean includeArchived, Instant now) {
        List<Condition> conditions = new ArrayList<>();
        if (!includeArchived) {
            conditions.add(CONTACT.ARCHIVED_AT.isNull());
        }
        filter.kinds().forEach(kind -> conditions.add(CONTACT.KIND.eq(kind.name())));
        conditions.addAll(PERSON.conditions(filter.person()));
        filter.cadenceStates().forEach(s -> conditions.add(PERSON.cadenceStateIs(s, now)));
        return conditions;
    }

    private ContactRecord toRecord(Contact contact) {
        ContactFields f = contact.fields();
        // attached: a detached record builds a configuration of its own at every set
        ContactRecord r = dsl.newRecord(CONTACT);
        r.setId(contact.id().value());
        PERSON.write(r, f.person());
        r.setKind(f.kind().name());
        r.setOrigin(contact.origin().name());
        r.setConvertedFromLeadId(
                contact.convertedFrom() == null ? null : contact.convertedFrom().value());
        r.setCreatedAt(toOffset(contact.createdAt()));
        r.setUpdatedAt(toOffset(contact.updatedAt()));
        r.setArchivedAt(contact.archivedAt() == null ? null : toOffset(contact.archivedAt()));
        r.setVersion(contact.version());
        r.setArchiveReason(contact.archiveReason());
        r.setMergedInto(contact.mergedInto());
        return r;
    }

    private static Contact toContact(ContactRecord r, List<String> tags) {
        return toContact(Columns.of(r), tags);
    }

    private static Contact toContact(Columns r, List<String> tags) {
        ContactFields fields = new ContactFields(PERSON.read(r, tags), ContactKind.valueOf(r.get(CONTACT.KIND)));
        UUID convertedFrom = r.get(CONTACT.CONVERTED_FROM_LEAD_ID);
        OffsetDateTime archivedAt = r.get(CONTACT.ARCHIVED_AT);
        return new Contact(
                new ContactId(r.get(CONTACT.ID)),
                fields,
                ContactOrigin.valueOf(r.get(CONTACT.ORIGIN)),
                convertedFrom == null ? null : new LeadId(convertedFrom),
                r.get(CONTACT.CREATED_AT).toInstant(),
                r.get(CONTACT.UPDATED_AT).toInstant(),
                archivedAt == null ? null : archivedAt.toInstant(),
                r.get(CONTACT.VERSION),
                r.get(CONTACT.ARCHIVE_REASON),
                r.get(CONTACT.MERGED_INTO));
    }

    static OffsetDateTime toOffset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
