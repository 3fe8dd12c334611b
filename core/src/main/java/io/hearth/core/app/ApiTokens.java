package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.ApiToken;
import io.hearth.core.auth.ApiTokenStore;
import io.hearth.core.auth.IssuedToken;
import io.hearth.core.auth.NewToken;
import io.hearth.core.auth.Principal;
import io.hearth.core.auth.RecentTokens;
import io.hearth.core.auth.Role;
import io.hearth.core.auth.TokenGenerator;
import io.hearth.core.auth.TokenHash;
import io.hearth.core.auth.TokenRules;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.PermissionDeniedException;
import io.hearth.core.error.UnauthenticatedException;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageSize;
import io.hearth.core.query.PageToken;
import io.hearth.core.resource.TimeOrderedIds;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * API tokens: made by an admin and shown once, listed without their secret, revoked, and checked on
 * every call. Only a token's SHA-256 is stored. Every administration call takes the caller's
 * {@link Principal}, empty when the server is open to local callers without tokens, and refuses all
 * but an admin's: so no token can come from an open endpoint.
 */
public final class ApiTokens {
    /** What the audit log keeps of a token: never its secret nor its hash. */
    public record Audited(String user, String role, String team, Instant expiresAt, Instant revokedAt) {
        static Audited of(ApiToken token) {
            return new Audited(
                    token.user(),
                    token.role().name().toLowerCase(java.util.Locale.ROOT),
                    token.team().orElse(null),
                    token.expiresAt().orElse(null),
                    token.revokedAt().orElse(null));
        }
    }

    private final AuditLog audit;

    static final String RESOURCE = "tokens/";
    /** Configuring the admin token reads again after losing a race; more than a few losses is a bug. */
    private static final int CONFIGURE_ATTEMPTS = 5;

    private static final String LIST_FINGERPRINT = PageToken.fingerprint("api_tokens by id");
    /** The same answer for unknown, revoked and expired tokens, so none can be told from the others. */
    private static final String INVALID_TOKEN =
            "the token is not valid (unknown, revoked or expired); ask an admin " + "for a new one";

    private final ApiTokenStore store;
    private final Transactor transactor;
    private final Clock clock;
    private final RecentTokens recent;
    private final TokenGenerator generator = new TokenGenerator();
    private final TimeOrderedIds ids;

    public ApiTokens(ApiTokenStore store, Transactor transactor, Clock clock, RecentTokens recent) {
        this(store, transactor, clock, recent, AuditLog.disabled());
    }

