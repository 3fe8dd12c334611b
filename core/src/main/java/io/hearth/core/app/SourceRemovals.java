package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.StandardFields;
import io.hearth.core.contact.Contact;
import io.hearth.core.dedup.PersonMatchStore;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.PersonRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Hearth does when a source (a CRM) deleted a person's record or merged it into another:
 * Hearth never deletes people, so the person linked to the record is archived, with the reason
 * ("deleted in hubspot (record 51)", "merged in salesforce into 003B"). A merge of two records
 * Hearth both has merges them in Hearth too, by the merge rules a rep's merge follows
 * ({@link LeadMerges}): a lead into the lead or the contact the survivor is. Hearth merges no
 * contact into anyone, so a contact merged away in the CRM is archived with the reason, like a
 * merge whose survivor Hearth does not have (or has archived) and a merge the rules refuse.
 *
 * <p>A merge whose record says the person became a contact ({@link StandardFields#STAGE}
 * {@code contact}: Salesforce's converted Lead, merged into its ConvertedContactId) is a conversion:
 * the lead is converted in Hearth ({@link LeadConversion}) and the survivor's record linked to the
 * contact, so the CRM's contact updates it rather than adding a second person. When Hearth already
 * has the survivor as someone else, the lead is merged into it as above.
 *
 * <p>Applied in a sync batch's transaction, under the batch's claims of the external ids named.
 * Repeating a removal changes nothing: the person is archived already, or the merged record's link
 * moved to the survivor with the merge.
 */
public final class SourceRemovals {
    private final PersonMatchStore matches;
    private final Leads leads;
    private final Contacts contacts;
    private final LeadMerges merges;
    private final LeadConversion conversion;

    public SourceRemovals(
            PersonMatchStore matches, Leads leads, Contacts contacts, LeadMerges merges, LeadConversion conversion) {
        this.conversion = requireNonNull(conversion, "conversion is null");
        this.matches = requireNonNull(matches, "matches is null");
        this.leads = requireNonNull(leads, "leads is null");
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.merges = requireNonNull(merges, "merges is null");
    }

    /**
     * What a batch's removals did: records that archived someone, records that converted a lead
     * (counted as updates), and records that changed nothing.
     */
    public record Outcome(long archived, long converted, long unchanged) {
        public static final Outcome NONE = new Outcome(0, 0, 0);
    }

    private enum Effect {
        ARCHIVED,
        CONVERTED,
        NONE
    }

    /**
     * Applies {@code removals} of {@code connector}, in order, in the caller's transaction.
     *
     * @throws io.hearth.core.error.StaleEtagException when someone changed one of the people
     *     meanwhile; the batch is safe to apply again
     */
    public Outcome apply(String connector, List<SourceRecord> removals) {
        long archived = 0;
        long converted = 0;
        long unchanged = 0;
        for (SourceRecord removal : removals) {
            switch (applyOne(connector, removal)) {
                case ARCHIVED -> archived++;
                case CONVERTED -> converted++;
                case NONE -> unchanged++;
            }
        }
        return new Outcome(archived, converted, unchanged);
    }

    private Effect applyOne(String connector, SourceRecord removal) {
        String externalId = removal.externalId().strip();
        Optional<Person> gone = person(connector, externalId);
        if (gone.isEmpty() || (gone.get().archived() && !mergeable(gone.get(), removal))) {
            return Effect.NONE;
        }
        Person person = gone.get();
        if (removal.change() == SourceRecord.Change.DELETED) {
            return archived(archive(person, "deleted in " + connector + " (record " + externalId + ")"));
        }
        String survivorId = removal.mergedInto().strip();
        String reason = "merged in " + connector + " into " + survivorId;
        Optional<Person> survivor = person(connector, survivorId);
        boolean sameOrNone = survivor.isEmpty() || survivor.get().ref().equals(person.ref());
        if (StandardFields.STAGE_CONTACT.equals(removal.fields().get(StandardFields.STAGE)) && sameOrNone) {
            // the lead lives on as the CRM's contact; one archived (deleted in the CRM) stays as it is
            if (person.archived()) {
                return Effect.NONE;
            }
            if (survivor.isEmpty()) {
                ContactId contact = person.lead() != null
                        ? conversion
                                .convertInTransaction(person.lead())
                                .contact()
                                .id()
                        : person.contact().id();
                matches.link(connector, Map.of(survivorId, PersonRef.of(contact)));
                return person.lead() != null ? Effect.CONVERTED : Effect.NONE;
            }
            if (person.lead() != null) {
                conversion.convertInTransaction(person.lead());
                return Effect.CONVERTED;
            }
            return Effect.NONE;
        }
        if (survivor.isPresent() && survivor.get().ref().equals(person.ref())) {
            // the survivor's record was matched to this person already: nothing left to merge
            return Effect.NONE;
        }
        if (survivor.isEmpty() || survivor.get().archived() || person.lead() == null) {
            return archived(archive(person, reason));
        }
        try {
            Person kept = survivor.get();
            if (kept.lead() != null) {
                merges.merge(kept.lead().id(), null, person.lead().id(), null, reason);
            } else {
                merges.mergeIntoContact(kept.contact().id(), null, person.lead().id(), null, reason);
            }
            return Effect.ARCHIVED;
        } catch (NotFoundException | FailedPreconditionException refused) {
            // checked before the merge writes anything: the person is still as read
            return archived(archive(person, reason + "; not merged in Hearth: " + refused.getMessage()));
        }
    }

    /**
     * Whether a merge still applies to a person already archived: a lead a source's deletion
     * archived (HubSpot lists a merged contact in its recycle bin too, and reads deletions first)
     * ends merged, not only deleted.
     */
    private static boolean mergeable(Person person, SourceRecord removal) {
        return removal.change() == SourceRecord.Change.MERGED
                && person.lead() != null
                && !person.lead().merged()
                && person.lead().archiveReason() != null;
    }

    private static Effect archived(boolean archived) {
        return archived ? Effect.ARCHIVED : Effect.NONE;
    }

    private boolean archive(Person person, String reason) {
        return person.lead() != null
                ? leads.archiveFor(person.lead(), reason)
                : contacts.archiveFor(person.contact(), reason);
    }

    /**
     * The person an external id is linked to, as they stand: a lead converted since is the contact
     * that took its id.
     */
    private Optional<Person> person(String connector, String externalId) {
        Map<String, PersonRef> linked = matches.linked(connector, List.of(externalId));
        PersonRef ref = linked.get(externalId);
        if (ref == null) {
            return Optional.empty();
        }
        if (ref.isLead()) {
            Optional<Lead> lead =
                    matches.leadsWithIds(List.of(ref.leadId())).stream().findFirst();
            if (lead.isEmpty()) {
                return Optional.empty();
            }
            if (lead.get().fields().status() != LeadStatus.CONVERTED) {
                return Optional.of(new Person(ref, lead.get(), null));
            }
            ref = PersonRef.of(new ContactId(ref.id()));
        }
        PersonRef contactRef = ref;
        return matches.contactsWithIds(List.of(ref.contactId())).stream()
                .findFirst()
                .map(contact -> new Person(contactRef, null, contact));
    }

    /** A lead or a contact. */
    private record Person(PersonRef ref, Lead lead, Contact contact) {
        boolean archived() {
            return lead != null ? lead.archived() : contact.archived();
        }
    }
}
