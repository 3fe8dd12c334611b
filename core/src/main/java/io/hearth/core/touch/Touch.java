package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.opportunity.OpportunityId;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonRef;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One contact attempt, logged.
 *
 * @param person whom it was made to, as it stood then (a lead or a contact)
 * @param contact the contact it belongs to: the person itself, or the contact its lead converted into;
 *     {@code null} for a touch on a lead that has not converted
 * @param source the person's source at the time, for effectiveness by source; may be {@code null}
 * @param owner the person's owner when the touch was made, whom follow-up statistics credit;
 *     {@code null} for an unowned person
 * @param followUpNumber the n-th follow-up of the cadence it completed; {@code null} outside the cadence
 * @param opportunity the deal the touch was made for, or {@code null}; it counts for its contact all the same
 */
public record Touch(
        UUID id,
        PersonRef person,
        ContactId contact,
        TouchKind kind,
        Channel channel,
        Instant occurredAt,
        Duration duration,
        Outcome outcome,
        String note,
        String performedBy,
        LeadSource source,
        String owner,
        Integer followUpNumber,
        Instant createdAt,
        OpportunityId opportunity) {

    public static final String COLLECTION = "touches/";

    /** A touch made for no deal in particular. */
    public Touch(
            UUID id,
            PersonRef person,
            ContactId contact,
            TouchKind kind,
            Channel channel,
            Instant occurredAt,
            Duration duration,
            Outcome outcome,
            String note,
            String performedBy,
            LeadSource source,
            String owner,
            Integer followUpNumber,
            Instant createdAt) {
        this(
                id,
                person,
                contact,
                kind,
                channel,
                occurredAt,
                duration,
                outcome,
                note,
                performedBy,
                source,
                owner,
                followUpNumber,
                createdAt,
                null);
    }

    public Touch {
        requireNonNull(id, "id is null");
        requireNonNull(person, "person is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(occurredAt, "occurredAt is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public String name() {
        return COLLECTION + id;
    }
}
