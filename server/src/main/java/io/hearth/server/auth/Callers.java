package io.hearth.server.auth;

import io.grpc.Context;
import io.hearth.core.auth.Principal;
import java.util.Optional;

/**
 * Who the current gRPC call acts for, as {@link AuthInterceptor} found it: kept in the call's
 * {@link Context}, so a service (and later the scoped store queries) can read it on whatever thread
 * runs the call.
 */
public final class Callers {
    static final Context.Key<Principal> PRINCIPAL = Context.key("hearth-principal");

    private Callers() {}

    /** The caller's principal; empty when the server is open to local callers and none sent a token. */
    public static Optional<Principal> current() {
        return Optional.ofNullable(PRINCIPAL.get());
    }
}
