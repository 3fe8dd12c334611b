package io.hearth.connector.crm.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How one CRM says what went wrong. {@link CrmHttp} decides what to do (wait, retry, refresh, fail);
 * a connector overrides these hooks where its CRM speaks differently, e.g.:
 * <ul>
 *   <li>HubSpot: a 429 whose {@code errorType} is {@code RATE_LIMIT}; a 403 naming the missing scope.
 *   <li>Salesforce: a 403 with {@code errorCode} {@code REQUEST_LIMIT_EXCEEDED} is a rate limit.
 *   <li>Pipedrive: a 429 whose {@code x-ratelimit-reset} header says when to come back.
 * </ul>
 */
public interface ErrorDialect {
    /** Reads Retry-After and the usual {@code message}/{@code error} fields; rate limits are 429s. */
    ErrorDialect DEFAULT = new ErrorDialect() {};

    /**
     * Whether the response means "too many requests, come back later". By default a 429; override to
     * add the CRM's own forms (Salesforce's 403 {@code REQUEST_LIMIT_EXCEEDED}).
     */
    default boolean isRateLimited(CrmResponse response) {
        return response.status() == 429;
    }

    /**
     * How long a rate-limited response asks to wait, or empty when it does not say (then the wait
     * backs off exponentially). By default its {@code Retry-After} header, in seconds or as an HTTP date;
     * override to read the CRM's rate-limit headers, e.g. with {@link RetryAfter#seconds}.
     */
    default Optional<Duration> retryAfter(CrmResponse response, Instant now) {
        return RetryAfter.parse(response.header("Retry-After").orElse(null), now);
    }

    /**
     * What a person should do about refused credentials: a 401 the credentials could not refresh away,
     * or a 403 that is no rate limit. Override to name the CRM's terms ("the private app lacks the
     * crm.objects.contacts.read scope: add it under Settings > Integrations > Private Apps").
     * {@link CrmHttp} adds the system's name and the request.
     */
    default String accessDenied(CrmResponse response) {
        return response.status() == 401
                ? "refused the credentials (401: " + describe(response) + "); check the token in the connection's "
                        + "config"
                : "refused access (" + response.status() + ": " + describe(response) + "); the credentials may lack "
                        + "a permission or scope this connector needs";
    }

    /**
     * The error an answer reports, shortly: its {@code message}, {@code error_description} or
     * {@code error} field (also of the first element of an array, as Salesforce answers), else the
     * start of its body.
     */
    default String describe(CrmResponse response) {
        Optional<JsonNode> json = response.jsonIfAny();
        if (json.isPresent()) {
            JsonNode error =
                    json.get().isArray() && !json.get().isEmpty() ? json.get().get(0) : json.get();
            for (String field : new String[] {"message", "error_description", "error"}) {
                JsonNode value = error.path(field);
                if (value.isTextual() && !value.asText().isBlank()) {
                    return Text.excerpt(value.asText());
                }
            }
        }
        String excerpt = response.excerpt();
        return excerpt.isEmpty() ? "no details" : excerpt;
    }
}
