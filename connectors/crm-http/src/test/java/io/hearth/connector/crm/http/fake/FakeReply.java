package io.hearth.connector.crm.http.fake;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link FakeCrmServer} answers to one request: a status, headers and a body, or a fault (an
 * answer withheld until the server closes, a dropped connection). Immutable.
 */
public final class FakeReply {
    enum Fault {
        NONE,
        STALL,
        DROP
    }

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final Fault fault;

    private FakeReply(int status, Map<String, String> headers, byte[] body, Fault fault) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.fault = fault;
    }

    /** A JSON answer, e.g. {@code json(200, "{\"results\":[]}")}. */
    public static FakeReply json(int status, String json) {
        return new FakeReply(
                status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8), Fault.NONE);
    }

    /** A body of any type; an empty one is sent without a body (as for a 204). */
    public static FakeReply body(int status, String contentType, byte[] body) {
        return new FakeReply(status, Map.of("Content-Type", contentType), body.clone(), Fault.NONE);
    }

    /** A status without a body. */
    public static FakeReply status(int status) {
        return new FakeReply(status, Map.of(), new byte[0], Fault.NONE);
    }

    /** No answer at all until the server closes: the client's timeout must end the wait. */
    public static FakeReply stall() {
        return new FakeReply(0, Map.of(), new byte[0], Fault.STALL);
    }

    /** The connection closed without an answer, as a crashed proxy or a reset does. */
    public static FakeReply drop() {
        return new FakeReply(0, Map.of(), new byte[0], Fault.DROP);
    }

    public FakeReply withHeader(String name, String value) {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new FakeReply(status, Map.copyOf(more), body, fault);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    byte[] bodyBytes() {
        return body;
    }

    Fault fault() {
        return fault;
    }
}
