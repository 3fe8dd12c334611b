package io.hearth.connector.pipedrive;

import io.hearth.connector.crm.http.CrmResponse;
import io.hearth.connector.crm.http.ErrorDialect;
import io.hearth.connector.crm.http.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How Pipedrive says what went wrong. Its errors are {@code {"success":false,"error":"...","error_info":"..."}};
 * a rate limit is a 429 with {@code x-ratelimit-reset}, the seconds until the window resets (and, from
 * some gateways, {@code Retry-After}); a refused token is a 401, a missing permission or OAuth scope a 403.
 */
final class PipedriveErrors implements ErrorDialect {
    @Override
    public Optional<Duration> retryAfter(CrmResponse response, Instant now) {
        Optional<Duration> retryAfter =
                RetryAfter.parse(response.header("Retry-After").orElse(null), now);
        return retryAfter.isPresent()
                ? retryAfter
                : RetryAfter.seconds(response.header("x-ratelimit-reset").orElse(null));
    }

    @Override
    public String accessDenied(CrmResponse response) {
        if (response.status() == 401) {
            return "refused the API token (401: " + describe(response) + "); check api_token: it is under Personal "
                    + "preferences > API in Pipedrive and changes when the user regenerates it";
        }
        Area area = Area.of(response.request().path());
        boolean writing = !response.request().method().equals("GET");
        // an API token has no scopes: it acts with its user's permissions
        return "refused access to " + area.what + " (" + response.status() + ": " + describe(response) + "); the "
                + "Pipedrive user whose token is api_token needs permission to " + (writing ? "edit " : "see ")
                + area.what + ": give it to that user (Pipedrive: Company settings > Permission sets, and the "
                + "visibility groups) or use the API token of a user who has it";
    }

    /** The part of Pipedrive a request touches, to name the permission a refusal is about. */
    private enum Area {
        LEADS("the Leads Inbox"),
        DEALS("deals"),
        STAGES("the pipelines' stages"),
        ACTIVITIES("activities"),
        ORGANIZATIONS("organizations"),
        USERS("the company's users"),
        PERSONS("contacts (persons)");

        final String what;

        Area(String what) {
            this.what = what;
        }

        static Area of(String path) {
            if (path.contains("/lead")) {
                return LEADS;
            }
            if (path.contains("/deals")) {
                return DEALS;
            }
            if (path.contains("/stages")) {
                return STAGES;
            }
            if (path.contains("/activities")) {
                return ACTIVITIES;
            }
            if (path.contains("/organizations")) {
                return ORGANIZATIONS;
            }
            if (path.contains("/users")) {
                return USERS;
            }
            return PERSONS;
        }
    }
}
