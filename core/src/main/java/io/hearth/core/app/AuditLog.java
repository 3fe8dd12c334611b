package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.audit.AuditEntry;
import io.hearth.core.audit.AuditQuery;
import io.hearth.core.audit.AuditStore;
import io.hearth.core.audit.Changes;
import io.hearth.core.audit.FieldChange;
import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.Principal;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.PermissionDeniedException;
import io.hearth.core.error.UnauthenticatedException;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageSize;
import io.hearth.core.query.PageToken;
import io.hearth.core.resource.ControlCharacters;
import io.hearth.core.resource.TimeOrderedIds;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who changed what: the use cases record each write here inside its own transaction, so an entry
 * commits or rolls back with its change. Only admins read the log.
 */
public final class AuditLog {
    private final AuditStore store;
    private final CurrentCaller caller;
    private final Clock clock;
    private final TimeOrderedIds ids;

    /** A log that keeps nothing, for use cases wired by hand in tests and benchmarks. */
    public static AuditLog disabled() {
        return new AuditLog(
                new AuditStore() {
                    @Override
                    public void insert(AuditEntry entry) {}

                    @Override
                    public Page<AuditEntry> list(AuditQuery query) {
                        return new Page<>(List.of(), Optional.empty());
                    }
                },
                CurrentCaller.NONE,
                Clock.systemUTC());
    }

    public AuditLog(AuditStore store, CurrentCaller caller, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.caller = requireNonNull(caller, "caller is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = new TimeOrderedIds(clock);
    }

    /**
     * Records a write of {@code resource} in the caller's transaction: the fields that differ
     * between {@code before} ({@code null} for a create) and {@code after}. A write that changed no
     * field leaves no entry.
     */
    public void record(String resource, String action, Record before, Record after) {
        List<FieldChange> changes = Changes.between(before, after);
        if (changes.isEmpty()) {
            return;
        }
        Optional<Principal> principal = caller.principal();
        Optional<String> method = caller.method();
        String user = principal.map(Principal::user).orElse(method.isPresent() ? AuditEntry.LOCAL : AuditEntry.SYSTEM);
        store.insert(new AuditEntry(
                ids.next(),
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                user,
                principal.map(Principal::tokenId).orElse(null),
                method.orElse(null),
                resource,
                action,
                changes));
    }

    /**
     * Entries about {@code resource} and by {@code user} (each optional, blank for any), newest
     * first. Only an admin's token reads them, as with token administration.
     */
    public Page<AuditEntry> list(String resource, String user, int requestedPageSize, String pageToken) {
        Optional<Principal> reader = caller.principal();
        if (reader.isEmpty()) {
            throw new UnauthenticatedException(
                    "the audit log needs an admin token, even on a server open to local "
                            + "callers: start the server with HEARTH_ADMIN_TOKEN or --admin-token-file and call with that token");
        }
        if (!reader.get().isAdmin()) {
            throw new PermissionDeniedException(
                    ErrorReason.ADMIN_ROLE_REQUIRED,
                    "the audit log needs an admin's token; this one is a "
                            + reader.get().role().name().toLowerCase(Locale.ROOT) + "'s");
        }
        int pageSize = PageSize.resolve(requestedPageSize, "page_size");
        String about = blankToNull(ControlCharacters.requireLine(resource, "resource"));
        String by = blankToNull(ControlCharacters.requireLine(user, "user"));
        String fingerprint = AuditQuery.fingerprint(about, by);
        Optional<PageToken> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty()
                : Optional.of(PageToken.decode(pageToken, fingerprint, "page_token"));
        return store.list(new AuditQuery(about, by, pageSize, after));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
