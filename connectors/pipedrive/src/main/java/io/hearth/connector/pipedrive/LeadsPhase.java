package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import io.hearth.connector.spi.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Leads Inbox leads changed since the watermark ({@code GET /api/v1/leads?updated_since=...&sort=update_time
 * ASC, id ASC}), each given to Hearth as its person: a new lead or a new label changes the person's stage
 * or temperature, though the person itself did not change. A lead without a person (an organization's
 * only) gives Hearth nobody to file.
 */
final class LeadsPhase implements Phase {
    private final CrmHttp http;
    private final int pageSize;
    private final PersonMapper mapper;
    private final OffsetPaging paging;
    private Watermark watermark;

    LeadsPhase(CrmHttp http, int pageSize, PersonMapper mapper, Watermark from) {
        this.http = http;
        this.pageSize = pageSize;
        this.mapper = mapper;
        this.paging = new OffsetPaging(pageSize);
        this.watermark = from;
    }

    @Override
    public Optional<List<Entry>> nextPage() {
        if (paging.done()) {
            return Optional.empty();
        }
        JsonReply reply = http.get(LeadIndex.PATH, Query.of("limit", Integer.toString(pageSize),
                        "start", Integer.toString(paging.start()), "sort", "update_time ASC, id ASC")
                .and("updated_since", watermark.since() == null ? null : PipedriveTime.rfc3339(watermark.since())));
        List<JsonNode> leads = Answers.data(reply);
        List<JsonNode> fresh = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (JsonNode lead : leads) {
            Instant modified = Answers.time(reply, lead, "update_time");
            if (!watermark.covers(modified, reply.requireText(lead, "id"))) {
                fresh.add(lead);
                times.add(modified);
            }
        }
        paging.pageRead(leads.size(), fresh.size(), Answers.moreItems(reply, leads.size(), pageSize));

        if (fresh.isEmpty()) {
            // nothing changed: the index of all leads is not worth reading
            return Optional.of(List.of());
        }
        LeadIndex index = mapper.leadIndex();
        fresh.forEach(lead -> index.update(reply.requireText(lead, "id"), lead));
        Map<String, JsonNode> persons = persons(fresh);
        mapper.prepare(persons.values());
        Set<String> given = new HashSet<>();
        List<Entry> entries = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            JsonNode lead = fresh.get(i);
            String leadId = reply.requireText(lead, "id");
            Instant modified = times.get(i);
            watermark = watermark.after(modified, leadId);
            Optional<String> personId = PipedriveJson.id(lead, "person_id");
            SourceRecord record = null;
            if (personId.isPresent() && persons.containsKey(personId.get()) && given.add(personId.get())) {
                record = record(persons.get(personId.get()), personId.get(), modified, leadId);
            }
            entries.add(new Entry(record, watermark));
        }
        return Optional.of(entries);
    }

    /** The persons of these leads, {@value Directory#IDS_PER_REQUEST} per request; a person hidden or gone is absent. */
    private Map<String, JsonNode> persons(List<JsonNode> leads) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(leads.stream()
                .map(lead -> PipedriveJson.id(lead, "person_id")).flatMap(Optional::stream).toList()));
        Map<String, JsonNode> persons = new HashMap<>();
        for (int from = 0; from < ids.size(); from += Directory.IDS_PER_REQUEST) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Directory.IDS_PER_REQUEST));
            JsonReply reply = http.get(PersonsPhase.PATH, Query.of("ids", String.join(",", chunk),
                    "limit", Integer.toString(Directory.IDS_PER_REQUEST)));
            for (JsonNode person : Answers.data(reply)) {
                if (!person.path("is_deleted").asBoolean(false)) {
                    persons.put(reply.requireText(person, "id"), person);
                }
            }
        }
        return persons;
    }

    private SourceRecord record(JsonNode person, String personId, Instant leadModified, String leadId) {
        // the person changed for Hearth when its lead did, if not later
        Instant modified = PipedriveTime.parse(PipedriveJson.text(person, "update_time").orElse(null))
                .filter(leadModified::isBefore).orElse(leadModified);
        return new SourceRecord(personId, modified, mapper.fields(person, personId),
                "person " + personId + " (lead " + leadId + ")");
    }

    @Override
    public boolean hasMore() {
        return !paging.done();
    }

    @Override
    public PipedriveCursor advance(PipedriveCursor cursor, Watermark after) {
        return cursor.withLeads(after);
    }
}
