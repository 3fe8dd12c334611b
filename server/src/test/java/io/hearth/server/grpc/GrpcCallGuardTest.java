package io.hearth.server.grpc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.Code;
import io.grpc.Context;
import io.grpc.Deadline;
import io.hearth.core.error.CancelledException;
import io.hearth.core.error.DatabaseUnavailableException;
import io.hearth.core.error.DeadlineExceededException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The guard reads the current call's context; the statuses it leads to. */
class GrpcCallGuardTest {
    private final GrpcCallGuard guard = new GrpcCallGuard();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void workOutsideACallAndOfAWaitingCallerGoesOn() throws Exception {
        assertThatCode(guard::check).doesNotThrowAnyException();
        try (Context.CancellableContext call =
                Context.current().withDeadline(Deadline.after(1, TimeUnit.MINUTES), scheduler)) {
            call.call(() -> {
                guard.check();
                return null;
            });
        }
    }

    @Test
    void aPassedDeadlineIsDeadlineExceeded() {
        try (Context.CancellableContext call =
                Context.current().withDeadline(Deadline.after(-1, TimeUnit.SECONDS), scheduler)) {
            assertThatThrownBy(() -> call.run(guard::check)).isInstanceOf(DeadlineExceededException.class);
        }
    }

    @Test
    void aCancelledCallIsCancelled() {
        try (Context.CancellableContext call = Context.current().withCancellation()) {
            call.cancel(null);
            assertThatThrownBy(() -> call.run(guard::check)).isInstanceOf(CancelledException.class);
        }
    }

    @Test
    void eachFailureHasItsStatusCode() {
        Assertions.assertThat(
                        ErrorStatuses.of(new DatabaseUnavailableException(null)).getCode())
                .isEqualTo(Code.UNAVAILABLE.getNumber());
        Assertions.assertThat(ErrorStatuses.of(new DeadlineExceededException()).getCode())
                .isEqualTo(Code.DEADLINE_EXCEEDED.getNumber());
        Assertions.assertThat(ErrorStatuses.of(new CancelledException()).getCode())
                .isEqualTo(Code.CANCELLED.getNumber());
    }
}
