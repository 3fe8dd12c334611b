package io.hearth.core.persistence;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * The insert of a row whose unique key (a create's request id, a converted lead) another call may
 * have taken first, inside the caller's transaction: it answers whether this call stored the row,
 * and a lost race leaves the transaction usable, so the caller can read the winner's row and
 * answer with it.
 *
 * <p>On PostgreSQL the insert does nothing on conflict (it waits for a racing call's commit as the
 * unique key does); a failed insert would abort the whole transaction. On HSQLDB a failed
 * statement leaves the transaction usable but may leave what it wrote, so the insert runs in a
 * savepoint, which costs no round trip there. A row with no such key to lose is inserted plainly:
 * a refused insert fails the caller's transaction either way, and on PostgreSQL a savepoint is two
 * more round trips.
 */
final class RacedInsert {
    private RacedInsert() {}

    /**
     * @param mayLoseRace whether the row carries a key another call may have taken
     * @param insert the plain insert
     * @param insertOrNothing the insert doing nothing on conflict (PostgreSQL): the rows it inserted
     * @param withIt the rows that go with an inserted row (tags, visits)
     * @param takenByAnotherCall whether another call's row holds the key now
     * @return true when this call stored the row, false when another call's row holds its key
     */
    static boolean insert(
            DSLContext dsl,
            boolean mayLoseRace,
            Runnable insert,
            IntSupplier insertOrNothing,
            Runnable withIt,
            BooleanSupplier takenByAnotherCall) {
        if (!mayLoseRace) {
            insert.run();
            withIt.run();
            return true;
        }
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            if (insertOrNothing.getAsInt() == 0) {
                if (takenByAnotherCall.getAsBoolean()) {
                    return false;
                }
                throw new IllegalStateException("an insert did nothing on conflict, yet no other call holds its key");
            }
            withIt.run();
            return true;
        }
        try {
            dsl.transaction(() -> {
                insert.run();
                withIt.run();
            });
            return true;
        } catch (IntegrityConstraintViolationException e) {
            if (takenByAnotherCall.getAsBoolean()) {
                return false;
            }
            throw e;
        }
    }
}
