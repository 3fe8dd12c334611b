package io.hearth.core.persistence;

import static java.util.Objects.requireNonNull;

/** A database whose schema lacks migrations this build needs, met where migrating was not allowed. */
public final class SchemaBehindException extends RuntimeException {
    private final SchemaMigrations.Status status;

    public SchemaBehindException(SchemaMigrations.Status status) {
        super("the database schema is at version "
                + requireNonNull(status, "status is null").current()
                + " and this server needs " + status.latest() + " ("
                + status.pending().size()
                + " pending migration" + (status.pending().size() == 1 ? "" : "s") + ")");
        this.status = status;
    }

    public SchemaMigrations.Status status() {
        return status;
    }
}
