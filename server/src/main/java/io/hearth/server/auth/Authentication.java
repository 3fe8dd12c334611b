package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.hearth.core.app.ApiTokens;
import io.hearth.server.config.ServerConfig;
import io.hearth.server.tls.ListenPolicy;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether calls need a token. They do when the server listens beyond loopback, when it was started
 * with an admin token, or once any token exists in the database (made through another server, or
 * before a restart). Otherwise the server is open to local callers, as a fresh install is, so its
 * first command needs no set-up. Once on, it stays on: only a restart that meets none of the three
 * turns it off, and rows are never deleted, so a token once made keeps it on for good.
 *
 * <p>While off, whether a token exists is asked again at most every {@link #RECHECK}, on a call: a
 * token made through another server sharing the database switches this one on within that time.
 */
@Singleton
public final class Authentication {
    static final Duration RECHECK = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(Authentication.class);

    private final ApiTokens tokens;
    private final ServerConfig config;
    private final LongSupplier nanoTime;
    private volatile boolean required;
    private long checkedAt;
    private boolean started;

    @Inject
    public Authentication(ApiTokens tokens, ServerConfig config) {
        this(tokens, config, System::nanoTime);
    }

    Authentication(ApiTokens tokens, ServerConfig config, LongSupplier nanoTime) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.config = requireNonNull(config, "config is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /**
     * Stores the configured admin token, if any, and decides whether calls need a token. Call it once,
     * before the server takes calls.
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        config.adminToken().ifPresent(admin -> {
            if (!tokens.configureAdmin(admin.value())) {
                log.warn(
                        "the admin token from {} was revoked: it authenticates nothing until another one is "
                                + "configured",
                        admin.source());
            }
        });
        required =
                !ListenPolicy.isLoopback(config.host()) || config.adminToken().isPresent() || tokens.anyTokenExists();
        checkedAt = nanoTime.getAsLong();
    }

    /** Whether this call must carry a valid token. */
    public boolean required() {
        if (required) {
            return true;
        }
        synchronized (this) {
            if (!required && nanoTime.getAsLong() - checkedAt >= RECHECK.toNanos()) {
                checkedAt = nanoTime.getAsLong();
                if (tokens.anyTokenExists()) {
                    required = true;
                    log.info("authentication is on: an API token exists now, so every call needs one");
                }
            }
            return required;
        }
    }
}
