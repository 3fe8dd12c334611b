package io.hearth.core.dedup;

import io.hearth.core.contact.Contact;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The people some records may be, leads and contacts, indexed by each matching key: the one place
 * that decides who a record is. A record is matched on its external id, then its email, then its
 * phone, then its name + company. Where one key names both a contact and a lead, the contact has
 * it; where it names several of a kind, the oldest has it; a converted lead stands for its contact,
 * a merged lead for the lead or contact it was merged into, and a merged contact for the contact it
 * was merged into.
 * Syncs merge a record into its match; hand entry refuses to make a second person for it.
 */
public final class MatchIndex {
    /** Which key matched. */
    public enum Key {
        EXTERNAL_ID,
        EMAIL,
        PHONE,
        NAME_AND_COMPANY
    }

    /** The person a record is, and the key that said so. */
    public record Match(PersonRef person, Key key) {}

    /** Far more merges in a row than anyone makes; it only bounds a loop a corrupt store could make endless. */
    private static final int MAX_MERGE_HOPS = 32;

    private final Map<LeadId, Lead> leads = new HashMap<>();
    private final Map<ContactId, Contact> contacts = new HashMap<>();
    private final Map<String, PersonRef> byExternalId = new HashMap<>();
    private final Map<String, PersonRef> byEmail = new HashMap<>();
    private final Map<String, PersonRef> byPhone = new HashMap<>();
    private final Map<String, PersonRef> byName = new HashMap<>();

    private MatchIndex() {}

    /**
     * Looks up everyone {@code records} may be, inside the caller's transaction.
     *
     * @param connector whose external ids the records carry; ignored when none carries one
     */
    public static MatchIndex load(String connector, Collection<MatchKeys> records, PersonMatchStore matches) {
        MatchIndex index = new MatchIndex();
        Collection<String> emailKeys = keys(records, MatchKeys::emailKey);
        Collection<String> phones = keys(records, MatchKeys::phone);
        Collection<String> nameKeys = keys(records, MatchKeys::nameKey);
        Collection<String> externalIds = keys(records, MatchKeys::externalId);
        Map<String, PersonRef> linked = externalIds.isEmpty() ? Map.of() : matches.linked(connector, externalIds);
        List<Lead> foundLeads = new ArrayList<>(matches.leadsWithIds(linked.values().stream()
                .filter(PersonRef::isLead)
                .map(PersonRef::leadId)
                .collect(Collectors.toSet())));
        foundLeads.addAll(matches.leadsMatching(emailKeys, phones, nameKeys));
        addSurvivors(foundLeads, matches);
        Set<ContactId> contactIds = new HashSet<>();
        linked.values().stream().filter(ref -> !ref.isLead()).forEach(ref -> contactIds.add(ref.contactId()));
        foundLeads.stream()
                .filter(l -> l.fields().status() == LeadStatus.CONVERTED)
                .forEach(l -> contactIds.add(new ContactId(l.id().value())));
        foundLeads.stream()
                .filter(Lead::merged)
                .map(MatchIndex::mergedInto)
                .filter(ref -> !ref.isLead())
                .forEach(ref -> contactIds.add(ref.contactId()));
        List<Contact> foundContacts = new ArrayList<>(matches.contactsWithIds(contactIds));
        foundContacts.addAll(matches.contactsMatching(emailKeys, phones, nameKeys));
        addContactSurvivors(foundContacts, matches);
        // when the store already holds duplicates, the oldest person is the one records merge into
        foundContacts.sort(Comparator.comparing(Contact::createdAt).thenComparing(c -> c.id().value()));
        // every contact first, so a merged one finds its survivor whatever their order
        List<Contact> distinctContacts = foundContacts.stream()
                .filter(c -> index.contacts.putIfAbsent(c.id(), c) == null)
                .toList();
        distinctContacts.forEach(index::put);
        foundLeads.sort(Comparator.comparing(Lead::createdAt).thenComparing(l -> l.id().value()));
        // every lead first, so a merged one finds its survivor whatever their order
        List<Lead> distinct = foundLeads.stream()
                .filter(l -> index.leads.putIfAbsent(l.id(), l) == null)
                .toList();
        distinct.forEach(index::put);
        index.byExternalId.putAll(linked);
        return index;
    }

    /** The person the record is, {@code null} for someone new. */
    public PersonRef match(MatchKeys record) {
        Match match = matchWithKey(record);
        return match == null ? null : match.person();
    }

    /** The person the record is and the key that matched, {@code null} for someone new. */
    public Match matchWithKey(MatchKeys record) {
        Key key = null;
        PersonRef ref = null;
        if (record.externalId() != null && (ref = byExternalId.get(record.externalId())) != null) {
            key = Key.EXTERNAL_ID;
        } else if (record.emailKey() != null && (ref = byEmail.get(record.emailKey())) != null) {
            key = Key.EMAIL;
        } else if (record.phone() != null && (ref = byPhone.get(record.phone())) != null) {
            key = Key.PHONE;
        } else if (record.nameKey() != null && (ref = byName.get(record.nameKey())) != null) {
            key = Key.NAME_AND_COMPANY;
        }
        if (ref == null) {
            return null;
        }
        ref = standingFor(ref);
        boolean loaded = ref.isLead() ? leads.containsKey(ref.leadId()) : contacts.containsKey(ref.contactId());
        return loaded ? new Match(ref, key) : null;
    }

