package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import io.hearth.connector.spi.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Persons changed since the watermark, oldest change first, with API v2's cursor pagination:
 * {@code GET /api/v2/persons?updated_since=...&sort_by=update_time&sort_direction=asc&cursor=...}.
 * Pipedrive's cursor only serves one read; the stored cursor is the watermark, from which a later read
 * asks again.
 */
final class PersonsPhase implements Phase {
    static final String PATH = "/api/v2/persons";

    private final CrmHttp http;
    private final int pageSize;
    private final PersonMapper mapper;
    private final GivenPersons given;
    private final Instant queriedSince;
    private Watermark watermark;
    private String pipedriveCursor;
    private boolean done;

    PersonsPhase(CrmHttp http, int pageSize, PersonMapper mapper, GivenPersons given, Watermark from) {
        this.http = http;
        this.pageSize = pageSize;
        this.mapper = mapper;
        this.given = given;
        this.watermark = from;
        this.queriedSince = from.since();
    }

    @Override
    public Optional<List<Entry>> nextPage() {
        if (done) {
            return Optional.empty();
        }
        JsonReply reply = http.get(
                PATH,
                Query.of("limit", Integer.toString(pageSize), "sort_by", "update_time", "sort_direction", "asc")
                        .and("updated_since", queriedSince == null ? null : PipedriveTime.rfc3339(queriedSince))
                        .and("cursor", pipedriveCursor));
        List<JsonNode> persons = Answers.data(reply);
        String next = reply.text(reply.body(), "/additional_data/next_cursor").orElse(null);
        if (next != null && next.equals(pipedriveCursor)) {
            throw Answers.broken(
                    reply,
                    "gives the cursor it was asked with as the next one, which would read " + "the same page forever");
        }
        pipedriveCursor = next;
        done = next == null;

        List<JsonNode> fresh = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (JsonNode person : persons) {
            Instant modified = Answers.time(reply, person, "update_time");
            if (!watermark.covers(modified, reply.requireText(person, "id"))) {
                fresh.add(person);
                times.add(modified);
            }
        }
        mapper.prepare(fresh);
        List<Entry> entries = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            JsonNode person = fresh.get(i);
            String id = reply.requireText(person, "id");
            Instant modified = times.get(i);
            watermark = watermark.after(modified, id);
            entries.add(new Entry(record(person, id, modified), watermark));
        }
        return Optional.of(entries);
    }

    private SourceRecord record(JsonNode person, String id, Instant modified) {
        if (person.path("is_deleted").asBoolean(false)) {
            return SourceRecord.deleted(id, modified, "person " + id);
        }
        SourceRecord record = new SourceRecord(id, modified, mapper.fields(person, id), "person " + id);
        given.add(id);
        return record;
    }

    @Override
    public boolean hasMore() {
        return !done;
    }

    @Override
    public PipedriveCursor advance(PipedriveCursor cursor, Watermark after) {
        return cursor.withPersons(after);
    }
}
