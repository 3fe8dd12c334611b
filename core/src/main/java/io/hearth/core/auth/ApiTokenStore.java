package io.hearth.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The port to the stored tokens. Only a token's hash is stored; no method takes or gives a token. */
public interface ApiTokenStore extends TeamRoster {

    void insert(ApiToken token, TokenHash hash);

    /**
     * Inserts the token unless a row with its id or its hash exists, as the database's unique keys
     * decide: two servers inserting at once get one row and no error.
     *
     * @return whether this call inserted it
     */
    boolean insertIfAbsent(ApiToken token, TokenHash hash);

    /**
     * The token with this hash, whatever its state: one lookup by a unique index. Comparing in
     * constant time is not needed here: the database finds the row by the hash of what the caller
     * sent, so how long a lookup takes tells a caller about hashes near the hash of its own guess,
     * never about a token it does not know (SHA-256 cannot be steered to a chosen prefix).
     */
    Optional<ApiToken> findByHash(TokenHash hash);

    Optional<ApiToken> find(String id);

    /** Gives the token {@code token.id()} every other field of {@code token} and a new hash. */
    void replace(ApiToken token, TokenHash hash);

    /**
     * Marks the token revoked at {@code at} unless it already is.
     *
     * @return whether it was revoked now
     */
    boolean revoke(String id, Instant at);

    /** Tokens by id (ids made later sort later), {@code limit} at most, after {@code afterId}. */
    List<ApiToken> list(int limit, Optional<String> afterId);

    /** Whether any token was ever made, revoked and expired ones included: one indexed row at most. */
    boolean anyExists();
}