    /** @param audit where each token made and revoked is recorded (never its secret), in its transaction */
    public ApiTokens(ApiTokenStore store, Transactor transactor, Clock clock, RecentTokens recent, AuditLog audit) {
        this.audit = requireNonNull(audit, "audit is null");
        this.store = requireNonNull(store, "store is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.recent = requireNonNull(recent, "recent is null");
        this.ids = new TimeOrderedIds(clock);
    }

    /**
     * Who {@code token} belongs to.
     *
     * @param token as the caller sent it; empty when it sent none
     * @throws UnauthenticatedException without a token, or with one that is unknown, revoked or
     *     expired (one answer for all three)
     */
    public Principal authenticate(Optional<String> token) {
        if (token.isEmpty() || token.get().isBlank()) {
            throw new UnauthenticatedException("this call needs a token: send the header \"authorization: Bearer "
                    + "<token>\" (the hearth CLI: --token or HEARTH_TOKEN)");
        }
        if (token.get().length() > TokenRules.MAX_TOKEN_LENGTH) {
            throw new UnauthenticatedException(INVALID_TOKEN); // no token is that long: spare the lookup
        }
        TokenHash hash = TokenHash.of(token.get());
        Instant now = clock.instant();
        ApiToken found = recent.get(hash, now).orElseGet(() -> {
            Optional<ApiToken> stored = transactor.inTransaction(() -> store.findByHash(hash));
            stored.ifPresent(t -> recent.put(hash, t, now));
            return stored.orElse(null);
        });
        if (found == null || !found.validAt(now)) {
            throw new UnauthenticatedException(INVALID_TOKEN);
        }
        return found.principal();
    }

    /** Whether authentication is needed because some token was ever made (a revoked one counts). */
    public boolean anyTokenExists() {
        return transactor.inTransaction(store::anyExists);
    }

    /**
     * Makes a token; the only time its secret is given out.
     *
     * @throws InvalidArgumentException naming each bad field of {@code request}
     */
    public IssuedToken create(Optional<Principal> caller, NewToken request) {
        Principal admin = requireAdmin(caller);
        NewToken checked = TokenRules.check(request);
        // as the database keeps it, so the token shown at creation is the one listed later
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String secret = generator.next();
        ApiToken token = new ApiToken(
                ids.next().toString(),
                checked.user(),
                checked.role(),
                checked.team(),
                now,
                admin.user(),
                checked.expiresIn().map(now::plus),
                Optional.empty());
        transactor.run(() -> {
            store.insert(token, TokenHash.of(secret));
            audit.record(RESOURCE + token.id(), "create", null, Audited.of(token));
        });
        return new IssuedToken(token, secret);
    }

    /** The tokens by age, oldest first, revoked and expired ones included; never a secret or a hash. */
    public Page<ApiToken> list(Optional<Principal> caller, int pageSize, String pageToken) {
        requireAdmin(caller);
        int size = PageSize.resolve(pageSize, "page_size");
        Optional<String> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty()
                : Optional.of(PageToken.decode(pageToken, LIST_FINGERPRINT, "page_token")
                        .id());
        List<ApiToken> found = transactor.inTransaction(() -> store.list(size + 1, after));
        if (found.size() <= size) {
            return new Page<>(found, Optional.empty());
        }
        List<ApiToken> page = found.subList(0, size);
        String next = new PageToken(LIST_FINGERPRINT, "", page.get(size - 1).id()).encode();
        return new Page<>(page, Optional.of(next));
    }

    /**
     * Revokes a token: refused from the next call on, at once on this server and within
     * {@link RecentTokens#DEFAULT_TTL} on the others. Revoking a revoked token changes nothing.
     *
     * @param id the token's id, or {@code tokens/ID}
     * @throws NotFoundException when there is no such token
     */
    public ApiToken revoke(Optional<Principal> caller, String id) {
        requireAdmin(caller);
        String bare = id.startsWith(RESOURCE) ? id.substring(RESOURCE.length()) : id;
        if (bare.isBlank()) {
            throw InvalidArgumentException.of("id", "is required: the id of the token, as list shows it");
        }
        Instant now = clock.instant();
        ApiToken revoked = transactor.inTransaction(() -> {
            ApiToken token = store.find(bare).orElseThrow(() -> new NotFoundException(RESOURCE + bare));
            store.revoke(bare, now);
            ApiToken after = store.find(bare).orElse(token.revoked(now));
            audit.record(RESOURCE + bare, "revoke", Audited.of(token), Audited.of(after));
            return after;
        });
        recent.forget(bare);
        return revoked;
    }

    /**
     * Makes {@code token} the admin token {@value ApiToken#CONFIGURED_ADMIN_ID}, as the server's
     * configuration says at start. A token configured before is replaced; the same token again
     * changes nothing, so one revoked through the API stays revoked until another is configured.
     *
     * @return whether the configured token works (false: it was revoked)
     * @throws InvalidArgumentException when the token is too short or not printable ASCII
     * @throws FailedPreconditionException when the token is another token's
     */
    public boolean configureAdmin(String token) {
        requireNonNull(token, "token is null");
        TokenRules.configuredProblem(token).ifPresent(problem -> {
            throw InvalidArgumentException.of("admin_token", problem);
        });
        TokenHash hash = TokenHash.of(token);
        Instant now = clock.instant();
        ApiToken admin = new ApiToken(
                ApiToken.CONFIGURED_ADMIN_ID,
                ApiToken.CONFIGURED_ADMIN_ID,
                Role.ADMIN,
                Optional.empty(),
                now,
                ApiToken.CONFIGURED,
                Optional.empty(),
                Optional.empty());
        Boolean works = null;
        // a server starting at the same moment may insert the admin row between our read and our
        // insert: the database keeps one row, and the loser reads again and finds it
        for (int attempt = 1; works == null; attempt++) {
            if (attempt > CONFIGURE_ATTEMPTS) {
                throw new IllegalStateException(
                        "the admin token row kept changing under " + CONFIGURE_ATTEMPTS + " attempts to configure it");
            }
            works = transactor.inTransaction(() -> configureAdminOnce(admin, hash, now));
        }
        recent.forget(ApiToken.CONFIGURED_ADMIN_ID);
        return works;
    }

    /** One attempt; null when another server inserted the admin row first, so it must be read again. */
    private Boolean configureAdminOnce(ApiToken admin, TokenHash hash, Instant now) {
        Optional<ApiToken> same = store.findByHash(hash);
        if (same.isPresent()) {
            if (!same.get().id().equals(ApiToken.CONFIGURED_ADMIN_ID)) {
                throw new FailedPreconditionException(
                        ErrorReason.ADMIN_TOKEN_IN_USE,
                        "the configured admin token is already the token "
                                + same.get().id() + " of " + same.get().user() + "; configure a token of its own");
            }
            return same.get().validAt(now);
        }
        if (store.find(ApiToken.CONFIGURED_ADMIN_ID).isPresent()) {
            store.replace(admin, hash);
            return true;
        }
        return store.insertIfAbsent(admin, hash) ? Boolean.TRUE : null;
    }

    private static Principal requireAdmin(Optional<Principal> caller) {
        if (caller.isEmpty()) {
            throw new UnauthenticatedException("token administration needs an admin token, even on a server open "
                    + "to local callers: start the server with HEARTH_ADMIN_TOKEN or --admin-token-file and call "
                    + "with that token");
        }
        if (!caller.get().isAdmin()) {
            throw new PermissionDeniedException(
                    ErrorReason.ADMIN_ROLE_REQUIRED,
                    "token administration needs an admin's token; this one is a "
                            + caller.get().role().name().toLowerCase(Locale.ROOT) + "'s");
        }
        return caller.get();
    }
}