    /** Records that {@code externalId} is {@code person}; true when that link is new. */
    public boolean link(String externalId, PersonRef person) {
        return byExternalId.putIfAbsent(externalId, person) == null;
    }

    /** Adds or replaces a lead, so later records see it as written. */
    public void remember(Lead lead) {
        leads.put(lead.id(), lead);
        put(lead);
    }

    /** Adds or replaces a contact, so later records see it as written. */
    public void remember(Contact contact) {
        contacts.put(contact.id(), contact);
        put(contact);
    }

    public Lead lead(LeadId id) {
        return leads.get(id);
    }

    public Contact contact(ContactId id) {
        return contacts.get(id);
    }

    public Instant updatedAt(PersonRef person) {
        return person.isLead()
                ? leads.get(person.leadId()).updatedAt()
                : contacts.get(person.contactId()).updatedAt();
    }

    public String owner(PersonRef person) {
        return person.isLead()
                ? leads.get(person.leadId()).fields().owner()
                : contacts.get(person.contactId()).fields().owner();
    }

    public String displayName(PersonRef person) {
        return person.isLead()
                ? leads.get(person.leadId()).displayName()
                : contacts.get(person.contactId()).displayName();
    }

    /**
     * The lead or contact a merged lead was merged into (its survivor), and a converted lead's
     * contact, where they were found; the person itself otherwise.
     */
    private PersonRef standingFor(PersonRef ref) {
        Lead lead = ref.isLead() ? leads.get(ref.leadId()) : null;
        for (int hops = 0; lead != null && lead.merged() && hops < MAX_MERGE_HOPS; hops++) {
            ref = mergedInto(lead);
            lead = ref.isLead() ? leads.get(ref.leadId()) : null;
        }
        if (!ref.isLead()) {
            return survivorOf(ref.contactId());
        }
        if (contacts.containsKey(ref.contactId())
                && (lead == null || lead.fields().status() == LeadStatus.CONVERTED)) {
            return survivorOf(ref.contactId());
        }
        return ref;
    }

    /** The contact a merged contact was merged into, following merges; the contact itself otherwise. */
    private PersonRef survivorOf(ContactId id) {
        ContactId current = id;
        Contact contact = contacts.get(current);
        for (int hops = 0; contact != null && contact.merged() && hops < MAX_MERGE_HOPS; hops++) {
            current = mergedInto(contact);
            contact = contacts.get(current);
        }
        return PersonRef.of(current);
    }

    private static ContactId mergedInto(Contact contact) {
        return ContactId.fromName(contact.mergedInto(), "merged_into");
    }

    /** Adds the contacts that found merged contacts were merged into, following chains of merges. */
    private static void addContactSurvivors(List<Contact> found, PersonMatchStore matches) {
        Set<ContactId> known = found.stream().map(Contact::id).collect(Collectors.toCollection(HashSet::new));
        List<Contact> latest = found;
        for (int hops = 0; hops < MAX_MERGE_HOPS; hops++) {
            Set<ContactId> survivors = latest.stream()
                    .filter(Contact::merged)
                    .map(MatchIndex::mergedInto)
                    .filter(known::add)
                    .collect(Collectors.toSet());
            if (survivors.isEmpty()) {
                return;
            }
            latest = matches.contactsWithIds(survivors);
            found.addAll(latest);
        }
    }

    private static PersonRef mergedInto(Lead lead) {
        return PersonRef.fromName(lead.mergedInto(), "merged_into");
    }

    /**
     * Adds the leads that found merged leads were merged into, following chains of merges (the
     * contacts some were merged into are loaded with the other contacts).
     */
    private static void addSurvivors(List<Lead> found, PersonMatchStore matches) {
        Set<LeadId> known = found.stream().map(Lead::id).collect(Collectors.toCollection(HashSet::new));
        List<Lead> latest = found;
        for (int hops = 0; hops < MAX_MERGE_HOPS; hops++) {
            Set<LeadId> survivors = latest.stream()
                    .filter(Lead::merged)
                    .map(MatchIndex::mergedInto)
                    .filter(PersonRef::isLead)
                    .map(PersonRef::leadId)
                    .filter(known::add)
                    .collect(Collectors.toSet());
            if (survivors.isEmpty()) {
                return;
            }
            latest = matches.leadsWithIds(survivors);
            found.addAll(latest);
        }
    }

    private void put(Lead lead) {
        PersonRef ref = standingFor(PersonRef.of(lead.id()));
        putKeys(ref, MatchKeys.of(lead.fields()));
    }

    private void put(Contact contact) {
        putKeys(survivorOf(contact.id()), MatchKeys.of(contact.fields()));
    }

    private void putKeys(PersonRef ref, MatchKeys keys) {
        String emailKey = keys.emailKey();
        String phone = keys.phone();
        String nameKey = keys.nameKey();
        // the first person to hold a key keeps it, so a record always merges into the same one
        if (emailKey != null) {
            byEmail.putIfAbsent(emailKey, ref);
        }
        if (phone != null) {
            byPhone.putIfAbsent(phone, ref);
        }
        if (nameKey != null) {
            byName.putIfAbsent(nameKey, ref);
        }
    }

    private static Collection<String> keys(Collection<MatchKeys> records, Function<MatchKeys, String> key) {
        return records.stream().map(key).filter(Objects::nonNull).collect(Collectors.toSet());
    }
}
