package io.hearth.core.dedup;

import io.hearth.core.person.PersonRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The claims a writer takes before it decides whether a person is new: one 64-bit id for each
 * matching key it carries. Two writers carrying one key claim one id, so they take turns, and the
 * second sees what the first stored ({@link PersonMatchStore#claim}). A hash collision only makes
 * two writers take turns that need not have. Ids come sorted and distinct: every writer takes its
 * claims in one order, so two writers never wait on each other in a circle.
 */
public final class KeyClaims {
    /** One digest per thread: looking the algorithm up for each of a batch's thousands of keys showed in an import's profile. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });

    private KeyClaims() {}

    /** The claims for a person entered by hand (no external id). */
    public static List<Long> of(MatchKeys keys) {
        return of(List.of(keys), null);
    }

    /** The claims for records of {@code connector} (null for hand entry): each record's keys, external id included. */
    public static List<Long> of(Collection<MatchKeys> keys, String connector) {
        TreeSet<Long> ids = new TreeSet<>();
        for (MatchKeys k : keys) {
            add(ids, "email", k.emailKey());
            add(ids, "phone", k.phone());
            add(ids, "name", k.nameKey());
            if (connector != null) {
                add(ids, "external:" + connector, k.externalId());
            }
        }
        return List.copyOf(ids);
    }

    /**
     * Claims on people themselves rather than on their keys: work that changes several stored
     * people at once (a merge) takes these, so two such works on one person take turns.
     */
    public static List<Long> ofPeople(Collection<PersonRef> people) {
        TreeSet<Long> ids = new TreeSet<>();
        people.forEach(person -> add(ids, "person", person.name()));
        return List.copyOf(ids);
    }

    private static void add(TreeSet<Long> ids, String kind, String key) {
        if (key != null) {
            ids.add(hash(kind + '\u0000' + key));
        }
    }

    static long hash(String text) {
        // digest() resets it for the next key
        byte[] digest = SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest).getLong();
    }
}
