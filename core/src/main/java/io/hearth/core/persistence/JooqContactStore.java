package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.CADENCE;
import static io.hearth.core.persistence.generated.Tables.CONTACT;
import static io.hearth.core.persistence.generated.Tables.CONTACT_TAG;
import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactFilter;
import io.hearth.core.contact.ContactId;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.contact.ContactOrigin;
import io.hearth.core.contact.ContactQuery;
import io.hearth.core.contact.ContactStore;
import io.hearth.core.dedup.DedupKeys;
import io.hearth.core.lead.LeadId;
import io.hearth.core.lead.LeadSource;
import io.hearth.core.persistence.generated.tables.records.ContactRecord;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import io.hearth.core.queue.PersonKind;
import io.hearth.core.touch.CadenceState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/** {@link ContactStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. */
public final class JooqContactStore implements ContactStore {
    private final DSLContext dsl;

    public JooqContactStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public boolean insert(Contact contact, String createRequestId) {
        ContactRecord record = toRecord(contact);
        record.setCreateRequestId(createRequestId);
        try {
            // a nested transaction is a savepoint: a refused insert leaves the caller's transaction usable
            dsl.transaction(() -> {
                dsl.executeInsert(record);
                insertTags(contact.id(), contact.fields().tags());
            });
            return true;
        } catch (IntegrityConstraintViolationException e) {
            if (contact.convertedFrom() != null
                    && findConvertedFrom(contact.convertedFrom()).isPresent()) {
                return false;
            }
            if (createRequestId != null
                    && findByCreateRequestId(createRequestId).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Contact> findByCreateRequestId(String createRequestId) {
        return one(CONTACT.CREATE_REQUEST_ID.eq(createRequestId));
    }

    @Override
    public Optional<Contact> find(ContactId id) {
        return one(CONTACT.ID.eq(id.value()));
    }

    @Override
    public Optional<Contact> findConvertedFrom(LeadId lead) {
        return one(CONTACT.CONVERTED_FROM_LEAD_ID.eq(lead.value()));
    }

    private Optional<Contact> one(Condition condition) {
        return dsl.selectFrom(CONTACT)
                .where(condition)
                .fetchOptional()
                .map(r -> toContact(r, tagsOf(List.of(r.getId())).getOrDefault(r.getId(), List.of())));
    }

    /** Every contact meeting {@code condition}, archived or not, with their tags read in one query. */
    List<Contact> findWhere(Condition condition) {
        return withTags(dsl.selectFrom(CONTACT).where(condition).fetch());
    }

    private List<Contact> withTags(List<ContactRecord> records) {
        Map<UUID, List<String>> tags =
                tagsOf(records.stream().map(ContactRecord::getId).toList());
        return records.stream()
                .map(r -> toContact(r, tags.getOrDefault(r.getId(), List.of())))
                .toList();
    }

    @Override
    public boolean update(Contact contact, long expectedVersion) {
        ContactRecord r = toRecord(contact);
        int rows = dsl.update(CONTACT)
                .set(CONTACT.DISPLAY_NAME, r.getDisplayName())
                .set(CONTACT.GIVEN_NAME, r.getGivenName())
                .set(CONTACT.FAMILY_NAME, r.getFamilyName())
                .set(CONTACT.COMPANY, r.getCompany())
                .set(CONTACT.TITLE, r.getTitle())
                .set(CONTACT.EMAIL, r.getEmail())
                .set(CONTACT.PHONE, r.getPhone())
                .set(CONTACT.EMAIL_KEY, r.getEmailKey())
                .set(CONTACT.NAME_KEY, r.getNameKey())
                .set(CONTACT.KIND, r.getKind())
                .set(CONTACT.SOURCE, r.getSource())
                .set(CONTACT.OWNER, r.getOwner())
                .set(CONTACT.NOTES, r.getNotes())
                .set(CONTACT.UPDATED_AT, r.getUpdatedAt())
                .set(CONTACT.ARCHIVED_AT, r.getArchivedAt())
                .set(CONTACT.VERSION, r.getVersion())
                .where(CONTACT.ID.eq(r.getId()).and(CONTACT.VERSION.eq(expectedVersion)))
                .execute();
        if (rows == 0) {
            return false;
        }
        dsl.deleteFrom(CONTACT_TAG).where(CONTACT_TAG.CONTACT_ID.eq(r.getId())).execute();
        insertTags(contact.id(), contact.fields().tags());
        return true;
    }

    @Override
    public Page<Contact> list(ContactQuery query) {
        var select = dsl.selectFrom(CONTACT)
                .where(conditions(query.filter(), query.includeArchived()))
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

    private static List<Condition> conditions(ContactFilter filter, boolean includeArchived) {
        List<Condition> conditions = new ArrayList<>();
        if (!includeArchived) {
            conditions.add(CONTACT.ARCHIVED_AT.isNull());
        }
        filter.kinds().forEach(kind -> conditions.add(CONTACT.KIND.eq(kind.name())));
        filter.owners().forEach(owner -> conditions.add(CONTACT.OWNER.eq(owner)));
        // a contact without a cadence row has not started one: it counts as active
        Field<String> state = DSL.coalesce(
                DSL.field(DSL.select(CADENCE.STATE)
                        .from(CADENCE)
                        .where(CADENCE.PERSON_KIND
                                .eq(PersonKind.CONTACT.name())
                                .and(CADENCE.PERSON_ID.eq(CONTACT.ID)))),
                DSL.inline(CadenceState.ACTIVE.name()));
        filter.cadenceStates().forEach(s -> conditions.add(state.eq(s.name())));
        return conditions;
    }

    private void insertTags(ContactId id, List<String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(CONTACT_TAG, CONTACT_TAG.CONTACT_ID, CONTACT_TAG.TAG);
        for (String tag : tags) {
            insert = insert.values(id.value(), tag);
        }
        insert.execute();
    }

    private Map<UUID, List<String>> tagsOf(List<UUID> ids) {
        Map<UUID, List<String>> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        dsl.selectFrom(CONTACT_TAG)
                .where(CONTACT_TAG.CONTACT_ID.in(ids))
                .orderBy(CONTACT_TAG.CONTACT_ID, CONTACT_TAG.TAG)
                .fetch()
                .forEach(r -> result.computeIfAbsent(r.getContactId(), k -> new ArrayList<>())
                        .add(r.getTag()));
        return result;
    }

    private static ContactRecord toRecord(Contact contact) {
        ContactFields f = contact.fields();
        ContactRecord r = new ContactRecord();
        r.setId(contact.id().value());
        r.setDisplayName(contact.displayName());
        r.setGivenName(f.givenName());
        r.setFamilyName(f.familyName());
        r.setCompany(f.company());
        r.setTitle(f.title());
        r.setEmail(f.email());
        r.setPhone(f.phone());
        r.setEmailKey(DedupKeys.emailKey(f.email()));
        r.setNameKey(DedupKeys.nameKey(f.givenName(), f.familyName(), f.company()));
        r.setKind(f.kind().name());
        r.setOrigin(contact.origin().name());
        r.setSource(f.source() == null ? null : f.source().name());
        r.setOwner(f.owner());
        r.setNotes(f.notes());
        r.setConvertedFromLeadId(
                contact.convertedFrom() == null ? null : contact.convertedFrom().value());
        r.setCreatedAt(toOffset(contact.createdAt()));
        r.setUpdatedAt(toOffset(contact.updatedAt()));
        r.setArchivedAt(contact.archivedAt() == null ? null : toOffset(contact.archivedAt()));
        r.setVersion(contact.version());
        return r;
    }

    private static Contact toContact(ContactRecord r, List<String> tags) {
        ContactFields fields = new ContactFields(
                r.getGivenName(),
                r.getFamilyName(),
                r.getCompany(),
                r.getTitle(),
                r.getEmail(),
                r.getPhone(),
                ContactKind.valueOf(r.getKind()),
                r.getSource() == null ? null : LeadSource.valueOf(r.getSource()),
                r.getOwner(),
                r.getNotes(),
                tags);
        return new Contact(
                new ContactId(r.getId()),
                fields,
                ContactOrigin.valueOf(r.getOrigin()),
                r.getConvertedFromLeadId() == null ? null : new LeadId(r.getConvertedFromLeadId()),
                r.getCreatedAt().toInstant(),
                r.getUpdatedAt().toInstant(),
                r.getArchivedAt() == null ? null : r.getArchivedAt().toInstant(),
                r.getVersion());
    }

    static OffsetDateTime toOffset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
