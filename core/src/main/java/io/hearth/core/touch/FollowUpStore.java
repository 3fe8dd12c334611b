package io.hearth.core.touch;

import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import io.hearth.core.query.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where planned follow-ups are kept. Calls join the caller's transaction when one is open. */
public interface FollowUpStore {
    void insert(FollowUp followUp);

    Optional<FollowUp> find(UUID id);

    Optional<FollowUp> findOpen(PersonRef person);

    /** The open follow-up of each of those persons of one kind that has one, by person id. */
    Map<UUID, FollowUp> findOpen(PersonKind kind, Collection<UUID> personIds);

    /**
     * Writes the closing of a follow-up if it is still scheduled.
     *
     * @return false when someone else closed it first
     */
    boolean close(FollowUp closed);

    /** Cancels the person's open follow-up, if any. */
    void cancelOpen(PersonRef person, Instant now);

    /**
     * Gives every follow-up of {@code lead} to {@code contact}, which the lead converted or was
     * merged into; the follow-ups keep the lead too. @return how many
     */
    int carryOver(LeadId lead, ContactId contact);

    Page<FollowUp> listDue(DueQuery query);
}
