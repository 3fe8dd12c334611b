package io.hearth.core.opportunity;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.ContactId;
import io.hearth.core.resource.Etags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored sales opportunity (a deal) with a contact.
 *
 * @param stage the key of its current {@link PipelineStage}
 * @param closeReason why it was lost (always) or won (when given); {@code null} while open
 * @param closedAt when it was won or lost; {@code null} while open
 * @param history every stage it has been in, oldest first; the last is the current one (not left yet)
 */
public record Opportunity(
        OpportunityId id,
        ContactId contact,
        OpportunityFields fields,
        String stage,
        Outcome outcome,
        String closeReason,
        Instant closedAt,
        OpportunitySource source,
        List<StageVisit> history,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt,
        long version) {

    public Opportunity {
        requireNonNull(id, "id is null");
        requireNonNull(contact, "contact is null");
        requireNonNull(fields, "fields is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(source, "source is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        history = List.copyOf(history);
        if (history.isEmpty() || !history.get(history.size() - 1).stage().equals(stage)) {
            throw new IllegalArgumentException("the last stage visited is the current stage " + stage);
        }
        if (outcome.closed() != (closedAt != null)) {
            throw new IllegalArgumentException("a closed opportunity has a close time, an open one none");
        }
    }

    /** A new, open opportunity in {@code stage}, entered now. */
    public static Opportunity open(
            OpportunityId id,
            ContactId contact,
            OpportunityFields fields,
            PipelineStage stage,
            OpportunitySource source,
            String createdBy,
            Instant now) {
        return new Opportunity(
                id,
                contact,
                fields,
                stage.key(),
                Outcome.OPEN,
                null,
                null,
                source,
                List.of(new StageVisit(stage.key(), now, null, createdBy)),
                now,
                now,
                null,
                1);
    }

    public boolean archived() {
        return archivedAt != null;
    }

    public boolean closed() {
        return outcome.closed();
    }

    /** When the deal entered its current stage. */
    public Instant stageEnteredAt() {
        return history.get(history.size() - 1).enteredAt();
    }

    /** Opaque to clients; changes on every write (AIP-154). */
    public String etag() {
        return Etags.of(version);
    }

    public Opportunity withFields(OpportunityFields newFields, Instant now) {
        return new Opportunity(
                id,
                contact,
                newFields,
                stage,
                outcome,
                closeReason,
                closedAt,
                source,
                history,
                createdAt,
                now,
                archivedAt,
                version + 1);
    }

    /** In {@code next} from now on: the current stage is left now and {@code next} entered. */
    public Opportunity movedTo(PipelineStage next, String movedBy, Instant now) {
        List<StageVisit> visits = new ArrayList<>(history.subList(0, history.size() - 1));
        visits.add(history.get(history.size() - 1).leftAt(now));
        visits.add(new StageVisit(next.key(), now, null, movedBy));
        return new Opportunity(
                id,
                contact,
                fields,
                next.key(),
                next.outcome(),
                closeReason,
                next.closing() ? now : null,
                source,
                visits,
                createdAt,
                now,
                archivedAt,
                version + 1);
    }

    /** Won or lost now, for {@code reason}: moved to the closing stage of {@code closing}. */
    public Opportunity closedIn(PipelineStage closing, String reason, String closedBy, Instant now) {
        Opportunity moved = movedTo(closing, closedBy, now);
        return new Opportunity(
                id,
                contact,
                fields,
                moved.stage,
                closing.outcome(),
                reason,
                now,
                source,
                moved.history,
                createdAt,
                now,
                archivedAt,
                version + 1);
    }

    /**
     * Open again from now on, in the open stage {@code stage}: the closing stage is left now (its
     * visit stays in the history) and the outcome, close reason and close time are cleared.
     */
    public Opportunity reopenedIn(PipelineStage stage, String reopenedBy, Instant now) {
        if (stage.closing()) {
            throw new IllegalArgumentException("a deal reopens in an open stage, not " + stage.key());
        }
        Opportunity moved = movedTo(stage, reopenedBy, now);
        return new Opportunity(
                id,
                contact,
                fields,
                moved.stage,
                Outcome.OPEN,
                null,
                null,
                source,
                moved.history,
                createdAt,
                now,
                archivedAt,
                version + 1);
    }

    /** Archived at {@code when}, or restored with {@code null}. */
    public Opportunity withArchivedAt(Instant when, Instant now) {
        return new Opportunity(
                id,
                contact,
                fields,
                stage,
                outcome,
                closeReason,
                closedAt,
                source,
                history,
                createdAt,
                now,
                when,
                version + 1);
    }
}
