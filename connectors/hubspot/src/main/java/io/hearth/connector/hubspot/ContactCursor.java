package io.hearth.connector.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.spi.FatalConnectorException;
import java.util.Locale;

/**
 * Where a read of HubSpot's contacts stands, as the opaque cursor Hearth stores with each batch.
 *
 * <p>The format, version 1, a JSON object of at most a few hundred characters (Hearth keeps 2000):
 * <pre>{@code
 * {"v":1,"phase":"changes","modifiedFrom":1764583200000,"tieId":"501","deletedAfter":1764583140000,
 *  "deletedPage":"7301","deletedId":"7288"}
 * }</pre>
 * <ul>
 *   <li>{@code phase}: {@code deleted} while the recycle bin is listed, {@code changes} while the search for
 *       changed contacts runs. A read starts with the deleted phase (unless it is the first read), then
 *       the changes; a complete read ends in {@code deleted}, ready for the next run.
 *   <li>{@code modifiedFrom} (epoch milliseconds): every contact whose {@code lastmodifieddate} is before it
 *       was returned; with {@code tieId}, so was every contact modified exactly then whose id is at most
 *       {@code tieId}. Contacts are returned in ({@code lastmodifieddate}, id) order, so this pair says
 *       exactly what was returned, however many contacts share one millisecond.
 *   <li>{@code deletedAfter} (epoch milliseconds): every deletion at or before it was returned.
 *   <li>{@code deletedPage}, {@code deletedId}: the recycle bin's listing resumes at this paging token, past
 *       the contacts with ids up to {@code deletedId} on that page.
 * </ul>
 * Ids travel as strings, as HubSpot writes them. A cursor of another version, or one this connector did
 * not write, fails the read with a message rather than silently reading everything again.
 */
record ContactCursor(
        Phase phase, long modifiedFrom, Long tieId, long deletedAfter, String deletedPage, Long deletedId) {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Phase {
        DELETED,
        CHANGES;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    ContactCursor {
        if (modifiedFrom < 0 || deletedAfter < 0) {
            throw new IllegalArgumentException("cursor times must not be negative");
        }
    }

    /** The first read: every contact, no deletions (Hearth has none of the deleted contacts yet). */
    static ContactCursor first(long deletedAfter) {
        return new ContactCursor(Phase.CHANGES, 0, null, deletedAfter, null, null);
    }

    ContactCursor changedThrough(long modifiedAt, long id) {
        return new ContactCursor(Phase.CHANGES, modifiedAt, id, deletedAfter, null, null);
    }

    /** The changes are read through {@code until}: the next read starts with the deletions. */
    ContactCursor changesDone(long until) {
        return new ContactCursor(Phase.DELETED, Math.max(modifiedFrom, until + 1), null, deletedAfter, null, null);
    }

    ContactCursor deletedThrough(String page, Long id) {
        return new ContactCursor(Phase.DELETED, modifiedFrom, tieId, deletedAfter, page, id);
    }

    /** The deletions are read through {@code until}: the changes come next. */
    ContactCursor deletionsDone(long until) {
        return new ContactCursor(Phase.CHANGES, modifiedFrom, tieId, Math.max(deletedAfter, until), null, null);
    }

    String encode() {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", VERSION);
        node.put("phase", phase.word());
        node.put("modifiedFrom", modifiedFrom);
        if (tieId != null) {
            node.put("tieId", tieId.toString());
        }
        node.put("deletedAfter", deletedAfter);
        if (deletedPage != null) {
            node.put("deletedPage", deletedPage);
        }
        if (deletedId != null) {
            node.put("deletedId", deletedId.toString());
        }
        return node.toString();
    }

    static ContactCursor decode(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw unreadable("it is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw unreadable("it is not a JSON object");
        }
        if (node.path("v").asInt(-1) != VERSION) {
            throw unreadable(
                    "its version is " + node.path("v").asText("missing") + ", this connector reads " + VERSION);
        }
        Phase phase = switch (node.path("phase").asText("")) {
            case "deleted" -> Phase.DELETED;
            case "changes" -> Phase.CHANGES;
            default -> throw unreadable("its phase is neither deleted nor changes");
        };
        return new ContactCursor(
                phase,
                time(node, "modifiedFrom"),
                id(node, "tieId"),
                time(node, "deletedAfter"),
                node.hasNonNull("deletedPage") ? node.get("deletedPage").asText() : null,
                id(node, "deletedId"));
    }

    private static long time(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.canConvertToLong() || value.asLong() < 0) {
            throw unreadable("its " + field + " is not a time in milliseconds");
        }
        return value.asLong();
    }

    private static Long id(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        String text = node.get(field).asText();
        if (!text.matches("\\d{1,18}")) {
            throw unreadable("its " + field + " is not a HubSpot id");
        }
        return Long.parseLong(text);
    }

    private static FatalConnectorException unreadable(String why) {
        return new FatalConnectorException("the stored HubSpot cursor cannot be read: " + why + ". It was not "
                + "written by this version of the connector; reset the connection's cursor to read everything again");
    }

    @Override
    public String toString() {
        return encode();
    }
}
