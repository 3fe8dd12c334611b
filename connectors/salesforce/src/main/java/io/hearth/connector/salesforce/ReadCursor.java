package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.spi.FatalConnectorException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where an incremental read stands: for each object, the {@code (SystemModstamp, Id)} of the last record
 * returned to Hearth. Reads go in that order, so the next read asks for what comes after it and resumes
 * exactly there, even inside a run of records that share one SystemModstamp (a mass update).
 *
 * <p>The text Hearth stores, version 1, is JSON:
 * <pre>{@code {"v":1,"Lead":{"modstamp":"2026-12-01T10:00:00Z","id":"00Q5g000004AbCdEAF"},"Contact":{...}}}</pre>
 * An object that is absent has not been read yet: its next read starts at the beginning. A later format
 * gets a higher {@code v}; a version this code does not know fails the run rather than reading everything
 * again or skipping changes.
 */
record ReadCursor(Map<PersonObject, Position> positions) {
    static final int VERSION = 1;
    static final ReadCursor START = new ReadCursor(Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The last record returned from one object. */
    record Position(Instant modstamp, String id) {
        Position {
            requireNonNull(modstamp, "modstamp is null");
            if (!Soql.isId(id)) {
                throw new IllegalArgumentException("not a Salesforce record id");
            }
        }
    }

    ReadCursor {
        EnumMap<PersonObject, Position> copy = new EnumMap<>(PersonObject.class);
        copy.putAll(positions);
        positions = Collections.unmodifiableMap(copy);
    }

    Optional<Position> of(PersonObject object) {
        return Optional.ofNullable(positions.get(object));
    }

    ReadCursor after(PersonObject object, Position position) {
        EnumMap<PersonObject, Position> moved = new EnumMap<>(PersonObject.class);
        moved.putAll(positions);
        moved.put(object, position);
        return new ReadCursor(moved);
    }

    String encode() {
        ObjectNode root = JSON.createObjectNode().put("v", VERSION);
        positions.forEach((object, position) -> root.putObject(object.apiName())
                .put("modstamp", position.modstamp().toString())
                .put("id", position.id()));
        return root.toString();
    }

    /** The cursor Hearth stored, or {@link #START} for {@code null}. */
    static ReadCursor decode(String text) {
        if (text == null) {
            return START;
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject() || root.path("v").asInt(0) != VERSION) {
                throw unreadable("its version is not " + VERSION);
            }
            EnumMap<PersonObject, Position> positions = new EnumMap<>(PersonObject.class);
            for (PersonObject object : PersonObject.values()) {
                JsonNode position = root.path(object.apiName());
                if (!position.isMissingNode()) {
                    positions.put(
                            object,
                            new Position(
                                    Instant.parse(position.path("modstamp").asText()),
                                    position.path("id").asText()));
                }
            }
            return new ReadCursor(positions);
        } catch (JsonProcessingException | DateTimeParseException | IllegalArgumentException e) {
            throw unreadable("it is not the JSON this connector writes");
        }
    }

    private static FatalConnectorException unreadable(String why) {
        return new FatalConnectorException("the stored Salesforce cursor cannot be read (" + why + "); it was not "
                + "written by this version of the connector. Reset the connection's cursor to read everything again");
    }
}
