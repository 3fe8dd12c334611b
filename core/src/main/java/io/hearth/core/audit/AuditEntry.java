package io.hearth.core.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who changed what: the user and the token that proved it ({@code null} on a server open to local
 * callers, or for a background job, whose user is {@link #LOCAL} or {@link #SYSTEM}), the RPC, the
 * resource, what was done to it and the fields it changed.
 */
public record AuditEntry(
        UUID id,
        Instant at,
        String user,
        String tokenId,
        String method,
        String resource,
        String action,
        List<FieldChange> changes) {
    /** The user of a change made by a caller without a token, on a server open to local callers. */
    public static final String LOCAL = "(local caller)";
    /** The user of a change made by a background job (a schedule, a sweep). */
    public static final String SYSTEM = "(system)";

    public static final String COLLECTION = "auditEntries/";

    public AuditEntry {
        requireNonNull(id, "id is null");
        requireNonNull(at, "at is null");
        requireNonNull(user, "user is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(action, "action is null");
        changes = List.copyOf(changes);
    }

    public String name() {
        return COLLECTION + id;
    }
}
