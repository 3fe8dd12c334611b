package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.CancelledException;
import io.hearth.core.error.DeadlineExceededException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A caller who gave up is answered by why: its deadline first, then its cancellation. */
class CallGuardTest {
    @Test
    void aWaitingCallerGoesOnAndOneWhoGaveUpIsToldWhy() {
        AtomicBoolean deadlinePassed = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        CallGuard guard = CallGuard.of(deadlinePassed::get, cancelled::get);

        assertThatCode(guard::check).doesNotThrowAnyException();
        cancelled.set(true);
        assertThatThrownBy(guard::check).isInstanceOf(CancelledException.class);
        deadlinePassed.set(true);
        assertThatThrownBy(guard::check).isInstanceOf(DeadlineExceededException.class);
        cancelled.set(false);
        assertThatThrownBy(guard::check).isInstanceOf(DeadlineExceededException.class);
    }
}
