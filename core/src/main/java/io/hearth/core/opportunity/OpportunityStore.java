package io.hearth.core.opportunity;

import io.hearth.core.person.ContactId;
import io.hearth.core.person.Scope;
import io.hearth.core.query.Page;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where opportunities and their stage history are kept. Calls join the caller's transaction when one is open. */
public interface OpportunityStore {
    /**
     * Stores a new opportunity with its stage history.
     *
     * @param createRequestId the CreateOpportunity call's request id, or {@code null}
     * @return false when another opportunity already carries {@code createRequestId}
     */
    boolean insert(Opportunity opportunity, String createRequestId);

    /** The opportunity a CreateOpportunity call with this request id made, whoever may see it. */
    Optional<Opportunity> findByCreateRequestId(String createRequestId);

    /** The opportunity if it is in {@code scope}: the scope is a condition of the query. */
    Optional<Opportunity> find(OpportunityId id, Scope scope);

    /**
     * Writes {@code opportunity} if the stored row is still at {@code expectedVersion}, with the
     * stage visits it gained and the time it left its last one.
     *
     * @return false when the row moved past {@code expectedVersion}
     */
    boolean update(Opportunity opportunity, long expectedVersion);

    Page<Opportunity> list(OpportunityQuery query);

    /** The open deals of {@code contact} that are not archived, whoever owns them: what the work queue weighs. */
    List<Opportunity> openOf(ContactId contact);

    /**
     * Up to {@code limit} contacts after {@code after} (in id order; {@code null}: from the first),
     * not archived, with an open deal that is not archived, whose queue entry is missing or names
     * no deal: what the queue showed of them before it weighed deals (V23).
     */
    List<UUID> contactsWithOpenDealsOffTheQueue(UUID after, int limit);

    /** The deals of these contacts that are not archived, open or closed, whoever owns them, in id order. */
    List<Opportunity> ofContacts(Collection<ContactId> contacts);
}
