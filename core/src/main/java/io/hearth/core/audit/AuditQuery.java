package io.hearth.core.audit;

import static java.util.Objects.requireNonNull;

import io.hearth.core.query.PageToken;
import java.util.Optional;

/** Audit entries about one resource or by one user (or all), newest first. */
public record AuditQuery(String resource, String user, int pageSize, Optional<PageToken> after) {
    public AuditQuery {
        requireNonNull(after, "after is null");
    }

    public static String fingerprint(String resource, String user) {
        return PageToken.fingerprint("audit|" + resource + "|" + user);
    }

    public String fingerprint() {
        return fingerprint(resource, user);
    }
}
