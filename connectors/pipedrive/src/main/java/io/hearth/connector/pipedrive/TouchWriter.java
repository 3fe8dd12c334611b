package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.CrmResponse;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import io.hearth.connector.spi.OutgoingTouch;
import io.hearth.connector.spi.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes touches as activities, each exactly once. Before creating a person's first activity of a batch,
 * it reads the person's activities and the touch ids their notes carry ({@link ActivityMarker}); a touch
 * found there was written by an earlier attempt whose answer was lost, and is answered with that
 * activity. The create itself is never resent by the HTTP layer: a retry is a new write, which looks first.
 */
final class TouchWriter {
    static final String ACTIVITIES = "/api/v2/activities";
    /** The most pages of a person's activities read to look for a touch, 500 each. */
    static final int MAX_ACTIVITY_PAGES = 20;

    private final CrmHttp http;
    private final PipedriveErrors errors = new PipedriveErrors();

    TouchWriter(CrmHttp http) {
        this.http = http;
    }

    List<WriteResult> write(List<OutgoingTouch> touches) {
        // person id -> touch id -> activity id; empty when the person has too many activities to look through
        Map<String, Optional<Map<String, String>>> written = new HashMap<>();
        List<WriteResult> results = new ArrayList<>(touches.size());
        for (OutgoingTouch touch : touches) {
            String personId = touch.personExternalId();
            if (personId == null || !personId.matches("\\d{1,18}")) {
                results.add(WriteResult.failed(
                        touch.touchId(),
                        "the person is not in Pipedrive yet (it has no " + "Pipedrive id); write the person first"));
                continue;
            }
            Optional<Map<String, String>> known = written.computeIfAbsent(personId, this::touchesOf);
            if (known.isEmpty()) {
                results.add(WriteResult.failed(
                        touch.touchId(),
                        "person " + personId + " has more than "
                                + MAX_ACTIVITY_PAGES * PipedriveConfig.MAX_PAGE_SIZE
                                + " activities, too many to make sure "
                                + "this touch was not written before"));
                continue;
            }
            Map<String, String> activities = known.get();
            String existing = activities.get(touch.touchId());
            if (existing != null) {
                results.add(WriteResult.written(touch.touchId(), existing));
                continue;
            }
            CrmResponse response = http.send(
                    CrmHttp.jsonRequest("POST", ACTIVITIES, TouchActivity.body(touch, Long.parseLong(personId)))
                            .notRepeatable());
            if (!response.isSuccess()) {
                results.add(WriteResult.failed(
                        touch.touchId(),
                        "Pipedrive refused the activity (" + response.status() + ": " + errors.describe(response)
                                + ")"));
                continue;
            }
            JsonReply reply = http.json(response);
            String activityId = reply.requireText(reply.require("data"), "id");
            activities.put(touch.touchId(), activityId);
            results.add(WriteResult.written(touch.touchId(), activityId));
        }
        return results;
    }

    /** The touch ids in the notes of the person's activities; empty past {@link #MAX_ACTIVITY_PAGES}. */
    private Optional<Map<String, String>> touchesOf(String personId) {
        Map<String, String> touches = new HashMap<>();
        String cursor = null;
        for (int page = 0; page < MAX_ACTIVITY_PAGES; page++) {
            JsonReply reply = http.get(
                    ACTIVITIES,
                    Query.of("person_id", personId, "limit", Integer.toString(PipedriveConfig.MAX_PAGE_SIZE))
                            .and("cursor", cursor));
            for (JsonNode activity : Answers.data(reply)) {
                Optional<String> touchId =
                        ActivityMarker.touchIdIn(activity.path("note").asText(null));
                if (touchId.isPresent()) {
                    touches.putIfAbsent(touchId.get(), reply.requireText(activity, "id"));
                }
            }
            cursor = reply.text(reply.body(), "/additional_data/next_cursor").orElse(null);
            if (cursor == null) {
                return Optional.of(touches);
            }
        }
        return Optional.empty();
    }
}
