package io.hearth.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.Concurrently;
import io.hearth.core.HearthCore;
import io.hearth.core.app.ApiTokens;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.PermissionDeniedException;
import io.hearth.core.error.UnauthenticatedException;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.query.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API tokens on a real database, run against each database by a subclass. */
public abstract class ApiTokensContract {
    private static final String ADMIN_SECRET = "hth_configured-admin-token-0123456789abcdef";
    private final TickingClock clock = new TickingClock(Instant.parse("2026-12-06T09:00:00Z"), Duration.ofMillis(1));
    private TestDatabase testDatabase;
    private ApiTokens tokens;
    private Optional<Principal> admin;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        tokens = core(RecentTokens.none()).apiTokens();
        tokens.configureAdmin(ADMIN_SECRET);
        admin = Optional.of(tokens.authenticate(Optional.of(ADMIN_SECRET)));
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    private HearthCore core(RecentTokens recent) {
        return HearthCore.on(testDatabase.database())
                .clock(clock)
                .recentTokens(recent)
                .build();
    }

    private static NewToken rep(String user, String team) {
        return new NewToken(user, Role.REP, Optional.of(team), Optional.empty());
    }

    @Test
    void theConfiguredAdminTokenAuthenticatesAsAnAdminNamedAdmin() {
        assertThat(admin.orElseThrow())
                .isEqualTo(new Principal("admin", Role.ADMIN, Optional.empty(), ApiToken.CONFIGURED_ADMIN_ID));
        assertThat(tokens.anyTokenExists()).isTrue();
    }

    @Test
    void aNewTokenIsShownOnceAndAuthenticatesAsItsUserRoleAndTeam() {
        IssuedToken issued =
                tokens.create(admin, new NewToken(" alice ", Role.REP, Optional.of("east"), Optional.empty()));

        assertThat(issued.secret()).startsWith("hth_").hasSize(47);
        assertThat(issued.toString()).doesNotContain(issued.secret());
        assertThat(issued.token().user()).isEqualTo("alice");
        assertThat(issued.token().createdBy()).isEqualTo("admin");
        assertThat(tokens.authenticate(Optional.of(issued.secret())))
                .isEqualTo(new Principal(
                        "alice", Role.REP, Optional.of("east"), issued.token().id()));
    }

    @Test
    void onlyTheHashIsStored() {
        IssuedToken issued = tokens.create(admin, rep("alice", "east"));

        List<String> stored = new ArrayList<>();
        for (Record row : testDatabase.database().dsl().fetch("SELECT * FROM api_token")) {
            for (Object value : row.intoArray()) {
                stored.add(String.valueOf(value));
            }
        }
        assertThat(stored)
                .contains(TokenHash.of(issued.secret()).hex())
                .noneMatch(value -> value.contains(issued.secret()) || value.contains(ADMIN_SECRET));
    }

    @Test
    void unknownRevokedAndExpiredTokensAreRefusedWithOneAnswer() {
        IssuedToken revoked = tokens.create(admin, rep("bob", "east"));
        tokens.revoke(admin, revoked.token().id());
        IssuedToken expiring = tokens.create(
                admin, new NewToken("carol", Role.REP, Optional.empty(), Optional.of(Duration.ofHours(1))));
        assertThat(tokens.authenticate(Optional.of(expiring.secret())).user()).isEqualTo("carol");
        clock.advance(Duration.ofHours(1));

        List<String> answers = new ArrayList<>();
        for (String token : List.of("hth_" + "x".repeat(43), revoked.secret(), expiring.secret())) {
            assertThatThrownBy(() -> tokens.authenticate(Optional.of(token)))
                    .isInstanceOfSatisfying(UnauthenticatedException.class, e -> answers.add(e.getMessage()));
        }
        assertThat(answers).hasSize(3).containsOnly(answers.get(0));
        assertThat(answers.get(0)).doesNotContain(revoked.secret());
    }

