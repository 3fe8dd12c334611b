package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import io.hearth.connector.spi.FatalConnectorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The open leads of the Leads Inbox by person, read once per sync: whether a person has one decides
 * whether Hearth sees a lead or a contact, and their labels carry the temperature. Pipedrive's person
 * answers say nothing of leads, and asking per person would cost a request each.
 */
final class LeadIndex {
    static final String PATH = "/api/v1/leads";
    /** The most leads indexed; past it the read fails with this number rather than hold an unbounded map. */
    static final int MAX_LEADS = 100_000;

    // person id -> lead id -> the lead's label ids
    private final Map<String, Map<String, List<String>>> byPerson = new HashMap<>();
    private final Map<String, String> personByLead = new HashMap<>();

    /** Reads every open lead; an offset scan, so a lead changed meanwhile is caught by the leads stream. */
    static LeadIndex load(CrmHttp http, int pageSize) {
        LeadIndex index = new LeadIndex();
        for (int start = 0; ; start += pageSize) {
            JsonReply reply =
                    http.get(PATH, Query.of("limit", Integer.toString(pageSize), "start", Integer.toString(start)));
            List<JsonNode> leads = Answers.data(reply);
            for (JsonNode lead : leads) {
                index.update(reply.requireText(lead, "id"), lead);
            }
            if (index.personByLead.size() > MAX_LEADS) {
                throw new FatalConnectorException("Pipedrive: the Leads Inbox holds more than " + MAX_LEADS
                        + " open leads, the most this connector indexes (LeadIndex.MAX_LEADS); archive old leads");
            }
            if (leads.isEmpty() || !Answers.moreItems(reply, leads.size(), pageSize)) {
                return index;
            }
        }
    }

    /** Takes a lead as Pipedrive now has it: an archived one, or one without a person, leaves the index. */
    void update(String leadId, JsonNode lead) {
        String previous = personByLead.remove(leadId);
        if (previous != null) {
            Map<String, List<String>> leads = byPerson.get(previous);
            leads.remove(leadId);
            if (leads.isEmpty()) {
                byPerson.remove(previous);
            }
        }
        Optional<String> person = PipedriveJson.id(lead, "person_id");
        if (person.isEmpty() || lead.path("is_archived").asBoolean(false)) {
            return;
        }
        List<String> labels = new ArrayList<>();
        lead.path("label_ids").forEach(label -> labels.add(label.asText()));
        byPerson.computeIfAbsent(person.get(), p -> new LinkedHashMap<>()).put(leadId, List.copyOf(labels));
        personByLead.put(leadId, person.get());
    }

    /** Whether the index holds this lead as it is now: same person, same labels, still open. */
    boolean knows(String leadId, JsonNode lead) {
        String person = personByLead.get(leadId);
        if (person == null
                || lead.path("is_archived").asBoolean(false)
                || !PipedriveJson.id(lead, "person_id").equals(Optional.of(person))) {
            return false;
        }
        List<String> labels = new ArrayList<>();
        lead.path("label_ids").forEach(label -> labels.add(label.asText()));
        return byPerson.get(person).get(leadId).equals(labels);
    }

    boolean hasOpenLead(String personId) {
        return byPerson.containsKey(personId);
    }

    /** The ids of the person's open leads. */
    Set<String> leadsOf(String personId) {
        return Set.copyOf(byPerson.getOrDefault(personId, Map.of()).keySet());
    }

    /** The label ids of all the person's open leads. */
    Set<String> labelIdsOf(String personId) {
        Set<String> labels = new LinkedHashSet<>();
        byPerson.getOrDefault(personId, Map.of()).values().forEach(labels::addAll);
        return labels;
    }
}
