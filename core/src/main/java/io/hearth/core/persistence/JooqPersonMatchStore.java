package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.CONTACT;
import static io.hearth.core.persistence.generated.Tables.EXTERNAL_ID;
import static io.hearth.core.persistence.generated.Tables.LEAD;
import static io.hearth.core.persistence.generated.Tables.LEAD_PROFILE;
import static io.hearth.core.persistence.generated.Tables.PERSON_KEY_CLAIM;
import static io.hearth.core.persistence.generated.Tables.QUEUE_ENTRY;
import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Contact;
import io.hearth.core.dedup.PersonMatchStore;
import io.hearth.core.lead.Lead;
import io.hearth.core.persistence.generated.tables.records.ExternalIdRecord;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@link PersonMatchStore} on jOOQ: one indexed query per matching key, kind of person and batch.
 *
 * <p>Every lookup names up to a batch's worth of keys, and they travel as one array parameter:
 * {@code key = ANY(?)} on PostgreSQL, {@code key IN (UNNEST(?))} on HSQLDB, both walking the key's
 * index. Writing a thousand keys into the SQL text instead cost more than the lookup itself
 * (building and parsing 30 kB of SQL: 10 ms against 3 on PostgreSQL). PostgreSQL plans each lookup
 * of a batch run through {@link #lookingUp} afresh: a cached generic plan made while a table was
 * small keeps scanning it once it has grown (measured: one lookup took 1-2 s at 30,000 rows).
 */
public final class JooqPersonMatchStore implements PersonMatchStore {
    private static final String CLAIMS = "claims";
    private final DSLContext dsl;
    private final boolean postgres;
    private final JooqLeadStore leads;
    private final JooqContactStore contacts;
    /**
     * {@link #claim}'s statement, rendered once (PostgreSQL only): as plain SQL through jOOQ it was
     * parsed, rendered and typed afresh at every create, a tenth of a create's CPU in Hearth.
     */
    private final RenderedQuery claimKeys;

    public JooqPersonMatchStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        this.postgres = dsl.dialect().family() == SQLDialect.POSTGRES;
        this.leads = new JooqLeadStore(dsl);
        this.contacts = new JooqContactStore(dsl);
        String keyHash = PERSON_KEY_CLAIM.KEY_HASH.getName();
        this.claimKeys = postgres
                ? new RenderedQuery(
                        dsl,
                        DSL.query(
                                "insert into " + PERSON_KEY_CLAIM.getName() + " (" + keyHash
                                        + ") select k from unnest({0}) as claims(k) order by k on conflict ("
                                        + keyHash + ") do update set " + keyHash + " = excluded." + keyHash
                                        + " where false",
                                DSL.param(CLAIMS, SQLDataType.BIGINT.array())))
                : null;
    }

    private <T> Condition oneOf(Field<T> field, Collection<T> values, IntFunction<T[]> array) {
        return ArrayParameters.oneOf(dsl, field, values, array);
    }

    /**
     * Plans the batch's lookups each for its own keys, on their indexes. Only the lookups: the
     * setting also reaches the cached plans of PostgreSQL's foreign-key checks, and re-planning
     * those for every row tripled the time of the batch's inserts (measured: lead profiles 35 s
     * against 15 s at 1,000,000 rows).
     *
     * <p>Every lookup has an index on its key, and it is always the plan to take: while an import's
     * tables still hold a few thousand rows, PostgreSQL preferred reading them whole and comparing
     * each row with the thousand keys one by one (auto_explain: 300-600 ms a batch at 2,000-4,000
     * leads, against about 1 ms through the index). Nor does a lookup of at most a batch's keys
     * gain from parallel workers: PostgreSQL expected a thousand rows a key and started two for
     * each batch's lead lookup, which then took 30-35 ms instead of 2-8 ms spent in its index
     * scans (auto_explain, 100,000 rows). The settings go in one round trip each way.
     */
    @Override
    public <T> T lookingUp(Supplier<T> lookups) {
        if (!postgres) {
            return lookups.get();
        }
        dsl.execute("SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL enable_seqscan = off; "
                + "SET LOCAL max_parallel_workers_per_gather = 0");
        T result = lookups.get();
        // not in a finally: after a failed statement the transaction takes no more commands, and ends
        dsl.execute("SET LOCAL plan_cache_mode TO DEFAULT; SET LOCAL enable_seqscan TO DEFAULT; "
                + "SET LOCAL max_parallel_workers_per_gather TO DEFAULT");
        return result;
    }

    /**
     * On PostgreSQL a row of {@code person_key_claim} per claim is the lock, taken in key order by
     * one statement: a missing row is inserted (a concurrent insert of the same row waits for its
     * transaction), a row already there is locked FOR UPDATE by the upsert, which updates nothing
     * ({@code where false}) but locks every row it finds taken. It used to take an insert and then a
     * {@code select ... for update} of every claim, which also locked the rows it had just inserted
     * and sent them all back (measured in psql: 4,000 new claims 17 ms against 39 ms). The embedded HSQLDB database belongs to this process alone (its
     * lock file keeps a second server out), and every caller claims inside
     * {@link Transactor#inTransactionExclusive(java.util.Collection, Supplier)} on the same ids, so
     * the process already serializes them there; database row locks would add a write per key
     * to every import batch and, on HSQLDB 2.7.4, risk its lost wake-up of a waiter after a
     * rollback (see {@link Transactor}).
     */
    @Override
    public void claim(List<Long> keyClaims) {
        if (!postgres || keyClaims.isEmpty()) {
            return;
        }
        claimKeys.execute(dsl, Map.of(CLAIMS, keyClaims.toArray(Long[]::new)));
    }

    @Override
    public Map<String, PersonRef> linked(String connector, Collection<String> externalIds) {
        Map<String, PersonRef> result = new HashMap<>();
        if (externalIds.isEmpty()) {
            return result;
        }
        if (!postgres) {
            // HSQLDB probes the (connector, external_id) key for each id when the ids are a table
            // joined to it; given the connector and an IN list of ids it reads every id of the
            // connector (20x slower). It used to get a row-value IN of the pairs written into the
            // SQL, which it compiled afresh for every batch: 6-7 ms a lookup of 1,000 ids beside
            // 4-6 ms for this join, before jOOQ's rendering of the thousand pairs
            dsl.select(EXTERNAL_ID.fields())
                    .from(DSL.table(
                            "unnest(cast({0} as {1} array)) as ids(id)",
                            DSL.val(externalIds.toArray(String[]::new)),
                            DSL.keyword(EXTERNAL_ID.EXTERNAL_ID_.getDataType().getCastTypeName(dsl.configuration()))))
                    .join(EXTERNAL_ID)
                    .on(EXTERNAL_ID.CONNECTOR.eq(connector))
                    .and(EXTERNAL_ID.EXTERNAL_ID_.eq(DSL.field("ids.id", String.class)))
                    .fetchInto(EXTERNAL_ID)
                    .forEach(r -> result.put(
                            r.getExternalId(), new PersonRef(PersonKind.valueOf(r.getPersonKind()), r.getPersonId())));
            return result;
        }
        // PostgreSQL plans a row-value IN as an OR of probes, 50x slower than the list, which it
        // matches on the key's second column
        dsl.selectFrom(EXTERNAL_ID)
                .where(EXTERNAL_ID
                        .CONNECTOR
                        .eq(connector)
                        .and(oneOf(EXTERNAL_ID.EXTERNAL_ID_, externalIds, String[]::new)))
                .fetch()
                .forEach(r -> result.put(
                        r.getExternalId(), new PersonRef(PersonKind.valueOf(r.getPersonKind()), r.getPersonId())));
        return result;
    }

    @Override
    public void link(String connector, Map<String, PersonRef> externalIds) {
        if (externalIds.isEmpty()) {
            return;
        }
        List<ExternalIdRecord> records = externalIds.entrySet().stream()
                .map(e -> {
                    // attached: a detached record makes a configuration of its own at every set
                    ExternalIdRecord r = dsl.newRecord(EXTERNAL_ID);
                    r.setConnector(connector);
                    r.setExternalId(e.getKey());
                    r.setPersonKind(e.getValue().kind().name());
                    r.setPersonId(e.getValue().id());
                    return r;
                })
                .toList();
        BulkSql.insert(dsl, EXTERNAL_ID, records);
    }

    @Override
    public void tablesGrew() {
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            // every table an import fills, so the queue's and the lookups' plans see their real
            // sizes at once (a team's queue read took 50 ms instead of 1 ms until autovacuum came
            // by); samples a fixed number of rows per table, so it stays well under a second
            dsl.execute("ANALYZE "
                    + String.join(
                            ", ",
                            LEAD.getName(),
                            CONTACT.getName(),
                            EXTERNAL_ID.getName(),
                            LEAD_PROFILE.getName(),
                            QUEUE_ENTRY.getName()));
        }
    }

    @Override
    public List<Lead> leadsWithIds(Collection<LeadId> ids) {
        return ids.isEmpty()
                ? List.of()
                : leads.findWhere(oneOf(LEAD.ID, ids.stream().map(LeadId::value).toList(), UUID[]::new));
    }

    @Override
    public List<Lead> leadsWithEmailKeys(Collection<String> emailKeys) {
        return emailKeys.isEmpty() ? List.of() : leads.findWhere(oneOf(LEAD.EMAIL_KEY, emailKeys, String[]::new));
    }

    @Override
    public List<Lead> leadsWithPhones(Collection<String> phones) {
        return phones.isEmpty() ? List.of() : leads.findWhere(oneOf(LEAD.PHONE, phones, String[]::new));
    }

    @Override
    public List<Lead> leadsWithNameKeys(Collection<String> nameKeys) {
        return nameKeys.isEmpty() ? List.of() : leads.findWhere(oneOf(LEAD.NAME_KEY, nameKeys, String[]::new));
    }

    /** One statement: an indexed lookup per kind of key, as a UNION ALL (a lead may come twice). */
    @Override
    public List<Lead> leadsMatching(
            Collection<String> emailKeys, Collection<String> phones, Collection<String> nameKeys) {
        if (atMostOneEach(emailKeys, phones, nameKeys)) {
            return leads.findHoldingAny(only(emailKeys), only(phones), only(nameKeys));
        }
        return leads.findWhereAny(
                keyConditions(LEAD.EMAIL_KEY, emailKeys, LEAD.PHONE, phones, LEAD.NAME_KEY, nameKeys));
    }

    /**
     * Whether this is one person's lookup (a create or an update through the API): its statement
     * has one of a few shapes, each rendered once; a batch's has a new one every time.
     */
    private static boolean atMostOneEach(Collection<?>... keys) {
        for (Collection<?> values : keys) {
            if (values.size() > 1) {
                return false;
            }
        }
        return true;
    }

    private static String only(Collection<String> values) {
        return values.isEmpty() ? null : values.iterator().next();
    }

    /** The non-empty key lookups, each its own condition: an OR of them HSQLDB answers with a scan. */
    private List<Condition> keyConditions(
            Field<String> emailKey,
            Collection<String> emailKeys,
            Field<String> phone,
            Collection<String> phones,
            Field<String> nameKey,
            Collection<String> nameKeys) {
        List<Condition> conditions = new ArrayList<>(3);
        if (!emailKeys.isEmpty()) {
            conditions.add(oneOf(emailKey, emailKeys, String[]::new));
        }
        if (!phones.isEmpty()) {
            conditions.add(oneOf(phone, phones, String[]::new));
        }
        if (!nameKeys.isEmpty()) {
            conditions.add(oneOf(nameKey, nameKeys, String[]::new));
        }
        return conditions;
    }

    @Override
    public List<Contact> contactsWithIds(Collection<ContactId> ids) {
        return ids.isEmpty()
                ? List.of()
                : contacts.findWhere(
                        oneOf(CONTACT.ID, ids.stream().map(ContactId::value).toList(), UUID[]::new));
    }

    @Override
    public List<Contact> contactsMatching(
            Collection<String> emailKeys, Collection<String> phones, Collection<String> nameKeys) {
        // one indexed IN per key (a UNION ALL, one statement) rather than an OR of three, which
        // HSQLDB answers with a scan
        if (atMostOneEach(emailKeys, phones, nameKeys)) {
            return contacts.findHoldingAny(only(emailKeys), only(phones), only(nameKeys));
        }
        Map<ContactId, Contact> found = new LinkedHashMap<>();
        contacts.findWhereAny(
                        keyConditions(CONTACT.EMAIL_KEY, emailKeys, CONTACT.PHONE, phones, CONTACT.NAME_KEY, nameKeys))
                .forEach(c -> found.putIfAbsent(c.id(), c));
        return List.copyOf(found.values());
    }
}
