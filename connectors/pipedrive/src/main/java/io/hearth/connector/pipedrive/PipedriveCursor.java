package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.spi.FatalConnectorException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where a read resumes: one {@link Watermark} per stream the reader follows. Hearth stores it with each
 * batch and hands it back; it is opaque to Hearth. Its text is a small JSON object, versioned so that a
 * later connector can read what an earlier one stored:
 * <pre>{@code
 * {"v":1,
 *  "persons":   {"since":"2026-11-30T10:00:00Z","ids":["12","15"]},
 *  "leads":     {"since":"2026-11-30T09:58:41Z","ids":["adf21080-0e10-11eb-879b-05d71fb426ec"]},
 *  "deletions": {"since":"2026-11-29T08:00:00Z","ids":[]}}
 * }</pre>
 * A stream without {@code since} is read from its beginning. Deletions start at the first read's start
 * time: Hearth has nothing to archive from before it.
 */
record PipedriveCursor(Watermark persons, Watermark leads, Watermark deletions) {
    static final int VERSION = 1;

    /** The cursor of a first read at {@code now}: everything, and deletions from now on. */
    static PipedriveCursor start(Instant now) {
        return new PipedriveCursor(Watermark.START, Watermark.START, Watermark.at(now));
    }

    /** The cursor Hearth stored, or {@link #start} when it stored none. */
    static PipedriveCursor decode(String text, Instant now) {
        if (text == null) {
            return start(now);
        }
        try {
            JsonNode json = PipedriveJson.MAPPER.readTree(text);
            if (json == null || !json.isObject()) {
                throw unreadable("it is not a JSON object");
            }
            int version = json.path("v").asInt(-1);
            if (version != VERSION) {
                throw unreadable("its version is " + json.path("v") + ", this connector reads version " + VERSION);
            }
            return new PipedriveCursor(
                    watermark(json, "persons"), watermark(json, "leads"), watermark(json, "deletions"));
        } catch (JsonProcessingException e) {
            throw unreadable("it is not JSON");
        }
    }

    String encode() {
        ObjectNode json = PipedriveJson.object().put("v", VERSION);
        json.set("persons", encode(persons));
        json.set("leads", encode(leads));
        json.set("deletions", encode(deletions));
        return json.toString();
    }

    PipedriveCursor withPersons(Watermark watermark) {
        return new PipedriveCursor(watermark, leads, deletions);
    }

    PipedriveCursor withLeads(Watermark watermark) {
        return new PipedriveCursor(persons, watermark, deletions);
    }

    PipedriveCursor withDeletions(Watermark watermark) {
        return new PipedriveCursor(persons, leads, watermark);
    }

    private static ObjectNode encode(Watermark watermark) {
        ObjectNode json = PipedriveJson.object();
        if (watermark.since() != null) {
            json.put("since", watermark.since().toString());
        }
        ArrayNode ids = json.putArray("ids");
        watermark.ids().forEach(ids::add);
        return json;
    }

    private static Watermark watermark(JsonNode cursor, String stream) {
        JsonNode json = cursor.path(stream);
        if (!json.isObject()) {
            throw unreadable("it lacks '" + stream + "'");
        }
        JsonNode since = json.path("since");
        JsonNode ids = json.path("ids");
        if (!since.isMissingNode() && !since.isTextual() || !ids.isArray()) {
            throw unreadable("its '" + stream + "' is malformed");
        }
        Set<String> idSet = new LinkedHashSet<>();
        ids.forEach(id -> idSet.add(id.asText()));
        try {
            return new Watermark(since.isMissingNode() ? null : Instant.parse(since.asText()), idSet);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw unreadable("its '" + stream + "' is malformed");
        }
    }

    private static FatalConnectorException unreadable(String why) {
        // the cursor is this connector's own text; one it cannot read was damaged or written by another
        return new FatalConnectorException("Pipedrive: the stored cursor cannot be read (" + why + "); reset the "
                + "connection's cursor to read everything again");
    }
}
