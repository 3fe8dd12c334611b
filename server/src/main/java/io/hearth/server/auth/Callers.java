package io.hearth.server.auth;

import io.grpc.Context;
import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.Principal;
import java.util.Optional;

/**
 * Who the current gRPC call acts for, as {@link AuthInterceptor} found it: kept in the call's
 * {@link Context}, so a service (and later the scoped store queries) can read it on whatever thread
 * runs the call.
 */
public final class Callers {
    static final Context.Key<Principal> PRINCIPAL = Context.key("hearth-principal");
    static final Context.Key<String> METHOD = Context.key("hearth-method");

    /** The current call as core sees its caller: the token's principal and the RPC. */
    public static final CurrentCaller CURRENT = new CurrentCaller() {
        @Override
        public Optional<Principal> principal() {
            return current();
        }

        @Override
        public Optional<String> method() {
            return Optional.ofNullable(METHOD.get());
        }
    };

    private Callers() {}

    /** The caller's principal; empty when the server is open to local callers and none sent a token. */
    public static Optional<Principal> current() {
        return Optional.ofNullable(PRINCIPAL.get());
    }
}
