package io.hearth.core.touch;

import io.hearth.core.queue.PersonKind;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where cadence progress is kept; a person without a row has not started one. */
public interface CadenceStore {
    Optional<Cadence> find(PersonRef person);

    /** The cadences of those persons of one kind that have one, by person id. */
    Map<UUID, Cadence> findAll(PersonKind kind, Collection<UUID> personIds);

    /** Inserts or overwrites the person's cadence. */
    void save(Cadence cadence);
}
