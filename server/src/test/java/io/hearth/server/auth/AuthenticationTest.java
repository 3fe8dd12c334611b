package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.HearthCore;
import io.hearth.core.app.ApiTokens;
import io.hearth.core.auth.NewToken;
import io.hearth.core.auth.Principal;
import io.hearth.core.auth.Role;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.server.config.AdminToken;
import io.hearth.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When calls need a token: the start-up decision and how a token made elsewhere switches it on. */
class AuthenticationTest {
    private static final String ADMIN = "hth_authentication-test-admin-0123456789";
    private final AtomicLong nanos = new AtomicLong();
    private TestDatabase database;
    private ApiTokens tokens;

    @BeforeEach
    void open() {
        database = TestDatabases.openHsqldb();
        tokens = HearthCore.on(database.database()).build().apiTokens();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Authentication started(String host, Optional<String> adminToken) {
        ServerConfig config = new ServerConfig(
                host, 0, Path.of("/tmp/unused"), DatabaseConfig.embedded(Path.of("/tmp/unused"), 1), "US");
        ServerConfig configured = adminToken
                .map(token -> config.withAdminToken(new AdminToken(token, "HEARTH_ADMIN_TOKEN")))
                .orElse(config);
        Authentication authentication = new Authentication(tokens, configured, nanos::get);
        authentication.start();
        return authentication;
    }

    @Test
    void aFreshServerOnLoopbackWithoutAnAdminTokenIsOpen() {
        assertThat(started("127.0.0.1", Optional.empty()).required()).isFalse();
        assertThat(started("localhost", Optional.empty()).required()).isFalse();
        assertThat(started("::1", Optional.empty()).required()).isFalse();
    }

    @Test
    void beyondLoopbackEveryCallNeedsAToken() {
        assertThat(started("0.0.0.0", Optional.empty()).required()).isTrue();
        assertThat(started("hearth.example.com", Optional.empty()).required()).isTrue();
    }

    @Test
    void anAdminTokenSwitchesItOnAndIsStored() {
        assertThat(started("127.0.0.1", Optional.of(ADMIN)).required()).isTrue();
        Principal admin = tokens.authenticate(Optional.of(ADMIN));
        assertThat(admin.isAdmin()).isTrue();
        assertThat(admin.user()).isEqualTo("admin");
    }

    @Test
    void aTokenInTheDatabaseSwitchesItOnAtStart() {
        tokens.configureAdmin(ADMIN);
        assertThat(started("127.0.0.1", Optional.empty()).required()).isTrue();
    }

    @Test
    void aTokenMadeElsewhereSwitchesAnOpenServerOnWithinTheRecheckPeriod() {
        Authentication authentication = started("127.0.0.1", Optional.empty());
        tokens.configureAdmin(ADMIN);
        Principal admin = tokens.authenticate(Optional.of(ADMIN));
        tokens.create(Optional.of(admin), new NewToken("alice", Role.REP, Optional.empty(), Optional.empty()));

        nanos.addAndGet(Authentication.RECHECK.toNanos() - 1);
        assertThat(authentication.required()).as("before the recheck").isFalse();
        nanos.addAndGet(1);
        assertThat(authentication.required()).isTrue();
    }
}
