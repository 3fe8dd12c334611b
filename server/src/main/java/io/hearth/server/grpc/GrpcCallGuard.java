package io.hearth.server.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.hearth.core.persistence.CallGuard;

/**
 * The call guard of gRPC calls: the current call's context says whether its client still waits (its
 * deadline has not passed, it did not cancel). Work that runs outside a call, such as the background
 * jobs, sees the root context, which never ends, and always goes on.
 */
public final class GrpcCallGuard implements CallGuard {
    private static final CallGuard CURRENT_CALL =
            CallGuard.of(GrpcCallGuard::deadlinePassed, () -> Context.current().isCancelled());

    @Override
    public void check() {
        CURRENT_CALL.check();
    }

    private static boolean deadlinePassed() {
        Deadline deadline = Context.current().getDeadline();
        return deadline != null && deadline.isExpired();
    }
}
