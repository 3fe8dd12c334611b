package io.hearth.connector.crm.http;

import java.time.Duration;

/** Waits between attempts; injected so that tests record the waits instead of sleeping through them. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
