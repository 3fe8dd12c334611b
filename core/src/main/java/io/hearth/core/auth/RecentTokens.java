package io.hearth.core.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens this server looked up lately, so a client making many calls costs one lookup per
 * {@code ttl} rather than one per call. Bounded: at {@code capacity} entries it starts over empty.
 *
 * <p>What it costs: a token revoked on <em>this</em> server is dropped at once, but one revoked on
 * another server sharing the database keeps working here for up to {@code ttl}. Expiry is checked on
 * every call against the cached expiry time, so it is exact. Unknown tokens are not remembered: a
 * new token works at once everywhere.
 */
public final class RecentTokens {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);
    public static final int DEFAULT_CAPACITY = 10_000;

    private record Entry(ApiToken token, Instant loadedAt) {}

    private final Map<TokenHash, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int capacity;

    public RecentTokens(Duration ttl, int capacity) {
        this.ttl = requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative, got " + ttl);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Nothing is remembered: every call looks its token up. */
    public static RecentTokens none() {
        return new RecentTokens(Duration.ZERO, 0);
    }

    /** The token as it was looked up less than {@code ttl} before {@code now}. */
    public Optional<ApiToken> get(TokenHash hash, Instant now) {
        Entry entry = entries.get(hash);
        if (entry == null || !now.isBefore(entry.loadedAt().plus(ttl))) {
            return Optional.empty();
        }
        return Optional.of(entry.token());
    }

    public void put(TokenHash hash, ApiToken token, Instant now) {
        if (capacity == 0 || ttl.isZero()) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.clear(); // the simplest bound: the busy tokens are back after one lookup each
        }
        entries.put(hash, new Entry(token, now));
    }

    /** Forgets the token {@code id}, after it was revoked or replaced here. */
    public void forget(String id) {
        entries.values().removeIf(entry -> entry.token().id().equals(id));
    }
}
