package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.app.Transactor;
import io.hearth.core.error.DatabaseUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A database that goes away answers with {@link DatabaseUnavailableException} within the connect
 * timeout, on every path (a read outside a transaction, a transaction that cannot begin, a
 * connection lost in the middle of one), and is used again once it is back. Run against each
 * database by a subclass, through a proxy the test cuts.
 */
@Timeout(30)
abstract class DatabaseOutageContract {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private CuttableDatabase db;
    private DSLContext dsl;
    private Transactor transactor;

    protected abstract CuttableDatabase open(Duration connectTimeout);

    @BeforeEach
    void openDatabase() {
        db = open(CONNECT_TIMEOUT);
        dsl = db.database().dsl();
        transactor = new JooqTransactor(dsl);
        dsl.execute("CREATE TABLE outage_probe (id INT PRIMARY KEY)");
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) { // null when the test was skipped (no PostgreSQL configured)
            db.close();
        }
    }

    @Test
    void aReadWhileTheDatabaseIsAwayIsUnavailableWithinTheConnectTimeout() {
        db.cut();

        long started = System.nanoTime();
        assertThatThrownBy(() -> dsl.fetchCount(dsl.selectOne()))
                .isInstanceOfSatisfying(
                        DatabaseUnavailableException.class,
                        cutOff -> assertThat(cutOff.reason()).isEqualTo("DATABASE_UNAVAILABLE"))
                .hasMessage("the database is unavailable; retry");
        assertThat(elapsedSince(started)).isLessThan(CONNECT_TIMEOUT.multipliedBy(2));
    }

    @Test
    void aRenderedReadWhileTheDatabaseIsAwayIsUnavailableWithinTheConnectTimeout() {
        Field<Integer> id = DSL.field(DSL.name("id"), Integer.class);
        RenderedQuery read = new RenderedQuery(
                dsl,
                dsl.select(id).from(DSL.table(DSL.name("outage_probe"))).where(id.eq(DSL.param("id", Integer.class))));
        db.cut();

        long started = System.nanoTime();
        assertThatThrownBy(() -> read.fetch(dsl, Map.of("id", 1), row -> row.get(id)))
                .isInstanceOfSatisfying(
                        DatabaseUnavailableException.class,
                        cutOff -> assertThat(cutOff.reason()).isEqualTo("DATABASE_UNAVAILABLE"));
        assertThat(elapsedSince(started)).isLessThan(CONNECT_TIMEOUT.multipliedBy(2));
    }

    @Test
    void aTransactionThatCannotBeginIsUnavailableWithinTheConnectTimeoutOnce() {
        pauseSoThePoolChecksItsConnections();
        db.cut();

        long started = System.nanoTime();
        assertThatThrownBy(() -> transactor.run(() -> dsl.execute("INSERT INTO outage_probe VALUES (1)")))
                .isInstanceOfSatisfying(
                        DatabaseUnavailableException.class,
                        cutOff -> assertThat(cutOff.busy())
                                .as("a pool that cannot open connections is not merely busy")
                                .isFalse());
        // jOOQ asks for a connection to begin and twice more to roll back: only the first may wait
        assertThat(elapsedSince(started)).isLessThan(CONNECT_TIMEOUT.multipliedBy(2));
    }

    @Test
    void aConnectionLostInATransactionIsUnavailableAndNothingOfItIsCommitted() {
        assertThatThrownBy(() -> transactor.run(() -> {
                    dsl.execute("INSERT INTO outage_probe VALUES (1)");
                    db.cut();
                    dsl.execute("INSERT INTO outage_probe VALUES (2)");
                }))
                .isInstanceOf(DatabaseUnavailableException.class);

        db.restore();
        awaitTrue(() -> db.database().isAvailable(), Duration.ofSeconds(15));
        assertThat(dsl.fetchCount(dsl.selectFrom("outage_probe"))).isZero();
    }

    @Test
    void aPoolWithEveryConnectionInUseIsBusyNotUnavailableAndTheDatabaseCountsAsAvailable() throws Exception {
        int size = db.database().config().maxPoolSize();
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(size);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService holders = java.util.concurrent.Executors.newFixedThreadPool(size);
        try {
            for (int i = 0; i < size; i++) {
                holders.submit(() -> transactor.run(() -> {
                    dsl.fetchCount(dsl.selectOne());
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            assertThat(holding.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            long started = System.nanoTime();
            assertThatThrownBy(() -> transactor.run(() -> dsl.execute("INSERT INTO outage_probe VALUES (1)")))
                    .isInstanceOfSatisfying(DatabaseUnavailableException.class, busy -> {
                        assertThat(busy.busy()).isTrue();
                        assertThat(busy.reason()).isEqualTo("DATABASE_BUSY");
                    })
                    .hasMessageContaining("busy");
            assertThat(elapsedSince(started)).isLessThan(CONNECT_TIMEOUT.multipliedBy(2));
            assertThatThrownBy(() -> dsl.fetchCount(dsl.selectOne()))
                    .isInstanceOfSatisfying(
                            DatabaseUnavailableException.class,
                            busy -> assertThat(busy.busy()).isTrue());
            assertThat(db.database().isAvailable()).as("busy, not cut off").isTrue();
        } finally {
            release.countDown();
            holders.shutdown();
            assertThat(holders.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
        }
        transactor.run(() -> dsl.execute("INSERT INTO outage_probe VALUES (1)"));
        assertThat(dsl.fetchCount(dsl.selectFrom("outage_probe"))).isOne();
    }

    @Test
    void isAvailableFollowsTheDatabaseAway() {
        assertThat(db.database().isAvailable()).isTrue();

        db.cut();
        long started = System.nanoTime();
        assertThat(db.database().isAvailable()).isFalse();
        assertThat(elapsedSince(started)).isLessThan(CONNECT_TIMEOUT.multipliedBy(3));
    }

    @Test
    void workGoesOnOnceTheDatabaseIsBack() {
        pauseSoThePoolChecksItsConnections();
        db.cut();
        assertThatThrownBy(() -> transactor.run(() -> dsl.execute("INSERT INTO outage_probe VALUES (1)")))
                .isInstanceOf(DatabaseUnavailableException.class);

        db.restore();
        // the pool opens connections again with a back-off of up to five seconds
        awaitTrue(() -> db.database().isAvailable(), Duration.ofSeconds(15));
        // on this very thread too, which failed to begin a transaction before
        transactor.run(() -> dsl.execute("INSERT INTO outage_probe VALUES (1)"));
        assertThat(dsl.fetchCount(dsl.selectFrom("outage_probe"))).isOne();
    }

    /** Past the pool's half second in which a connection just used is handed out unchecked. */
    private static void pauseSoThePoolChecksItsConnections() {
        sleep(Duration.ofMillis(600));
    }

    private static Duration elapsedSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    static void awaitTrue(BooleanSupplier condition, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + atMost);
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
