package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.DatabaseUnavailableException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
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
        transactor = new Transactor(dsl);
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
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("the database is unavailable; retry");
        assertThat(elapsedSince(started)).isLessThan(CONNECT_TIMEOUT.multipliedBy(2));
    }

    @Test
    void aTransactionThatCannotBeginIsUnavailableWithinTheConnectTimeoutOnce() {
        pauseSoThePoolChecksItsConnections();
        db.cut();

        long started = System.nanoTime();
        assertThatThrownBy(() -> transactor.run(() -> dsl.execute("INSERT INTO outage_probe VALUES (1)")))
                .isInstanceOf(DatabaseUnavailableException.class);
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