    @Test
    void aCallWithoutATokenIsToldHowToSendOne() {
        assertThatThrownBy(() -> tokens.authenticate(Optional.empty()))
                .isInstanceOf(UnauthenticatedException.class)
                .hasMessageContaining("authorization: Bearer");
        assertThatThrownBy(() -> tokens.authenticate(Optional.of("x".repeat(TokenRules.MAX_TOKEN_LENGTH + 1))))
                .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void onlyAnAdminAdministersTokens() {
        Optional<Principal> alice = Optional.of(tokens.authenticate(
                Optional.of(tokens.create(admin, rep("alice", "east")).secret())));
        Optional<Principal> manager = Optional.of(tokens.authenticate(Optional.of(
                tokens.create(admin, new NewToken("mo", Role.MANAGER, Optional.of("east"), Optional.empty()))
                        .secret())));

        for (Optional<Principal> notAdmin : List.of(alice, manager)) {
            assertThatThrownBy(() -> tokens.create(notAdmin, rep("eve", "east")))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> tokens.list(notAdmin, 0, "")).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> tokens.revoke(notAdmin, ApiToken.CONFIGURED_ADMIN_ID))
                    .isInstanceOf(PermissionDeniedException.class);
        }
        // a server open to local callers has no principal: still no token from it
        assertThatThrownBy(() -> tokens.create(Optional.empty(), rep("eve", "east")))
                .isInstanceOf(UnauthenticatedException.class)
                .hasMessageContaining("HEARTH_ADMIN_TOKEN");
    }

    @Test
    void aRequestNamesEveryBadField() {
        assertThatThrownBy(() -> tokens.create(
                        admin,
                        new NewToken(" ", null, Optional.of("t".repeat(101)), Optional.of(Duration.ofSeconds(5)))))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactlyInAnyOrder("user", "role", "team", "expires_in"));
        assertThatThrownBy(() ->
                        tokens.create(admin, new NewToken("mo", Role.MANAGER, Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("team"));
    }

    @Test
    void theListPagesByAgeAndShowsRevocations() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(tokens.create(admin, rep("rep" + i, "east")).token().id());
        }
        tokens.revoke(admin, "tokens/" + made.get(1));

        List<ApiToken> seen = new ArrayList<>();
        String pageToken = "";
        int pages = 0;
        do {
            Page<ApiToken> page = tokens.list(admin, 2, pageToken);
            seen.addAll(page.items());
            pageToken = page.nextPageToken().orElse("");
            pages++;
        } while (!pageToken.isEmpty() && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).extracting(ApiToken::id).containsSubsequence(made).contains(ApiToken.CONFIGURED_ADMIN_ID);
        assertThat(seen)
                .filteredOn(t -> t.revokedAt().isPresent())
                .extracting(ApiToken::id)
                .containsExactly(made.get(1));
    }

    @Test
    void revokingAnUnknownTokenIsNotFoundAndRevokingTwiceKeepsTheFirstTime() {
        assertThatThrownBy(() -> tokens.revoke(admin, "nope")).isInstanceOf(NotFoundException.class);
        String id = tokens.create(admin, rep("alice", "east")).token().id();
        Instant first = tokens.revoke(admin, id).revokedAt().orElseThrow();
        assertThat(tokens.revoke(admin, id).revokedAt()).contains(first);
    }

    @Test
    void configuringTheSameAdminTokenAgainKeepsItsRevocationAndANewOneReplacesIt() {
        tokens.revoke(admin, ApiToken.CONFIGURED_ADMIN_ID);
        assertThat(tokens.configureAdmin(ADMIN_SECRET))
                .as("a restart with the revoked token")
                .isFalse();
        assertThatThrownBy(() -> tokens.authenticate(Optional.of(ADMIN_SECRET)))
                .isInstanceOf(UnauthenticatedException.class);

        String rotated = ADMIN_SECRET + "-rotated";
        assertThat(tokens.configureAdmin(rotated)).isTrue();
        assertThat(tokens.authenticate(Optional.of(rotated)).isAdmin()).isTrue();
        assertThatThrownBy(() -> tokens.authenticate(Optional.of(ADMIN_SECRET)))
                .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void aConfiguredAdminTokenMustBeLongPrintableAndItsOwn() {
        assertThatThrownBy(() -> tokens.configureAdmin("short"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("32")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> tokens.configureAdmin("a".repeat(40) + " b"))
                .isInstanceOf(InvalidArgumentException.class);
        String alices = tokens.create(admin, rep("alice", "east")).secret();
        assertThatThrownBy(() -> tokens.configureAdmin(alices)).isInstanceOf(FailedPreconditionException.class);
    }

    @Test
    void aRememberedTokenRevokedHereIsRefusedAtOnceAndOneRevokedElsewhereWithinTheTtl() {
        ApiTokens cached = core(new RecentTokens(Duration.ofMinutes(1), 100)).apiTokens();
        ApiTokens otherServer = core(RecentTokens.none()).apiTokens();
        IssuedToken here = cached.create(admin, rep("alice", "east"));
        IssuedToken there = cached.create(admin, rep("bob", "east"));
        cached.authenticate(Optional.of(here.secret()));
        cached.authenticate(Optional.of(there.secret()));

        cached.revoke(admin, here.token().id());
        otherServer.revoke(admin, there.token().id());

        assertThatThrownBy(() -> cached.authenticate(Optional.of(here.secret())))
                .isInstanceOf(UnauthenticatedException.class);
        assertThat(cached.authenticate(Optional.of(there.secret())).user())
                .as("still remembered within the TTL")
                .isEqualTo("bob");
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> cached.authenticate(Optional.of(there.secret())))
                .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void noTokenExistsOnAFreshDatabaseUntilOneIsMade() {
        testDatabase.close();
        testDatabase = openDatabase();
        ApiTokens fresh = core(RecentTokens.none()).apiTokens();
        assertThat(fresh.anyTokenExists()).isFalse();
        fresh.configureAdmin(ADMIN_SECRET);
        assertThat(fresh.anyTokenExists()).isTrue();
    }

    @Test
    void twoServersStartingAtOnceWithTheSameAdminTokenBothStartAndKeepOneRow() throws Exception {
        ApiTokens here = tokens;
        ApiTokens otherServer = HearthCore.on(testDatabase.anotherServer())
                .clock(clock)
                .recentTokens(RecentTokens.none())
                .build()
                .apiTokens();
        for (int round = 0; round < 20; round++) {
            testDatabase.database().dsl().execute("DELETE FROM api_token");
            List<ApiTokens> servers = List.of(here, otherServer);
            AtomicInteger next = new AtomicInteger();
            List<Boolean> started = Concurrently.run(
                    2, () -> servers.get(next.getAndIncrement()).configureAdmin(ADMIN_SECRET));

            assertThat(started).as("round %d", round).containsExactly(true, true);
            assertThat(testDatabase.database().dsl().fetchCount(DSL.table("api_token")))
                    .isEqualTo(1);
            assertThat(otherServer.authenticate(Optional.of(ADMIN_SECRET)).isAdmin())
                    .isTrue();
        }
    }
}
