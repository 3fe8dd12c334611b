package io.hearth.server.observability;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.hearth.core.auth.Principal;
import io.hearth.server.auth.Callers;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One line per RPC on the {@code hearth.access} logger: method, status, duration, caller and a
 * request id. The id is the caller's {@code x-request-id} when it sends a usable one (so a client
 * or proxy can follow its call through), else a new one; it is returned in the response headers
 * and trailers either way. The line holds no request or response content and no status message
 * (a message may quote what was sent), so no personal data reaches the log. Health checks and
 * reflection, which load balancers and tools call all day, are logged at DEBUG.
 */
public final class AccessLog implements ServerInterceptor {
    public static final Metadata.Key<String> REQUEST_ID =
            Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
    private static final Pattern USABLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger("hearth.access");
    /**
     * Where authentication notes who the call is for: a call that ends in an exception is closed
     * outside the context authentication gave it, so the line could not read the caller there.
     */
    private static final Context.Key<AtomicReference<String>> CALLER = Context.key("hearth-access-caller");

    /** Names the current call's caller for its access log line (authentication calls it). */
    public static void noteCaller(String user) {
        AtomicReference<String> slot = CALLER.get();
        if (slot != null) {
            slot.set(user);
        }
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        long started = System.nanoTime();
        String method = call.getMethodDescriptor().getFullMethodName();
        String requestId = requestId(headers.get(REQUEST_ID));
        Level level = method.startsWith("grpc.") ? Level.DEBUG : Level.INFO;
        AtomicReference<String> noted = new AtomicReference<>("-");
        return Contexts.interceptCall(
                Context.current().withValue(CALLER, noted),
                new SimpleForwardingServerCall<>(call) {
                    @Override
                    public void sendHeaders(Metadata responseHeaders) {
                        responseHeaders.put(REQUEST_ID, requestId);
                        super.sendHeaders(responseHeaders);
                    }

                    @Override
                    public void close(Status status, Metadata trailers) {
                        trailers.put(REQUEST_ID, requestId);
                        if (log.isEnabledForLevel(level)) {
                            long micros = (System.nanoTime() - started) / 1_000;
                            String caller =
                                    Callers.current().map(Principal::user).orElseGet(noted::get);
                            log.atLevel(level)
                                    .addKeyValue("method", method)
                                    .addKeyValue("status", status.getCode().name())
                                    .addKeyValue("duration_ms", micros / 1000.0)
                                    .addKeyValue("caller", caller)
                                    .addKeyValue("request_id", requestId)
                                    .log(
                                            "{} {} {} ms caller={} request_id={}",
                                            method,
                                            status.getCode(),
                                            milliseconds(micros),
                                            caller,
                                            requestId);
                        }
                        super.close(status, trailers);
                    }
                },
                headers,
                next);
    }

    /**
     * {@code micros} in milliseconds with one decimal, rounded half up, as {@code %.1f} prints it:
     * {@code String.format} cost a third of the line's CPU, a thirtieth of a {@code GetLead}.
     */
    static String milliseconds(long micros) {
        long tenths = (micros + 50) / 100;
        return (tenths / 10) + "." + (tenths % 10);
    }

    /** The caller's id when it is short and plain (it goes into log lines), else a new random one. */
    static String requestId(String sent) {
        return sent != null && USABLE_ID.matcher(sent).matches() ? sent : newRequestId();
    }

    /**
     * 96 random bits in hex. A correlation id needs to be unique, not unpredictable: {@code
     * SecureRandom} (NativePRNG, one lock for the whole process and a SHA-1 per id) was a twelfth of
     * the access log's CPU on every call.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextInt());
    }
}
