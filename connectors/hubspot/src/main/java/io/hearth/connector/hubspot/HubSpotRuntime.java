package io.hearth.connector.hubspot;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.crm.http.Credentials;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.RetryPolicy;
import io.hearth.connector.crm.http.Sleeper;
import java.time.Clock;
import java.time.Duration;

/**
 * What the connector takes from its surroundings: the clock (the end of each read's window), how it
 * waits and how patiently it retries. Production uses {@link #SYSTEM}; tests record waits instead of
 * sleeping and fix the clock.
 *
 * @param searchIndexDelay how far behind the clock a read's window ends: HubSpot's search index shows a
 *                         change a few seconds after it is made, so a window ending at "now" could pass
 *                         a change that is not searchable yet, and the next read would start after it
 */
record HubSpotRuntime(Clock clock, Sleeper sleeper, RetryPolicy retryPolicy, Duration searchIndexDelay) {
    static final HubSpotRuntime SYSTEM =
            new HubSpotRuntime(Clock.systemUTC(), Sleeper.SYSTEM, RetryPolicy.DEFAULT, Duration.ofMinutes(1));

    HubSpotRuntime {
        requireNonNull(clock, "clock is null");
        requireNonNull(sleeper, "sleeper is null");
        requireNonNull(retryPolicy, "retryPolicy is null");
        requireNonNull(searchIndexDelay, "searchIndexDelay is null");
    }

    CrmHttp http(HubSpotConfig config) {
        return http(config, retryPolicy);
    }

    /**
     * For a connection check, which a person waits for: one more try after a failure, not minutes of
     * them. A rate limit or an unreachable HubSpot still ends it as retriable.
     */
    CrmHttp httpForCheck(HubSpotConfig config) {
        return http(config, retryPolicy.withMaxAttempts(Math.min(2, retryPolicy.maxAttempts())));
    }

    private CrmHttp http(HubSpotConfig config, RetryPolicy policy) {
        return CrmHttp.builder("HubSpot", config.baseUrl())
                .credentials(Credentials.bearer(config.accessToken()))
                .errorDialect(new HubSpotErrors())
                .retryPolicy(policy)
                .sleeper(sleeper)
                .clock(clock)
                .userAgent("Hearth (hubspot connector)")
                .build();
    }
}
