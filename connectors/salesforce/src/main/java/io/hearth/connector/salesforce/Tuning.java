package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.crm.http.RetryPolicy;
import io.hearth.connector.crm.http.Sleeper;
import java.time.Clock;
import java.time.Duration;

/** What tests change about talking to Salesforce: how waits happen, the time, the retry bounds. */
record Tuning(Sleeper sleeper, Clock clock, RetryPolicy retryPolicy, Duration requestTimeout) {
    static final Tuning PRODUCTION =
            new Tuning(Sleeper.SYSTEM, Clock.systemUTC(), RetryPolicy.DEFAULT, Duration.ofSeconds(60));

    Tuning {
        requireNonNull(sleeper, "sleeper is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(retryPolicy, "retryPolicy is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
    }
}
