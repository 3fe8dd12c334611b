package io.hearth.connector.pipedrive;

import java.util.HashSet;
import java.util.Set;

/**
 * The persons one read has given Hearth so far, so that the leads stream does not give a person again
 * when its leads say nothing new (a first read would otherwise give every person with a lead twice).
 * Bounded: past {@link #MAX_REMEMBERED} persons it forgets nothing and learns no more, and a person not
 * remembered is simply given again.
 */
final class GivenPersons {
    static final int MAX_REMEMBERED = 200_000;

    private final Set<String> ids = new HashSet<>();

    void add(String personId) {
        if (ids.size() < MAX_REMEMBERED) {
            ids.add(personId);
        }
    }

    boolean contains(String personId) {
        return ids.contains(personId);
    }
}
