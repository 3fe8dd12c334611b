package io.hearth.server.auth;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Calls any method with its empty request and an optional token, and returns the status it ends with. */
final class TokenCalls {
    /** Long enough for any call that passed authentication to answer; a watch stream ends here. */
    private static final long DEADLINE_MILLIS = 1_500;

    private TokenCalls() {}

    static Channel withToken(Channel channel, Optional<String> token) {
        if (token.isEmpty()) {
            return channel;
        }
        Metadata headers = new Metadata();
        headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + token.get());
        return io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @SuppressWarnings("unchecked")
    static Status call(Channel channel, MethodDescriptor<?, ?> method, Optional<String> token) throws Exception {
        MethodDescriptor<Object, Object> any = (MethodDescriptor<Object, Object>) method;
        Object request =
                ((MethodDescriptor.PrototypeMarshaller<Object>) any.getRequestMarshaller()).getMessagePrototype();
        CompletableFuture<Status> closed = new CompletableFuture<>();
        ClientCall<Object, Object> call = withToken(channel, token)
                .newCall(any, CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS));
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        closed.complete(status);
                    }
                },
                new Metadata());
        call.request(Integer.MAX_VALUE);
        call.sendMessage(request);
        call.halfClose();
        return closed.get(30, TimeUnit.SECONDS);
    }
}
