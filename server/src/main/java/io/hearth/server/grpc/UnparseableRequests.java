package io.hearth.server.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.Excerpts;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request whose bytes are not a message of its type (invalid UTF-8 in a string field,
 * truncated, nested deeper than protobuf's recursion limit) with INVALID_ARGUMENT and one log line.
 *
 * <p>grpc-java parses a request with its method's request marshaller in {@code ServerCallImpl},
 * before any interceptor or handler sees it. Protobuf's marshaller throws on bad bytes; the call is
 * then closed as UNKNOWN ("Application error processing RPC") and the exception, rethrown, is
 * logged with its stack trace by the call executor. So {@link #guard} declares every method of a
 * service again with a request marshaller that never throws: it hands on the message or why there
 * is none, and the handler in front of the service's own answers the latter itself.
 */
public final class UnparseableRequests {
    static final String REASON = ErrorReason.UNPARSEABLE_REQUEST.name();
    private static final Logger log = LoggerFactory.getLogger(UnparseableRequests.class);

    private UnparseableRequests() {}

    /** {@code service} with every method answering unparseable requests with INVALID_ARGUMENT. */
    public static ServerServiceDefinition guard(ServerServiceDefinition service) {
        ServiceDescriptor original = service.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor =
                ServiceDescriptor.newBuilder(original.getName()).setSchemaDescriptor(original.getSchemaDescriptor());
        List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            ServerMethodDefinition<?, ?> guarded = guard(method);
            descriptor.addMethod(guarded.getMethodDescriptor());
            methods.add(guarded);
        }
        ServerServiceDefinition.Builder result = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(result::addMethod);
        return result.build();
    }

    private static <ReqT, RespT> ServerMethodDefinition<Parsed<ReqT>, RespT> guard(
            ServerMethodDefinition<ReqT, RespT> definition) {
        MethodDescriptor<ReqT, RespT> method = definition.getMethodDescriptor();
        MethodDescriptor<Parsed<ReqT>, RespT> lenient = method.toBuilder(
                        new LenientMarshaller<>(method.getRequestMarshaller()), method.getResponseMarshaller())
                .build();
        return ServerMethodDefinition.create(lenient, new GuardedHandler<>(method, definition.getServerCallHandler()));
    }

    /** A request as it came: the message, or the failure that says why its bytes are none. */
    private record Parsed<T>(T message, RuntimeException failure) {}

    private record LenientMarshaller<T>(Marshaller<T> strict) implements Marshaller<Parsed<T>> {
        @Override
        public InputStream stream(Parsed<T> value) {
            return strict.stream(value.message());
        }

        @Override
        public Parsed<T> parse(InputStream stream) {
            try {
                return new Parsed<>(strict.parse(stream), null);
            } catch (RuntimeException e) {
                return new Parsed<>(null, e);
            }
        }
    }

    private record GuardedHandler<ReqT, RespT>(
            MethodDescriptor<ReqT, RespT> method, ServerCallHandler<ReqT, RespT> next)
            implements ServerCallHandler<Parsed<ReqT>, RespT> {
        @Override
        public ServerCall.Listener<Parsed<ReqT>> startCall(ServerCall<Parsed<ReqT>, RespT> call, Metadata headers) {
            ServerCall.Listener<ReqT> delegate = next.startCall(new TypedCall<>(call, method), headers);
            return new ServerCall.Listener<>() {
                // listener callbacks of one call never run concurrently
                private boolean refused;

                @Override
                public void onMessage(Parsed<ReqT> request) {
                    if (refused) {
                        return;
                    }
                    if (request.failure() != null) {
                        refused = true;
                        refuse(call, method, request.failure());
                        return;
                    }
                    delegate.onMessage(request.message());
                }

                @Override
                public void onHalfClose() {
                    if (!refused) {
                        delegate.onHalfClose();
                    }
                }

                @Override
                public void onReady() {
                    if (!refused) {
                        delegate.onReady();
                    }
                }

                @Override
                public void onCancel() {
                    delegate.onCancel();
                }

                @Override
                public void onComplete() {
                    delegate.onComplete();
                }
            };
        }
    }

    private static void refuse(ServerCall<?, ?> call, MethodDescriptor<?, ?> method, RuntimeException failure) {
        String why = why(failure);
        log.warn(
                "{}: the request message cannot be parsed ({}); answered INVALID_ARGUMENT",
                method.getFullMethodName(),
                why);
        StatusException refusal = StatusProto.toStatusException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT.getNumber())
                .setMessage("the request message cannot be parsed: " + why)
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason(REASON)
                        .setDomain(ErrorStatuses.DOMAIN)
                        .build()))
                .build());
        call.close(refusal.getStatus(), refusal.getTrailers() == null ? new Metadata() : refusal.getTrailers());
    }

    /** Protobuf's own words for what is wrong with the bytes, their first sentence. */
    private static String why(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidProtocolBufferException && t.getMessage() != null) {
                String message = t.getMessage().strip();
                int end = message.indexOf(". ");
                String sentence = end < 0 ? message : message.substring(0, end);
                sentence = sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
                return Excerpts.of(sentence.substring(0, 1).toLowerCase(Locale.ROOT) + sentence.substring(1), 120);
            }
        }
        return "not a valid protobuf message";
    }

    /** The service's view of the call: requests of its own type, the method as it declared it. */
    private static final class TypedCall<ReqT, RespT> extends ServerCall<ReqT, RespT> {
        private final ServerCall<Parsed<ReqT>, RespT> call;
        private final MethodDescriptor<ReqT, RespT> method;

        TypedCall(ServerCall<Parsed<ReqT>, RespT> call, MethodDescriptor<ReqT, RespT> method) {
            this.call = call;
            this.method = method;
        }

        @Override
        public void request(int numMessages) {
            call.request(numMessages);
        }

        @Override
        public void sendHeaders(Metadata headers) {
            call.sendHeaders(headers);
        }

        @Override
        public void sendMessage(RespT message) {
            call.sendMessage(message);
        }

        @Override
        public boolean isReady() {
            return call.isReady();
        }

        @Override
        public void setOnReadyThreshold(int numBytes) {
            call.setOnReadyThreshold(numBytes);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            call.close(status, trailers);
        }

        @Override
        public boolean isCancelled() {
            return call.isCancelled();
        }

        @Override
        public void setMessageCompression(boolean enabled) {
            call.setMessageCompression(enabled);
        }

        @Override
        public void setCompression(String compressor) {
            call.setCompression(compressor);
        }

        @Override
        public SecurityLevel getSecurityLevel() {
            return call.getSecurityLevel();
        }

        @Override
        public Attributes getAttributes() {
            return call.getAttributes();
        }

        @Override
        public String getAuthority() {
            return call.getAuthority();
        }

        @Override
        public MethodDescriptor<ReqT, RespT> getMethodDescriptor() {
            return method;
        }
    }
}
