package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.CONTACT;
import static io.hearth.core.persistence.generated.Tables.EXTERNAL_ID;
import static io.hearth.core.persistence.generated.Tables.LEAD;
import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactId;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadId;
import io.hearth.core.persistence.generated.tables.records.ExternalIdRecord;
import io.hearth.core.queue.PersonKind;
import io.hearth.core.sync.PersonMatchStore;
import io.hearth.core.touch.PersonRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** {@link PersonMatchStore} on jOOQ: one indexed IN query per matching key, kind of person and batch. */
public final class JooqPersonMatchStore implements PersonMatchStore {
    private final DSLContext dsl;
    // every lookup here names up to a batch's worth of keys
    private final DSLContext lookups;
    private final JooqLeadStore leads;
    private final JooqContactStore contacts;

    public JooqPersonMatchStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        this.lookups = BulkSql.inlined(dsl);
        this.leads = new JooqLeadStore(lookups);
        this.contacts = new JooqContactStore(lookups);
    }

    @Override
    public Map<String, PersonRef> linked(String connector, Collection<String> externalIds) {
        Map<String, PersonRef> result = new HashMap<>();
        if (externalIds.isEmpty()) {
            return result;
        }
        // HSQLDB walks the (connector, external_id) key only for a row-value IN; given the connector
        // alone it reads every id of the connector. PostgreSQL plans a row-value IN as an OR of
        // probes, 50x slower than the list, which it matches on the key's second column.
        Condition ids = dsl.dialect().family() == SQLDialect.HSQLDB
                ? DSL.row(EXTERNAL_ID.CONNECTOR, EXTERNAL_ID.EXTERNAL_ID_)
                        .in(externalIds.stream().map(id -> DSL.row(connector, id)).toList())
                : EXTERNAL_ID.CONNECTOR.eq(connector).and(EXTERNAL_ID.EXTERNAL_ID_.in(externalIds));
        lookups.selectFrom(EXTERNAL_ID)
                .where(ids)
                .fetch()
                .forEach(r -> result.put(r.getExternalId(),
                        new PersonRef(PersonKind.valueOf(r.getPersonKind()), r.getPersonId())));
        return result;
    }

    @Override
    public void link(String connector, Map<String, PersonRef> externalIds) {
        if (externalIds.isEmpty()) {
            return;
        }
        List<ExternalIdRecord> records = externalIds.entrySet().stream()
                .map(e -> new ExternalIdRecord(connector, e.getKey(), e.getValue().kind().name(), e.getValue().id()))
                .toList();
        BulkSql.insert(dsl, EXTERNAL_ID, records);
    }

    @Override
    public void tablesGrew() {
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            // samples a fixed number of rows per table, so it stays well under a second at any size
            dsl.execute("ANALYZE " + LEAD.getName() + ", " + EXTERNAL_ID.getName());
        }
    }

    @Override
    public List<Lead> leadsWithIds(Collection<LeadId> ids) {
        return ids.isEmpty() ? List.of() : leads.findWhere(LEAD.ID.in(ids.stream().map(LeadId::value).toList()));
    }

    @Override
    public List<Lead> leadsWithEmailKeys(Collection<String> emailKeys) {
        return emailKeys.isEmpty() ? List.of() : leads.findWhere(LEAD.EMAIL_KEY.in(emailKeys));
    }

    @Override
    public List<Lead> leadsWithPhones(Collection<String> phones) {
        return phones.isEmpty() ? List.of() : leads.findWhere(LEAD.PHONE.in(phones));
    }

    @Override
    public List<Lead> leadsWithNameKeys(Collection<String> nameKeys) {
        return nameKeys.isEmpty() ? List.of() : leads.findWhere(LEAD.NAME_KEY.in(nameKeys));
    }

    @Override
    public List<Contact> contactsWithIds(Collection<ContactId> ids) {
        return ids.isEmpty() ? List.of()
                : contacts.findWhere(CONTACT.ID.in(ids.stream().map(ContactId::value).toList()));
    }

    @Override
    public List<Contact> contactsMatching(Collection<String> emailKeys, Collection<String> phones,
                                          Collection<String> nameKeys) {
        // one indexed IN per key rather than an OR of three, which HSQLDB answers with a scan
        Map<ContactId, Contact> found = new LinkedHashMap<>();
        addContacts(found, CONTACT.EMAIL_KEY, emailKeys);
        addContacts(found, CONTACT.PHONE, phones);
        addContacts(found, CONTACT.NAME_KEY, nameKeys);
        return List.copyOf(found.values());
    }

    private void addContacts(Map<ContactId, Contact> found, Field<String> key, Collection<String> values) {
        if (!values.isEmpty()) {
            contacts.findWhere(key.in(values)).forEach(c -> found.putIfAbsent(c.id(), c));
        }
    }
}
