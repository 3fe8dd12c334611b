package io.hearth.core.persistence;

import static io.hearth.core.persistence.JooqContactStore.toOffset;
import static io.hearth.core.persistence.generated.Tables.START_PASS;
import static java.util.Objects.requireNonNull;

import io.hearth.core.upkeep.StartPassStore;
import java.time.Instant;
import org.jooq.DSLContext;

/** {@link StartPassStore} in the {@code start_pass} table (V28). */
public final class JooqStartPassStore implements StartPassStore {
    private final DSLContext dsl;

    public JooqStartPassStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public boolean done(String pass) {
        return dsl.fetchExists(START_PASS, START_PASS.NAME.eq(pass));
    }

    @Override
    public void markDone(String pass, Instant at) {
        dsl.insertInto(START_PASS)
                .set(START_PASS.NAME, pass)
                .set(START_PASS.DONE_AT, toOffset(at))
                .onDuplicateKeyIgnore()
                .execute();
    }
}
