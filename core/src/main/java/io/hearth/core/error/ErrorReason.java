package io.hearth.core.error;

import io.hearth.core.error.HearthException.Kind;
import java.util.List;

/**
 * Every {@code ErrorInfo.reason} the server sends, with the status code it comes with and the
 * {@code ErrorInfo.metadata} keys it carries. The reasons are part of the API: clients switch on
 * them, so a name never changes and a new failure adds a constant here. The exceptions take a
 * constant, never a string, so a reason missing here does not compile; the README's "Error
 * reasons" table is checked against this list by {@code ErrorReasonTableTest}.
 */
public enum ErrorReason {
    // INVALID_ARGUMENT
    /** A field is malformed or out of range; the BadRequest detail names each one. */
    INVALID_ARGUMENT(Kind.INVALID_ARGUMENT),
    /** The request bytes are not a valid protobuf message of the method's type. */
    UNPARSEABLE_REQUEST(Kind.INVALID_ARGUMENT),

    // NOT_FOUND
    /** The named resource does not exist (a ResourceInfo detail names it). */
    NOT_FOUND(Kind.NOT_FOUND),

    // ALREADY_EXISTS
    /** Creating it would duplicate one that exists. */
    ALREADY_EXISTS(Kind.ALREADY_EXISTS),
    /** Someone Hearth has already has this email, phone, or name and company. */
    DUPLICATE_PERSON(Kind.ALREADY_EXISTS),
    /** A connection with this display name exists. */
    CONNECTION_EXISTS(Kind.ALREADY_EXISTS),

    // ABORTED
    /** The etag sent is not the resource's current one, or a concurrent write came first. */
    STALE_ETAG(Kind.ABORTED),

    // FAILED_PRECONDITION
    /** The configured admin token is already a stored token. */
    ADMIN_TOKEN_IN_USE(Kind.FAILED_PRECONDITION),
    /** A backup of the same name is being written. */
    BACKUP_EXISTS(Kind.FAILED_PRECONDITION),
    /** Online backup is for the embedded database; PostgreSQL has pg_dump. */
    BACKUP_UNSUPPORTED(Kind.FAILED_PRECONDITION),
    /** The person's cadence ended (a positive reply or a booked meeting). */
    CADENCE_STOPPED(Kind.FAILED_PRECONDITION),
    /** A cold call to a contact: contacts get follow-ups and touch-bases. */
    COLD_CALL_TO_CONTACT(Kind.FAILED_PRECONDITION),
    /** The connection is disabled. */
    CONNECTION_DISABLED(Kind.FAILED_PRECONDITION),
    /** The connection is running and cannot be deleted now. */
    CONNECTION_RUNNING(Kind.FAILED_PRECONDITION),
    /** The connector only writes. */
    CONNECTOR_CANNOT_READ(Kind.FAILED_PRECONDITION),
    /** The connector only reads. */
    CONNECTOR_CANNOT_WRITE(Kind.FAILED_PRECONDITION),
    /** The contact is archived. */
    CONTACT_ARCHIVED(Kind.FAILED_PRECONDITION),
    /** The contact has open deals: close or archive them before archiving it. */
    CONTACT_HAS_OPEN_DEALS(Kind.FAILED_PRECONDITION),
    /** The contact was merged into another: work that one. */
    CONTACT_MERGED(Kind.FAILED_PRECONDITION),
    /** The person already has an open follow-up. */
    FOLLOW_UP_ALREADY_SCHEDULED(Kind.FAILED_PRECONDITION),
    /** The follow-up was completed or skipped already. */
    FOLLOW_UP_CLOSED(Kind.FAILED_PRECONDITION),
    /** The cadence's follow-ups are used up (2 for a lead, 8 for a contact): the drip campaign has it. */
    FOLLOW_UP_LIMIT_REACHED(Kind.FAILED_PRECONDITION),
    /** A follow-up logged on a lead: leads get cold calls and touch-bases. */
    FOLLOW_UP_TO_LEAD(Kind.FAILED_PRECONDITION),
    /** The lead was converted to a contact already. */
    LEAD_ALREADY_CONVERTED(Kind.FAILED_PRECONDITION),
    /** The lead is archived. */
    LEAD_ARCHIVED(Kind.FAILED_PRECONDITION),
    /** The lead became a contact: work the contact. */
    LEAD_CONVERTED(Kind.FAILED_PRECONDITION),
    /** The lead was merged into another: work that one. */
    LEAD_MERGED(Kind.FAILED_PRECONDITION),
    /** The opportunity is archived: restore it first. */
    OPPORTUNITY_ARCHIVED(Kind.FAILED_PRECONDITION),
    /** The opportunity is closed (won or lost): it no longer moves. */
    OPPORTUNITY_CLOSED(Kind.FAILED_PRECONDITION),
    /** Only a won or lost opportunity is reopened: an open one is moved. */
    OPPORTUNITY_NOT_CLOSED(Kind.FAILED_PRECONDITION),
    /** The person is archived. */
    PERSON_ARCHIVED(Kind.FAILED_PRECONDITION),
    /** The person is in the drip campaign, not worked by hand. */
    PERSON_IN_DRIP(Kind.FAILED_PRECONDITION),
    /** The person unsubscribed: never contact them again. */
    PERSON_UNSUBSCRIBED(Kind.FAILED_PRECONDITION),
    /** A team's new pipeline leaves out a stage its open deals are in. */
    PIPELINE_STAGE_IN_USE(Kind.FAILED_PRECONDITION),
    /** A connection's secret reference cannot be resolved on the server. */
    SECRET_UNAVAILABLE(Kind.FAILED_PRECONDITION),
    /** Another run of the same source is running. */
    SYNC_ALREADY_RUNNING(Kind.FAILED_PRECONDITION),

