package io.hearth.core.sync;

import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Finds the people records may be, by each matching key, in bulk. Calls join the caller's transaction. */
public interface PersonMatchStore {
    /** The leads linked to these external ids of {@code connector}, by external id. */
    Map<String, LeadId> linkedLeads(String connector, Collection<String> externalIds);

    void link(String connector, Map<String, LeadId> externalIds);

    List<Lead> leadsWithIds(Collection<LeadId> ids);

    List<Lead> leadsWithEmailKeys(Collection<String> emailKeys);

    List<Lead> leadsWithPhones(Collection<String> phones);

    List<Lead> leadsWithNameKeys(Collection<String> nameKeys);

    /**
     * Called between batches when a run has grown the tables matched against markedly (it doubled
     * what it wrote). A database whose planner works from table statistics refreshes them here:
     * imports grow tables far faster than background statistics keep up, and a plan made for a
     * small table (scan everything) turns every later batch lookup into a scan of the whole table.
     */
    default void tablesGrew() {
    }
}
