package io.hearth.server.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.hearth.core.error.CancelledException;
import io.hearth.core.error.DeadlineExceededException;
import io.hearth.core.persistence.CallGuard;

/**
 * The call guard of gRPC calls: the current call's context says whether its client still waits (its
 * deadline has not passed, it did not cancel). Work that runs outside a call, such as the background
 * jobs, sees the root context, which never ends, and always goes on.
 */
public final class GrpcCallGuard implements CallGuard {
    @Override
    public void check() {
        Context context = Context.current();
        Deadline deadline = context.getDeadline();
        if (deadline != null && deadline.isExpired()) {
            throw new DeadlineExceededException();
        }
        if (context.isCancelled()) {
            throw new CancelledException();
        }
    }
}
