package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import io.hearth.connector.spi.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final GivenPersons given;
    private final OffsetPaging paging;
    private Watermark watermark;

    LeadsPhase(CrmHttp http, int pageSize, PersonMapper mapper, GivenPersons given, Watermark from) {
        this.http = http;
        this.pageSize = pageSize;
        this.mapper = mapper;
        this.given = given;
        this.paging = new OffsetPaging(pageSize);
        this.watermark = from;
    }

    @Override
    public Optional<List<Entry>> nextPage() {
        if (paging.done()) {
            return Optional.empty();
        }
        JsonReply reply = http.get(
                LeadIndex.PATH,
                Query.of(
                                "limit",
                                Integer.toString(pageSize),
                                "start",
                                Integer.toString(paging.start()),
                                "sort",
                                "update_time ASC, id ASC")
                        .and(
                                "updated_since",
                                watermark.since() == null ? null : PipedriveTime.rfc3339(watermark.since())));
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
        // a person this read gave already, mapped with the lead as it still is, has nothing new to give
        LeadIndex index = mapper.leadIndex();
        Set<String> toGive = new LinkedHashSet<>();
        for (JsonNode lead : fresh) {
            String leadId = reply.requireText(lead, "id");
            Optional<String> personId = PipedriveJson.id(lead, "person_id");
            if (personId.isPresent() && !(given.contains(personId.get()) && index.knows(leadId, lead))) {
                toGive.add(personId.get());
            }
            index.update(leadId, lead);
        }
        Map<String, JsonNode> persons = persons(toGive);
        mapper.prepare(persons.values());
        List<Entry> entries = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            JsonNode lead = fresh.get(i);
            String leadId = reply.requireText(lead, "id");
            Instant modified = times.get(i);
            watermark = watermark.after(modified, leadId);
            Optional<String> personId = PipedriveJson.id(lead, "person_id");
            SourceRecord record = null;
            if (personId.isPresent() && persons.containsKey(personId.get()) && toGive.remove(personId.get())) {
                record = record(persons.get(personId.get()), personId.get(), modified, leadId);
                given.add(personId.get());
            }
            entries.add(new Entry(record, watermark));
        }
        return Optional.of(entries);
    }

    /** These persons, {@value Directory#IDS_PER_REQUEST} per request; a person hidden or gone is absent. */
    private Map<String, JsonNode> persons(Set<String> wanted) {
        List<String> ids = new ArrayList<>(wanted);
        Map<String, JsonNode> persons = new HashMap<>();
        for (int from = 0; from < ids.size(); from += Directory.IDS_PER_REQUEST) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Directory.IDS_PER_REQUEST));
            JsonReply reply = http.get(
                    PersonsPhase.PATH,
                    Query.of("ids", String.join(",", chunk), "limit", Integer.toString(Directory.IDS_PER_REQUEST)));
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
        Instant modified = PipedriveTime.parse(
                        PipedriveJson.text(person, "update_time").orElse(null))
                .filter(leadModified::isBefore)
                .orElse(leadModified);
        return new SourceRecord(
                personId, modified, mapper.fields(person, personId), "person " + personId + " (lead " + leadId + ")");
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
