package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.CancelledException;
import io.hearth.core.error.DeadlineExceededException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transactor asks its call guard before a transaction begins and before it commits. */
class TransactorGuardTest {
    private Database database;
    private DSLContext dsl;

    @BeforeEach
    void open() {
        database = TestDatabases.hsqldb();
        dsl = database.dsl();
        dsl.execute("CREATE TABLE guard_probe (id INT PRIMARY KEY)");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void workOfACallerWhoGaveUpDoesNotBegin() {
        AtomicBoolean ran = new AtomicBoolean();
        Transactor transactor = new Transactor(dsl, () -> {
            throw new DeadlineExceededException();
        });

        assertThatThrownBy(() -> transactor.run(() -> {
                    ran.set(true);
                    dsl.execute("INSERT INTO guard_probe VALUES (1)");
                }))
                .isInstanceOf(DeadlineExceededException.class);

        assertThat(ran).isFalse();
        assertThat(rows()).isZero();
    }

    @Test
    void workWhoseCallerGaveUpMeanwhileIsRolledBackInsteadOfCommitted() {
        AtomicInteger checks = new AtomicInteger();
        Transactor transactor = new Transactor(dsl, () -> {
            if (checks.incrementAndGet() > 1) {
                throw new CancelledException();
            }
        });

        assertThatThrownBy(() -> transactor.run(() -> dsl.execute("INSERT INTO guard_probe VALUES (1)")))
                .isInstanceOf(CancelledException.class);

        assertThat(checks).hasValue(2);
        assertThat(rows()).isZero();
    }

    @Test
    void onlyTheOutermostTransactionAsks() {
        AtomicInteger checks = new AtomicInteger();
        Transactor transactor = new Transactor(dsl, checks::incrementAndGet);

        transactor.run(() -> {
            dsl.execute("INSERT INTO guard_probe VALUES (1)");
            transactor.run(() -> dsl.execute("INSERT INTO guard_probe VALUES (2)"));
        });

        assertThat(checks)
                .as("before the outer transaction begins and before it commits")
                .hasValue(2);
        assertThat(rows()).isEqualTo(2);

        transactor.run(() -> dsl.execute("INSERT INTO guard_probe VALUES (3)"));
        assertThat(checks)
                .as("a later transaction on the same thread is outermost again")
                .hasValue(4);
    }

    private int rows() {
        return dsl.fetchCount(dsl.selectFrom("guard_probe"));
    }
}
