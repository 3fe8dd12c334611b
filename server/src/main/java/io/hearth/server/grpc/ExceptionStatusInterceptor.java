package io.hearth.server.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import io.hearth.core.error.FailureSummary;
import io.hearth.core.error.HearthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a call whose handler threw with the matching status, so services hold no try/catch:
 * domain failures become their documented codes with details, anything else becomes INTERNAL
 * with a summary of the cause in the server log (no SQL, no values; the whole exception at DEBUG)
 * rather than sent to the caller.
 */
public final class ExceptionStatusInterceptor implements ServerInterceptor {
    private static final Logger log = LoggerFactory.getLogger(ExceptionStatusInterceptor.class);

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        ServerCall.Listener<ReqT> delegate;
        try {
            delegate = next.startCall(call, headers);
        } catch (RuntimeException e) {
            closeWith(call, e);
            return new ServerCall.Listener<>() {};
        }
        return new SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(ReqT message) {
                guard(() -> super.onMessage(message));
            }

            @Override
            public void onHalfClose() {
                guard(super::onHalfClose);
            }

            @Override
            public void onReady() {
                guard(super::onReady);
            }

            private void guard(Runnable step) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    closeWith(call, e);
                }
            }
        };
    }

    private static void closeWith(ServerCall<?, ?> call, RuntimeException failure) {
        com.google.rpc.Status status;
        if (failure instanceof HearthException expected) {
            status = ErrorStatuses.of(expected);
        } else {
            // the summary, never the exception: jOOQ's message quotes the SQL and the driver's its values
            String method = call.getMethodDescriptor().getFullMethodName();
            log.error("{} failed unexpectedly: {}", method, FailureSummary.of(failure));
            log.debug("{} failed unexpectedly", method, failure);
            status = ErrorStatuses.internal();
        }
        StatusException exception = StatusProto.toStatusException(status);
        call.close(exception.getStatus(), exception.getTrailers() == null ? new Metadata() : exception.getTrailers());
    }
}
