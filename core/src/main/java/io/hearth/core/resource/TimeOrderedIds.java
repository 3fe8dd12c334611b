package io.hearth.core.resource;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * UUIDv7 (RFC 9562): a millisecond timestamp followed by random bits. Ids made later sort later,
 * which keeps primary-key indexes append-mostly, and any server instance can make them without
 * asking the database.
 *
 * <p>Ids one generator makes within one millisecond sort in the order it made them too: each is the
 * one before plus a random step (RFC 9562, 6.2, method 2), so a list ordered by id (the audit log,
 * newest first) keeps the order of two events a millisecond holds. With fresh random bits for each,
 * a token's creation and revocation in one millisecond came out in either order. A clock that steps
 * back does not reorder them either: the generator goes on from its last id.
 */
public final class TimeOrderedIds {
    /** The version nibble and the 12 bits of {@code rand_a} in the most significant half. */
    private static final long RAND_A = 0x0FFFL;
    /** The 62 bits of {@code rand_b} in the least significant half, below the variant. */
    private static final long RAND_B = 0x3FFF_FFFF_FFFF_FFFFL;
    /** The largest step between two ids of one millisecond: about 2^62 / 2^32 ids fit in one. */
    private static final long MAX_STEP = 1L << 32;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMost;
    private long lastLeast;

    public TimeOrderedIds(Clock clock) {
        this.clock = clock;
    }

    public synchronized UUID next() {
        long millis = clock.millis();
        long most;
        long least;
        if (millis > lastMost >>> 16) {
            most = (millis << 16) | 0x7000L | (random.nextLong() & RAND_A);
            least = random.nextLong() & RAND_B;
        } else {
            // the same millisecond (or the clock stepped back): count on from the last id, carrying
            // from rand_b into rand_a and from rand_a into the timestamp
            most = lastMost;
            least = (lastLeast & RAND_B) + 1 + Math.floorMod(random.nextLong(), MAX_STEP);
            if (least > RAND_B) {
                least &= RAND_B;
                long randA = (most & RAND_A) + 1;
                long time = most >>> 16;
                if (randA > RAND_A) {
                    randA = 0;
                    time++;
                }
                most = (time << 16) | 0x7000L | randA;
            }
        }
        least |= 0x8000_0000_0000_0000L;
        lastMost = most;
        lastLeast = least;
        return new UUID(most, least);
    }
}
