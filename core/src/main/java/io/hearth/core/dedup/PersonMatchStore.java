package io.hearth.core.dedup;

import io.hearth.core.contact.Contact;
import io.hearth.core.lead.Lead;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Finds the people records may be, leads and contacts, by each matching key, in bulk. Calls join
 * the caller's transaction; every finder returns archived people too.
 */
public interface PersonMatchStore {
    /**
     * The people these external ids of {@code connector} were linked to, by external id. A link
     * names the kind it was made to: a lead converted since still answers as that lead.
     */
    Map<String, PersonRef> linked(String connector, Collection<String> externalIds);

    void link(String connector, Map<String, PersonRef> externalIds);

    List<Lead> leadsWithIds(Collection<LeadId> ids);

    List<Lead> leadsWithEmailKeys(Collection<String> emailKeys);

    List<Lead> leadsWithPhones(Collection<String> phones);

    List<Lead> leadsWithNameKeys(Collection<String> nameKeys);

    /**
     * The leads holding any of these email keys, E.164 phones or name keys; a lead holding two of
     * them may be listed twice. A store that can look all three up in one statement overrides it.
     */
    default List<Lead> leadsMatching(
            Collection<String> emailKeys, Collection<String> phones, Collection<String> nameKeys) {
        List<Lead> found = new ArrayList<>(leadsWithEmailKeys(emailKeys));
        found.addAll(leadsWithPhones(phones));
        found.addAll(leadsWithNameKeys(nameKeys));
        return found;
    }

    List<Contact> contactsWithIds(Collection<ContactId> ids);

    /** The contacts holding any of these email keys, E.164 phones or name keys. */
    List<Contact> contactsMatching(
            Collection<String> emailKeys, Collection<String> phones, Collection<String> nameKeys);

    /**
     * Holds {@code keyClaims} ({@link KeyClaims}, sorted) until the caller's transaction ends,
     * waiting while another transaction holds one of them; called before the lookups that decide
     * whether a person is new. Every server instance on one database takes its turn here, so two
     * writers carrying one key never both find nobody and both store a person.
     */
    void claim(List<Long> keyClaims);

    /**
     * Runs a batch's lookups (the finders above) together, so a database can set up for them once
     * per batch rather than once per lookup. Calls join the caller's transaction. One person's
     * lookups (at most one key of each kind) need no setting up: they run without it.
     */
    default <T> T lookingUp(Supplier<T> lookups) {
        return lookups.get();
    }

    /**
     * Called between batches when a run has grown the tables matched against markedly (it doubled
     * what it wrote). A database whose planner works from table statistics refreshes them here:
     * imports grow tables far faster than background statistics keep up, and a plan made for a
     * small table (scan everything) turns every later batch lookup into a scan of the whole table.
     */
    default void tablesGrew() {}
}
