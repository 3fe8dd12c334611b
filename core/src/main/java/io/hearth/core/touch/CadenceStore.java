package io.hearth.core.touch;

import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where cadence progress is kept; a person without a row has not started one. */
public interface CadenceStore {
    Optional<Cadence> find(PersonRef person);

    /**
     * The person's cadence ({@code null} when none is stored yet) and open follow-up step ({@code
     * null} when none is scheduled; were there two, the earlier due), read in one statement: what
     * every lead or contact shown needs, where two reads in a transaction cost PostgreSQL three
     * round trips.
     */
    Stored findWithOpenStep(PersonRef person);

    /**
     * @param cadence {@code null} when the person has none stored yet
     * @param openStep {@code null} when no follow-up is scheduled
     */
    record Stored(Cadence cadence, FollowUp openStep) {}

    /** The cadences of those persons of one kind that have one, by person id. */
    Map<UUID, Cadence> findAll(PersonKind kind, Collection<UUID> personIds);

    /** Inserts or overwrites the person's cadence. */
    void save(Cadence cadence);

    /**
     * The person's cadence ({@code Cadence.start(person, now)}, not stored, when there is none),
     * with the person locked until the caller's transaction ends: of two transactions claiming one
     * person, the second waits here until the first ends and then reads what it committed.
     */
    Cadence claim(PersonRef person, Instant now);

    /**
     * Ids of contacts, not archived, that have no cadence yet (stored before every contact got its
     * first step as it arrived), in id order after {@code after} ({@code null}: from the start).
     */
    List<UUID> contactsWithoutCadence(UUID after, int limit);
}
