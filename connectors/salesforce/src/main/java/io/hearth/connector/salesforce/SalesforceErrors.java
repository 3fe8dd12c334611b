package io.hearth.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmResponse;
import io.hearth.connector.crm.http.ErrorDialect;
import io.hearth.connector.crm.http.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How Salesforce's REST API says what went wrong: an array of {@code {"message", "errorCode", "fields"}},
 * its limits as a 403 {@code REQUEST_LIMIT_EXCEEDED}, and its daily usage in the {@code Sforce-Limit-Info}
 * header ({@code api-usage=14990/15000}).
 */
final class SalesforceErrors implements ErrorDialect {
    static final String REQUEST_LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";
    /**
     * How long to wait once the org's API requests of the last 24 hours are used up. The window rolls, so
     * calls come back slowly and no answer says when; this is longer than a request ever waits, so the run
     * ends at once and a later run tries again.
     */
    static final Duration DAILY_LIMIT_WAIT = Duration.ofHours(1);

    private final Map<String, String> fieldHints;

    /**
     * @param fieldHints what to do when Salesforce lacks a field the config names (the touch id field), by
     *                   the field's API name: added to an {@code INVALID_FIELD} error that mentions it
     */
    SalesforceErrors(Map<String, String> fieldHints) {
        this.fieldHints = Map.copyOf(fieldHints);
    }

    @Override
    public boolean isRateLimited(CrmResponse response) {
        return response.status() == 429
                || response.status() == 403 && REQUEST_LIMIT_EXCEEDED.equals(errorCode(response));
    }

    /**
     * Retry-After when an answer has it. Otherwise the daily limit ({@code TotalRequests Limit exceeded})
     * waits {@link #DAILY_LIMIT_WAIT}, and the concurrent-request limit backs off (empty), since the long
     * requests in flight end within seconds.
     */
    @Override
    public Optional<Duration> retryAfter(CrmResponse response, Instant now) {
        Optional<Duration> told =
                RetryAfter.parse(response.header("Retry-After").orElse(null), now);
        if (told.isPresent()) {
            return told;
        }
        return isDailyLimit(response) ? Optional.of(DAILY_LIMIT_WAIT) : Optional.empty();
    }

    @Override
    public String accessDenied(CrmResponse response) {
        String code = errorCode(response);
        String said = describe(response);
        if (response.status() == 401) {
            return "refused the access token even after logging in again (" + said + "); check that the app's OAuth "
                    + "policies allow the integration user and that its session policies let tokens reach the API";
        }
        return switch (code) {
            case "API_DISABLED_FOR_ORG" ->
                "has the API turned off for this org (" + said + "): the org's edition " + "must include API access";
            case "API_CURRENTLY_DISABLED" ->
                "refuses the API to the integration user (" + said + "): give the user "
                        + "the API Enabled permission (in its profile or a permission set)";
            default ->
                "refused access (" + said + "); the app's OAuth scopes must include api (Manage user data via "
                        + "APIs) and the integration user needs read and edit access to Lead, Contact and Task";
        };
    }

    /** {@code ERROR_CODE: message} of the first error, the daily usage when at the limit; else the body's start. */
    @Override
    public String describe(CrmResponse response) {
        Optional<JsonNode> first = firstError(response);
        if (first.isEmpty()) {
            return ErrorDialect.DEFAULT.describe(response);
        }
        String code = first.get().path("errorCode").asText("");
        String message = first.get().path("message").asText("");
        String text = code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message;
        if (code.equals("INVALID_FIELD")) {
            for (Map.Entry<String, String> hint : fieldHints.entrySet()) {
                if (message.contains(hint.getKey())) {
                    text += ". " + hint.getValue();
                }
            }
        }
        if (isDailyLimit(response)) {
            text += "; the org's API requests of the last 24 hours are used up"
                    + response.header("Sforce-Limit-Info")
                            .map(usage -> " (" + usage + ")")
                            .orElse("");
        }
        return text.isEmpty() ? ErrorDialect.DEFAULT.describe(response) : text;
    }

    static String errorCode(CrmResponse response) {
        return firstError(response)
                .map(error -> error.path("errorCode").asText(""))
                .orElse("");
    }

    private static boolean isDailyLimit(CrmResponse response) {
        return REQUEST_LIMIT_EXCEEDED.equals(errorCode(response))
                && firstError(response)
                        .map(error -> error.path("message").asText("").contains("TotalRequests"))
                        .orElse(false);
    }

    private static Optional<JsonNode> firstError(CrmResponse response) {
        return response.jsonIfAny()
                .filter(body -> body.isArray() && !body.isEmpty())
                .map(body -> body.get(0))
                .filter(JsonNode::isObject);
    }
}
