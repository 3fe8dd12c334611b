package io.hearth.core.auth;

import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.PermissionDeniedException;
import io.hearth.core.person.Scope;
import java.util.Locale;
import java.util.Optional;

/**
 * Who the unit of work at hand acts for: the server reads it from the call (its token), tests set
 * it. Empty for a background job, or a call to a server open to local callers without tokens,
 * which act for everyone.
 */
@FunctionalInterface
public interface CurrentCaller {
    /** Nobody in particular: everyone's people are in scope. */
    CurrentCaller NONE = Optional::empty;

    Optional<Principal> principal();

    /** The RPC the unit of work serves ({@code hearth.v1.LeadService/UpdateLead}); empty for a background job. */
    default Optional<String> method() {
        return Optional.empty();
    }

    /**
     * Refuses a caller whose role is below {@code minimum} ({@link Role}s are declared lowest
     * first); a caller without a token (a server open to local callers, a background job) passes.
     *
     * @param what what is refused, for the message, e.g. "running an import"
     */
    default void require(Role minimum, String what) {
        Optional<Principal> caller = principal();
        if (caller.isPresent() && caller.get().role().compareTo(minimum) < 0) {
            throw new PermissionDeniedException(
                    // a REP minimum refuses no one: every role is at least a rep
                    minimum == Role.ADMIN ? ErrorReason.ADMIN_ROLE_REQUIRED : ErrorReason.MANAGER_ROLE_REQUIRED,
                    what + " needs " + (minimum == Role.ADMIN ? "an admin's" : "a manager's or an admin's")
                            + " token; this one is a "
                            + caller.get().role().name().toLowerCase(Locale.ROOT) + "'s");
        }
    }

    /** The people the caller may see and change. */
    default Scope scope() {
        return principal().map(Principal::scope).orElse(Scope.EVERYONE);
    }
}