    // PERMISSION_DENIED
    /** The call needs an admin's token. */
    ADMIN_ROLE_REQUIRED(Kind.PERMISSION_DENIED),
    /** The call needs a manager's or an admin's token. */
    MANAGER_ROLE_REQUIRED(Kind.PERMISSION_DENIED),
    /** A rep gives people only to themselves. */
    OWNER_NOT_CALLER(Kind.PERMISSION_DENIED),
    /** A manager gives people only to themselves and their team. */
    OWNER_NOT_IN_TEAM(Kind.PERMISSION_DENIED),
    /** A file path outside the server's import folder. */
    PATH_OUTSIDE_IMPORT_FOLDER(Kind.PERMISSION_DENIED),
    /** A manager reads and changes only their own team. */
    TEAM_NOT_CALLERS(Kind.PERMISSION_DENIED),

    // UNAUTHENTICATED
    /** No token, or one that is unknown, revoked or expired. */
    UNAUTHENTICATED(Kind.UNAUTHENTICATED),

    // RESOURCE_EXHAUSTED
    /** An upload larger than the server takes. */
    UPLOAD_TOO_LARGE(Kind.RESOURCE_EXHAUSTED),
    /** Over the per-token call rate; a RetryInfo says when to retry. */
    RATE_LIMITED(Kind.RESOURCE_EXHAUSTED, "calls_per_second", "burst"),
    /** Over the per-token number of open streams. */
    TOO_MANY_STREAMS(Kind.RESOURCE_EXHAUSTED, "max_streams_per_token"),

    // UNAVAILABLE
    /** The database cannot be reached; retry. */
    DATABASE_UNAVAILABLE(Kind.UNAVAILABLE),
    /** No database connection came free in time; retry. */
    DATABASE_BUSY(Kind.UNAVAILABLE),

    // DEADLINE_EXCEEDED
    /** The caller's deadline passed before the work was done. */
    DEADLINE_EXCEEDED(Kind.DEADLINE_EXCEEDED),

    // CANCELLED
    /** The caller cancelled the call. */
    CANCELLED(Kind.CANCELLED);

    private final Kind kind;
    private final List<String> metadataKeys;

    ErrorReason(Kind kind, String... metadataKeys) {
        this.kind = kind;
        this.metadataKeys = List.of(metadataKeys);
    }

    /** The kind of failure, hence the status code, this reason comes with. */
    public Kind kind() {
        return kind;
    }

    /** The keys of {@code ErrorInfo.metadata} sent with this reason, in no particular order. */
    public List<String> metadataKeys() {
        return metadataKeys;
    }

    /** Refuses a reason that belongs to another kind of failure: it would be sent under the wrong code. */
    ErrorReason requireKind(Kind expected) {
        if (kind != expected) {
            throw new IllegalArgumentException(name() + " is a " + kind + " reason, not a " + expected + " one");
        }
        return this;
    }
}
