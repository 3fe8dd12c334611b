package io.hearth.core.upkeep;

import java.time.Instant;

/** Which one-off passes a server runs as it starts have gone through to their end on this database. */
public interface StartPassStore {
    boolean done(String pass);

    /** Records {@code pass} as done; recording it again (another server finished it too) changes nothing. */
    void markDone(String pass, Instant at);
}
