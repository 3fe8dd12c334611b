package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.PersonRef;
import java.time.Instant;
import java.util.UUID;

/**
 * A planned follow-up: one cadence step for one person.
 *
 * @param followUpNumber which follow-up of the person's cadence this is (1st, 2nd, ...)
 * @param cadenceStep index of the cadence step it carries out
 * @param touchId the touch that completed it, once completed
 * @param skipReason why a rep skipped it, when they said; {@code null} otherwise
 */
public record FollowUp(
        UUID id,
        PersonRef person,
        int followUpNumber,
        int cadenceStep,
        Channel channel,
        Instant dueAt,
        String purpose,
        String owner,
        FollowUpState state,
        UUID touchId,
        Instant createdAt,
        Instant closedAt,
        String skipReason) {

    public static final String COLLECTION = "followUps/";

    public FollowUp {
        requireNonNull(id, "id is null");
        requireNonNull(person, "person is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(dueAt, "dueAt is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(state, "state is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public String name() {
        return COLLECTION + id;
    }

    public boolean open() {
        return state == FollowUpState.SCHEDULED;
    }

    public FollowUp closed(FollowUpState newState, UUID completingTouch, Instant now) {
        return new FollowUp(
                id,
                person,
                followUpNumber,
                cadenceStep,
                channel,
                dueAt,
                purpose,
                owner,
                newState,
                completingTouch,
                createdAt,
                now,
                skipReason);
    }

    /** Skipped now, for {@code reason} ({@code null}: none given). */
    public FollowUp skipped(String reason, Instant now) {
        return new FollowUp(
                id,
                person,
                followUpNumber,
                cadenceStep,
                channel,
                dueAt,
                purpose,
                owner,
                FollowUpState.SKIPPED,
                null,
                createdAt,
                now,
                reason);
    }
}
