package io.hearth.connector.crm.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** One answer of a CRM, whole: its status, headers and body (at most {@link CrmHttp#MAX_RESPONSE_BYTES}). */
public final class CrmResponse {
    private final CrmRequest request;
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    public CrmResponse(CrmRequest request, int status, HttpHeaders headers, byte[] body) {
        this.request = requireNonNull(request, "request is null");
        this.status = status;
        this.headers = requireNonNull(headers, "headers is null");
        this.body = requireNonNull(body, "body is null");
    }

    public CrmRequest request() {
        return request;
    }

    public int status() {
        return status;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The first value of a header, in any letter case. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public byte[] body() {
        return body.clone();
    }

    /** The body itself, not a copy, for this package's parsing. */
    byte[] bodyBytes() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body's start, printable and short, for a message. */
    public String excerpt() {
        return Text.excerpt(body);
    }

    /**
     * The body as JSON when it is JSON, else empty: for reading an error's details (HubSpot's
     * {@code errorType}, Salesforce's {@code errorCode}), where a body that is not JSON is no fault.
     */
    public Optional<JsonNode> jsonIfAny() {
        return body.length == 0
                ? Optional.empty()
                : Optional.ofNullable(Json.parse(body).node());
    }

    @Override
    public String toString() {
        return request.describe() + " -> " + status;
    }
}
