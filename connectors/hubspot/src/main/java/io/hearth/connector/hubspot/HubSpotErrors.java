package io.hearth.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmResponse;
import io.hearth.connector.crm.http.ErrorDialect;
import io.hearth.connector.crm.http.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How HubSpot says what went wrong. A rate limit is a 429 whose body names the limit
 * ({@code "errorType": "RATE_LIMIT", "policyName": "TEN_SECONDLY_ROLLING"}) and whose
 * {@code X-HubSpot-RateLimit-Interval-Milliseconds} header gives the rolling window; the CRM search
 * endpoints have a per-second limit and send no such headers. Refusals carry a {@code category}
 * ({@code INVALID_AUTHENTICATION}, {@code EXPIRED_AUTHENTICATION}, {@code MISSING_SCOPES}) and, for a
 * missing scope, the scopes the call needs.
 */
final class HubSpotErrors implements ErrorDialect {
    static final String PRIVATE_APPS = "Settings > Integrations > Private Apps";

    // what HubSpot's own limits mean when the answer gives no header
    private static final Duration ROLLING_WINDOW = Duration.ofSeconds(10);
    private static final Duration SECONDLY_WINDOW = Duration.ofSeconds(1);

    @Override
    public Optional<Duration> retryAfter(CrmResponse response, Instant now) {
        Optional<Duration> told =
                RetryAfter.parse(response.header("Retry-After").orElse(null), now);
        if (told.isPresent()) {
            return told;
        }
        String policy = response.jsonIfAny()
                .map(body -> body.path("policyName").asText(""))
                .orElse("");
        if (policy.equals("DAILY")
                || response.header("X-HubSpot-RateLimit-Daily-Remaining")
                        .filter("0"::equals)
                        .isPresent()) {
            // the daily allowance resets at midnight in the account's time zone; UTC midnight is the
            // nearest guess, and far past what one request waits: the run ends and a later one resumes
            Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC)
                    .plusDays(1)
                    .atStartOfDay()
                    .toInstant(ZoneOffset.UTC);
            return Optional.of(Duration.between(now, midnight));
        }
        Optional<String> interval = response.header("X-HubSpot-RateLimit-Interval-Milliseconds");
        if (interval.isPresent() && interval.get().strip().matches("\\d{1,9}")) {
            return Optional.of(Duration.ofMillis(Long.parseLong(interval.get().strip())));
        }
        if (policy.equals("TEN_SECONDLY_ROLLING")) {
            return Optional.of(ROLLING_WINDOW);
        }
        if (policy.equals("SECONDLY")) {
            return Optional.of(SECONDLY_WINDOW);
        }
        return Optional.empty();
    }

    @Override
    public String accessDenied(CrmResponse response) {
        Optional<JsonNode> body = response.jsonIfAny();
        String category = body.map(b -> b.path("category").asText("")).orElse("");
        if (response.status() == 401) {
            return "refused the access token (401" + (category.isEmpty() ? "" : " " + category) + ": "
                    + describe(response) + "); set access_token to the current token of the private app ("
                    + PRIVATE_APPS + " > your app > Auth), which starts with pat-";
        }
        List<String> scopes = body.map(HubSpotErrors::requiredScopes).orElse(List.of());
        if (category.equals("MISSING_SCOPES") || !scopes.isEmpty()) {
            String needed =
                    scopes.isEmpty() ? "a scope this call needs" : "the " + String.join(" or ", scopes) + " scope";
            return "says the token lacks " + needed + " (403 MISSING_SCOPES); add it to the private app ("
                    + PRIVATE_APPS + " > your app > Scopes), commit the change and use its token";
        }
        return "refused access (403" + (category.isEmpty() ? "" : " " + category) + ": " + describe(response)
                + "); the private app may lack a scope this connector needs: crm.objects.contacts.read and "
                + "crm.objects.contacts.write";
    }

    /** The scopes a 403 names: {@code errors[].context.requiredGranularScopes} or {@code requiredScopes}. */
    private static List<String> requiredScopes(JsonNode body) {
        List<String> scopes = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            for (String field : new String[] {"requiredGranularScopes", "requiredScopes"}) {
                for (JsonNode scope : error.path("context").path(field)) {
                    if (scope.isTextual()
                            && scope.asText().matches("[a-z0-9._-]{1,80}")
                            && !scopes.contains(scope.asText())) {
                        scopes.add(scope.asText());
                    }
                }
            }
        }
        return scopes;
    }
}
