package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.hearth.core.app.ApiTokens;
import io.hearth.core.auth.Principal;
import io.hearth.core.error.UnauthenticatedException;
import io.hearth.server.limits.LimitsInterceptor;
import io.hearth.server.observability.AccessLog;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code authorization: Bearer <token>}, asks core who it belongs to, and runs the call with
 * that {@link Principal} in its context ({@link Callers}). A token that is sent is always checked;
 * a call without one goes through only while {@link Authentication} says none is needed. Core's
 * refusal (UNAUTHENTICATED) is thrown from here, so this must sit inside the interceptor that turns
 * failures into statuses ({@code HearthServer} puts it innermost). The token is never logged.
 */
public final class AuthInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";

    private final ApiTokens tokens;
    private final Authentication authentication;
    private final LimitsInterceptor limits;

    @Inject
    public AuthInterceptor(ApiTokens tokens, Authentication authentication, LimitsInterceptor limits) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.authentication = requireNonNull(authentication, "authentication is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Optional<String> token = bearerToken(headers.get(AUTHORIZATION));
        // the RPC is kept for the audit log of whatever the call changes
        Context context = Context.current()
                .withValue(Callers.METHOD, call.getMethodDescriptor().getFullMethodName());
        if (token.isEmpty() && !authentication.required()) {
            return Contexts.interceptCall(context, call, headers, next);
        }
        Principal principal;
        try {
            principal = tokens.authenticate(token);
        } catch (UnauthenticatedException refused) {
            // a refused token counts against its address: past the rate, guessing gets RESOURCE_EXHAUSTED
            if (limits.refusedOverRate(call)) {
                return new ServerCall.Listener<>() {};
            }
            throw refused;
        }
        AccessLog.noteCaller(principal.user());
        return Contexts.interceptCall(context.withValue(Callers.PRINCIPAL, principal), call, headers, next);
    }

    /**
     * The token of a {@code Bearer} header. A header of another scheme is passed on whole, so it is
     * refused as an unknown token rather than taken for no token at all.
     */
    static Optional<String> bearerToken(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Optional.of(value.substring(BEARER.length()).strip());
        }
        return Optional.of(value);
    }
}
