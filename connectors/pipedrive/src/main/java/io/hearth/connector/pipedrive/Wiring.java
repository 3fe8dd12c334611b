package io.hearth.connector.pipedrive;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.crm.http.RetryPolicy;
import io.hearth.connector.crm.http.Sleeper;
import java.time.Clock;

/** What the connector takes from its surroundings: real in production, recorded or fixed in tests. */
record Wiring(Sleeper sleeper, Clock clock, RetryPolicy retryPolicy) {
    static final Wiring PRODUCTION = new Wiring(Sleeper.SYSTEM, Clock.systemUTC(), RetryPolicy.DEFAULT);

    Wiring {
        requireNonNull(sleeper, "sleeper is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(retryPolicy, "retryPolicy is null");
    }
}
