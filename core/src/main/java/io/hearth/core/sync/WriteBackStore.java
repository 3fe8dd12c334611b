package io.hearth.core.sync;

import io.hearth.core.person.PersonRef;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What connections pushed to their CRMs (touches, and the last values Hearth owns per person and
 * per deal), and the people and touches a write-back goes through. Calls join the caller's transaction.
 */
public interface WriteBackStore {
    /** A person a connector's records are linked to, with the person's id there. */
    record LinkedPerson(PersonRef person, String externalId) {}

    /**
     * A touch logged in Hearth on a linked person.
     *
     * @param personId the lead's or contact's id it was logged on
     * @param channel Hearth's channel name, e.g. {@code VIDEO_CALL}
     * @param outcome Hearth's outcome name, e.g. {@code LEFT_VOICEMAIL}
     */
    record PendingTouch(UUID id, UUID personId, String channel, String outcome, Instant occurredAt, String note) {}

    /**
     * Up to {@code limit} people linked to {@code connector}'s records with ids after
     * {@code afterId} ({@code null}: from the first), in id order; a person linked by several
     * records comes once, with the smallest of its external ids, and as a contact when linked as both.
     */
    List<LinkedPerson> linkedPeople(String connector, UUID afterId, int limit);

    /** The values the connection last pushed for each of these people that it pushed before. */
    Map<UUID, String> pushedValues(UUID connectionId, Collection<UUID> personIds);

    /** Records the values pushed for each person, replacing what was recorded before. */
    void savePushedValues(UUID connectionId, Map<UUID, String> valuesByPerson, UUID runId, Instant at);

    /**
     * Up to {@code limit} touches on these people (logged on the lead or the contact with their id)
     * with ids after {@code afterTouchId} ({@code null}: from the first) that the connection has not
     * pushed, in id order.
     */
    List<PendingTouch> unpushedTouches(UUID connectionId, Collection<UUID> personIds, UUID afterTouchId, int limit);

    /**
     * Records touches as pushed, with the CRM's activity id (or {@code null}). A touch already
     * recorded stays as it was.
     *
     * @return how many were recorded now
     */
    int markTouchesPushed(UUID connectionId, Map<UUID, String> externalIds, UUID runId, Instant at);

    /**
     * What the connection's CRM holds of the deal fields Hearth owns, for each of these deals it
     * pushed or read before: the values last pushed or read.
     */
    Map<UUID, String> pushedDealValues(UUID connectionId, Collection<UUID> dealIds);

    /** Records what the CRM holds for each deal (pushed or read), replacing what was recorded before. */
    void saveDealValues(UUID connectionId, Map<UUID, String> valuesByDeal, UUID runId, Instant at);

    /** Forgets what a deleted connection pushed. */
    void forget(UUID connectionId);
}
