package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.app.Transactor;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Work joined to the caller's transaction: no savepoint, committed and retried with it. */
class JooqTransactorJoinedTest {
    private Database database;
    private DSLContext dsl;
    private Transactor transactor;
    private StatementCounter counter;

    @BeforeEach
    void open() {
        database = TestDatabases.hsqldb();
        dsl = database.dsl();
        dsl.execute("CREATE TABLE joined_probe (id INT PRIMARY KEY)");
        transactor = new JooqTransactor(dsl);
        counter = StatementCounter.on(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void joinedWorkTakesNoSavepointWhereNestedWorkTakesOne() {
        counter.during(() -> transactor.run(() -> {
            insert(1);
            transactor.joined(() -> insert(2));
        }));
        assertThat(counter.transactionsBegun()).isEqualTo(1);

        counter.during(() -> transactor.run(() -> {
            insert(3);
            transactor.run(() -> insert(4));
        }));
        assertThat(counter.transactionsBegun()).as("nested: a savepoint").isEqualTo(2);
        assertThat(rows()).isEqualTo(4);
    }

    @Test
    void joinedWorkRollsBackWithItsCaller() {
        assertThatThrownBy(() -> transactor.run(() -> {
                    insert(1);
                    transactor.joined(() -> insert(2));
                    throw new IllegalStateException("the caller fails after the joined work");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(rows()).isZero();
    }

    @Test
    void aRetriableFailureOfJoinedWorkRetriesTheCallersWholeTransaction() {
        AtomicInteger outerAttempts = new AtomicInteger();
        AtomicInteger joinedAttempts = new AtomicInteger();

        transactor.run(() -> {
            outerAttempts.incrementAndGet();
            insert(1);
            transactor.joined(() -> {
                if (joinedAttempts.incrementAndGet() == 1) {
                    throw new DataAccessException("serialization failure", new SQLException("conflict", "40001"));
                }
                return insert(2);
            });
        });

        assertThat(outerAttempts).as("the whole transaction ran again").hasValue(2);
        assertThat(joinedAttempts).hasValue(2);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void withNoTransactionOpenJoinedWorkCommitsInOneOfItsOwn() {
        counter.during(() -> transactor.joined(() -> insert(1)));

        assertThat(counter.transactionsBegun()).isEqualTo(1);
        assertThat(rows()).isEqualTo(1);
    }

    private int insert(int id) {
        return dsl.execute("INSERT INTO joined_probe VALUES (" + id + ")");
    }

    private int rows() {
        return dsl.fetchCount(dsl.selectFrom("joined_probe"));
    }
}
