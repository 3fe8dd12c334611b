package io.hearth.connector.crm.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.Optional;

/** The one JSON mapper of this library, and what is wrong with a body that is not JSON. */
final class Json {
    /**
     * Thread-safe once configured. Trailing tokens fail the parse: two documents run together, or
     * a document followed by an error page, is no valid answer.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /** A parsed body, or why it is not JSON; an empty body (a 204) is a {@link MissingNode}. */
    record Parsed(JsonNode node, String problem) {}

    static Parsed parse(byte[] body) {
        if (body.length == 0) {
            return new Parsed(MissingNode.getInstance(), null);
        }
        try {
            return new Parsed(MAPPER.readTree(body), null);
        } catch (JacksonException e) {
            // Jackson's own message quotes the parser's state and its class names: say it plainly
            String at = Optional.ofNullable(e.getLocation())
                    .map(JsonLocation::getByteOffset)
                    .filter(o -> o >= 0)
                    .map(o -> " at byte " + o)
                    .orElse("");
            return new Parsed(
                    null,
                    (e instanceof JsonEOFException ? "the JSON ends early, as if cut short" : "it is not valid JSON")
                            + at + " of " + body.length);
        } catch (IOException e) {
            return new Parsed(null, "it could not be read as JSON");
        }
    }
}
