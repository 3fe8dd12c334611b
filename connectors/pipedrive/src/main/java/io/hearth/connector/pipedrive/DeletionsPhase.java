package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import io.hearth.connector.spi.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Persons deleted or merged away since the watermark. API v2 lists only the persons that exist, so this
 * follows v1's recent changes ({@code GET /api/v1/recents?items=person&since_timestamp=...}): a person
 * answered there with {@code active_flag} false, or with no data, was deleted; one answered with
 * {@code merge_what_id} absorbed that other person. Pipedrive keeps 30 days of recent changes: a
 * connection that does not run for longer misses the deletions in between.
 */
final class DeletionsPhase implements Phase {
    static final String PATH = "/api/v1/recents";

    private final CrmHttp http;
    private final int pageSize;
    private final OffsetPaging paging;
    private Watermark watermark;

    DeletionsPhase(CrmHttp http, int pageSize, Watermark from) {
        this.http = http;
        this.pageSize = pageSize;
        this.paging = new OffsetPaging(pageSize);
        this.watermark = from;
    }

    @Override
    public Optional<List<Entry>> nextPage() {
        if (paging.done()) {
            return Optional.empty();
        }
        JsonReply reply = http.get(
                PATH,
                Query.of(
                        "items",
                        "person",
                        "since_timestamp",
                        PipedriveTime.v1(watermark.since()),
                        "start",
                        Integer.toString(paging.start()),
                        "limit",
                        Integer.toString(pageSize)));
        List<JsonNode> changes = Answers.data(reply).stream()
                .filter(c -> c.path("item").asText().equals("person"))
                .toList();
        Optional<Instant> pageTime =
                PipedriveTime.parse(reply.text(reply.body(), "/additional_data/last_timestamp_on_page")
                        .orElse(null));
        Set<String> mergedAway = new HashSet<>();
        changes.forEach(
                change -> PipedriveJson.id(change.path("data"), "merge_what_id").ifPresent(mergedAway::add));

        List<Entry> entries = new ArrayList<>();
        int fresh = 0;
        for (JsonNode change : changes) {
            String id = reply.requireText(change, "id");
            JsonNode person = change.path("data");
            Instant modified = PipedriveTime.parse(
                            PipedriveJson.text(person, "update_time").orElse(null))
                    .or(() -> pageTime)
                    .orElseThrow(() -> Answers.broken(reply, "has a change of person " + id + " without a time"));
            if (watermark.covers(modified, id)) {
                continue;
            }
            fresh++;
            watermark = watermark.after(modified, id);
            entries.add(new Entry(record(person, id, modified, mergedAway), watermark));
        }
        paging.pageRead(changes.size(), fresh, Answers.moreItems(reply, changes.size(), pageSize));
        return Optional.of(entries);
    }

    /** A deletion or merge, or {@code null} for any other change, which the persons stream reads. */
    private static SourceRecord record(JsonNode person, String id, Instant modified, Set<String> mergedAway) {
        Optional<String> absorbed = PipedriveJson.id(person, "merge_what_id").filter(other -> !other.equals(id));
        if (absorbed.isPresent()) {
            return SourceRecord.merged(absorbed.get(), id, modified, "person " + absorbed.get() + " merged into " + id);
        }
        boolean gone = person.isMissingNode()
                || person.isNull()
                || !person.path("active_flag").asBoolean(true)
                || person.path("is_deleted").asBoolean(false);
        // a merged-away person is also deleted; its merge says more than its deletion
        return gone && !mergedAway.contains(id) ? SourceRecord.deleted(id, modified, "person " + id) : null;
    }

    @Override
    public boolean hasMore() {
        return !paging.done();
    }

    @Override
    public PipedriveCursor advance(PipedriveCursor cursor, Watermark after) {
        return cursor.withDeletions(after);
    }
}
