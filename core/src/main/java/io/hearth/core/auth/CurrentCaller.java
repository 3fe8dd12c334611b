package io.hearth.core.auth;

import io.hearth.core.person.Scope;
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

    /** The people the caller may see and change. */
    default Scope scope() {
        return principal().map(Principal::scope).orElse(Scope.EVERYONE);
    }
}
