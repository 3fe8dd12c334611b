package io.hearth.core.audit;

import io.hearth.core.query.Page;

/** Where audit entries are kept; an insert joins the caller's transaction, so it commits with the change. */
public interface AuditStore {
    void insert(AuditEntry entry);

    Page<AuditEntry> list(AuditQuery query);
}
