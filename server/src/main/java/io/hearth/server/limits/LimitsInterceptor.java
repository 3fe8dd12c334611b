package io.hearth.server.limits;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import io.hearth.core.auth.Principal;
import io.hearth.core.error.ErrorReason;
import io.hearth.server.auth.Callers;
import io.hearth.server.config.LimitsConfig;
import io.hearth.server.config.ServerConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Per-caller limits of this server instance: a token bucket of calls and a cap on open streaming
 * calls. A caller is its token; a call without a token (only a server open to local callers takes
 * one) counts against the caller's IP address, so every local program of one machine shares one
 * bucket. It must run inside {@code AuthInterceptor}, which finds the caller's token. Over a limit
 * the call ends RESOURCE_EXHAUSTED with an ErrorInfo (and, for the rate, a RetryInfo saying when the
 * next call is allowed) before the service sees it.
 */
@Singleton
public final class LimitsInterceptor implements ServerInterceptor {
    static final String DOMAIN = "hearth.io";
    static final String RATE_LIMITED = ErrorReason.RATE_LIMITED.name();
    static final String TOO_MANY_STREAMS = ErrorReason.TOO_MANY_STREAMS.name();

    private final LimitsConfig limits;
    private final Optional<TokenBuckets> buckets;
    private final Optional<StreamSlots> streams;

    @Inject
    public LimitsInterceptor(ServerConfig config) {
        this(config.limits(), System::nanoTime);
    }

    LimitsInterceptor(LimitsConfig limits, LongSupplier nanoTime) {
        this.limits = requireNonNull(limits, "limits is null");
        this.buckets = limits.rateLimited()
                ? Optional.of(new TokenBuckets(limits.callsPerSecond(), limits.burst(), nanoTime))
                : Optional.empty();
        this.streams =
                limits.streamsCapped() ? Optional.of(new StreamSlots(limits.maxStreamsPerCaller())) : Optional.empty();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String caller = callerOf(call);
        if (buckets.isPresent()) {
            long waitNanos = buckets.get().take(caller);
            if (waitNanos > 0) {
                refuse(call, rateLimited(caller, waitNanos));
                return new ServerCall.Listener<>() {};
            }
        }
        if (streams.isEmpty() || call.getMethodDescriptor().getType() == MethodType.UNARY) {
            return next.startCall(call, headers);
        }
        StreamSlots slots = streams.get();
        if (!slots.acquire(caller)) {
            refuse(call, tooManyStreams(caller));
            return new ServerCall.Listener<>() {};
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                slots.release(caller);
            }
        };
        ServerCall<Q, R> releasingCall = new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                release.run();
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(releasingCall, headers);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        // a cancelled call (the client went away) may never be closed by its service
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                release.run();
                super.onCancel();
            }

            @Override
            public void onComplete() {
                release.run();
                super.onComplete();
            }
        };
    }

    /**
     * Counts a call whose token was refused (unknown, revoked, expired) against the address it came
     * from, in that address's bucket, so guessing tokens is as slow as any other calling. Call it
     * only after authentication failed: a valid token is counted against itself.
     *
     * @return true when the address is over the rate: the call was closed RESOURCE_EXHAUSTED with a
     *     RetryInfo, instead of UNAUTHENTICATED, and must not be started
     */
    public boolean refusedOverRate(ServerCall<?, ?> call) {
        if (buckets.isEmpty()) {
            return false;
        }
        String address = addressOf(call);
        long waitNanos = buckets.get().take(address);
        if (waitNanos <= 0) {
            return false;
        }
        refuse(call, rateLimited(address + " (with tokens the server refused)", waitNanos));
        return true;
    }

    /** The open streaming calls of this caller: for tests. */
    int openStreams(String caller) {
        return streams.map(slots -> slots.openBy(caller)).orElse(0);
    }

    /** Who a call counts against: its token, or else the address it came from. */
    static String callerOf(ServerCall<?, ?> call) {
        Optional<Principal> principal = Callers.current();
        if (principal.isPresent()) {
            return "token " + principal.get().tokenId();
        }
        return addressOf(call);
    }

    /** The address a call came from, as a caller: every call from one address shares it. */
    static String addressOf(ServerCall<?, ?> call) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (remote instanceof InetSocketAddress address && address.getAddress() != null) {
            return "address " + address.getAddress().getHostAddress();
        }
        return "local caller";
    }

    private com.google.rpc.Status rateLimited(String caller, long waitNanos) {
        String message = "rate limit: " + caller + " made more than " + number(limits.callsPerSecond())
                + " calls per second (bursts of " + limits.burst() + ") on this server; retry in "
                + seconds(waitNanos) + " s (the server's --rate-limit and --rate-burst)";
        return com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED.getNumber())
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason(RATE_LIMITED)
                        .setDomain(DOMAIN)
                        .putMetadata("calls_per_second", number(limits.callsPerSecond()))
                        .putMetadata("burst", Integer.toString(limits.burst()))
                        .build()))
                .addDetails(Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(Duration.newBuilder()
                                .setSeconds(waitNanos / 1_000_000_000L)
                                .setNanos((int) (waitNanos % 1_000_000_000L)))
                        .build()))
                .build();
    }

    private com.google.rpc.Status tooManyStreams(String caller) {
        String message = "too many streams: " + caller + " already has " + limits.maxStreamsPerCaller()
                + " streaming calls open on this server (watches, syncs, imports, exports), the most one "
                + "token may (the server's --max-streams-per-token); end one first";
        return com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED.getNumber())
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason(TOO_MANY_STREAMS)
                        .setDomain(DOMAIN)
                        .putMetadata("max_streams_per_token", Integer.toString(limits.maxStreamsPerCaller()))
                        .build()))
                .build();
    }

    private static void refuse(ServerCall<?, ?> call, com.google.rpc.Status status) {
        StatusException exception = StatusProto.toStatusException(status);
        call.close(exception.getStatus(), exception.getTrailers() == null ? new Metadata() : exception.getTrailers());
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9)
                .setScale(3, RoundingMode.UP)
                .stripTrailingZeros()
                .toPlainString()
                .toLowerCase(Locale.ROOT);
    }
}
