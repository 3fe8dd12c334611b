package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.TeamRoster;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactFilter;
import io.hearth.core.contact.ContactObserver;
import io.hearth.core.contact.ContactOrigin;
import io.hearth.core.contact.ContactQuery;
import io.hearth.core.contact.ContactRules;
import io.hearth.core.contact.ContactStore;
import io.hearth.core.dedup.DuplicateGuard;
import io.hearth.core.dedup.MatchKeys;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.MaskField;
import io.hearth.core.person.PersonField;
import io.hearth.core.person.Scope;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageSize;
import io.hearth.core.query.PageToken;
import io.hearth.core.resource.Etags;
import io.hearth.core.resource.RequestIds;
import io.hearth.core.resource.TimeOrderedIds;
import io.hearth.core.resource.UpdateMask;
import io.hearth.core.resource.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The contact use cases: create, read, list, update, archive and restore, each write guarded by the row version. */
public final class Contacts {
    private final ContactStore store;
    private final Transactor transactor;
    private final ContactRules rules;
    private final Clock clock;
    private final TimeOrderedIds ids;
    private final DuplicateGuard duplicates;
    private final CurrentCaller caller;
    /** Who is on which team: a manager gives people only to their team's members. */
    private final TeamRoster roster;

    private final AuditLog audit;
    private final List<ContactObserver> observers;

    /** @param caller who each call acts for: its scope limits which contacts it sees and changes */
    public Contacts(
            ContactStore store,
            Transactor transactor,
            ContactRules rules,
            Clock clock,
            DuplicateGuard duplicates,
            List<ContactObserver> observers,
            CurrentCaller caller,
            AuditLog audit,
            TeamRoster roster) {
        this.audit = requireNonNull(audit, "audit is null");
        this.roster = requireNonNull(roster, "roster is null");
        this.caller = requireNonNull(caller, "caller is null");
        this.duplicates = requireNonNull(duplicates, "duplicates is null");
        this.observers = List.copyOf(requireNonNull(observers, "observers is null"));
        this.store = requireNonNull(store, "store is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = new TimeOrderedIds(clock);
    }

    /** Enters a person directly as a contact; the origin records that no lead came first. */
    public Contact create(ContactFields input) {
        return create(input, null, false);
    }

    /** Enters a person directly as a contact, refusing a person Hearth already has. */
    public Contact create(ContactFields input, String requestId) {
        return create(input, requestId, false);
    }

    /**
     * Enters a person directly as a contact. With a {@code requestId}, a retry of the same call
     * returns the contact the first call made instead of a second contact.
     *
     * @param input {@code null} when the request carries no contact, which is refused
     * @param allowDuplicate enter it even when a lead or contact with its email, phone or name and
     *     company exists; otherwise that is refused ({@link DuplicateGuard}): a lead of that person
     *     is converted, not entered again
     */
    public Contact create(ContactFields input, String requestId, boolean allowDuplicate) {
        if (input == null) {
            throw InvalidArgumentException.of("contact", "required: the contact to create");
        }
        return RequestIds.createOnce(requestId, store::findByCreateRequestId, key -> {
            Scope scope = caller.scope();
            scope.requireMayGiveTo(input.owner(), roster::isOnTeam);
            ContactFields owned =
                    input.toBuilder().owner(scope.ownerOfNew(input.owner())).build();
            ContactFields fields = asRequestField(() -> rules.forCreate(owned));
            Instant now = now();
            Contact contact =
                    new Contact(new ContactId(ids.next()), fields, ContactOrigin.DIRECT, null, now, now, null, 1);
            List<Long> turns = allowDuplicate ? List.of() : DuplicateGuard.turns(MatchKeys.of(fields));
            return transactor.inTransactionExclusive(turns, () -> {
                if (!allowDuplicate
                        && !duplicates.admit(
                                MatchKeys.of(fields),
                                () -> key != null
                                        && store.findByCreateRequestId(key).isPresent(),
                                scope)) {
                    return Optional.<Contact>empty();
                }
                if (!store.insert(contact, key)) {
                    return Optional.<Contact>empty();
                }
                audit.record(contact.id().name(), "create", null, contact);
                notify(contact);
                return Optional.of(contact);
            });
        });
    }

    public Contact get(ContactId id) {
        // out of the caller's scope is not found, exactly as an id never used: ids cannot be probed
        return store.find(id, caller.scope()).orElseThrow(() -> new NotFoundException(id.name()));
    }

    /** One page of contacts, oldest first; the arguments are the raw request values, validated here. */
    public Page<Contact> list(String filterText, boolean includeArchived, int requestedPageSize, String pageToken) {
        int pageSize = PageSize.resolve(requestedPageSize, "page_size");
        ContactFilter filter = ContactFilter.parse(filterText, "filter");
        String fingerprint = ContactQuery.fingerprint(filter, includeArchived);
        Optional<PageToken> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty()
                : Optional.of(PageToken.decode(pageToken, fingerprint, "page_token"));
        return store.list(new ContactQuery(filter, includeArchived, pageSize, after, caller.scope(), clock.instant()));
    }

    /**
     * An update as the API receives it, checked here: the contact named {@code name} gets the fields
     * of {@code changes} the update mask names or, without a mask, the fields the request set
     * ({@link UpdateMask}).
     *
     * @param changes the new values; {@code null} when the request carries no contact, which is refused
     * @param maskPaths the update mask's paths; empty when the request has no mask
     * @param fieldsSet the fields the request carries a value for
     */
    public Contact update(
            String name,
            ContactFields changes,
            List<String> maskPaths,
            Set<? extends MaskField> fieldsSet,
            String etag,
            boolean allowDuplicate) {
        if (changes == null) {
            throw InvalidArgumentException.of("contact", "required: the contact with its name and new values");
        }
        ContactId id = ContactId.fromName(name, "contact.name");
        Set<MaskField> mask = UpdateMask.resolve(maskPaths, ContactFields::fromPaths, Set.copyOf(fieldsSet), "contact");
        return update(id, changes, mask, etag, allowDuplicate);
    }

    /** {@link #update(ContactId, ContactFields, Set, String, boolean)}, refusing another person's email, phone or name. */
    public Contact update(ContactId id, ContactFields changes, Set<? extends MaskField> mask, String etag) {
        return update(id, changes, mask, etag, false);
    }

    /**
     * Applies the {@code mask}ed fields of {@code changes}; a non-blank {@code etag} must be current.
     *
     * @param allowDuplicate accept an email, phone or name and company someone else already has;
     *     otherwise that is refused ({@link DuplicateGuard#refuseChange})
     */
    public Contact update(
            ContactId id, ContactFields changes, Set<? extends MaskField> mask, String etag, boolean allowDuplicate) {
        if (mask.isEmpty()) {
            throw InvalidArgumentException.of("update_mask", "names no field to update");
        }
        List<Long> turns =
                allowDuplicate || !PersonField.touchesMatchKeys(mask) ? List.of() : turnsForUpdate(id, changes, mask);
        return transactor.inTransactionExclusive(turns, () -> {
            Contact current = currentVersion(id, etag);
            if (current.merged()) {
                throw merged(current);
            }
            if (current.archived()) {
                throw new FailedPreconditionException(
                        ErrorReason.CONTACT_ARCHIVED, id.name() + " is archived; restore it before changing it");
            }
            ContactFields updated = asRequestField(
                    () -> rules.forUpdate(current.fields(), current.fields().with(changes, mask)));
            if (!Objects.equals(updated.owner(), current.fields().owner())) {
                caller.scope().requireMayGiveTo(updated.owner(), roster::isOnTeam);
            }
            if (updated.equals(current.fields())) {
                return current;
            }
            if (!allowDuplicate) {
                duplicates.refuseChange(
                        id.value(), MatchKeys.of(current.fields()), MatchKeys.of(updated), caller.scope());
            }
            return write(current, current.withChanges(updated, now()));
        });
    }

    /**
     * The turns an update bringing in new matching keys takes, read before its transaction; the
     * transaction claims the keys it really changes, so a contact changed meanwhile costs at most
     * a turn taken for nothing.
     */
    private List<Long> turnsForUpdate(ContactId id, ContactFields changes, Set<? extends MaskField> mask) {
        return store.find(id)
                .map(current -> {
                    try {
                        return DuplicateGuard.turns(MatchKeys.of(rules.forUpdate(
                                current.fields(), current.fields().with(changes, mask))));
                    } catch (InvalidArgumentException invalid) {
                        return List.<Long>of(); // the transaction reports it
                    }
                })
                .orElse(List.of());
    }

    /** Hides a contact from default lists; archiving an archived contact changes nothing. */
    public Contact archive(ContactId id, String etag) {
        return transactor.inTransaction(() -> {
            Contact current = currentVersion(id, etag);
            if (current.archived()) {
                return current;
            }
            // a deal needs a contact to work it: open deals are closed or archived first, by whoever decides how
            int openDeals = store.openDeals(id);
            if (openDeals > 0) {
                throw new FailedPreconditionException(
                        ErrorReason.CONTACT_HAS_OPEN_DEALS,
                        id.name() + " has " + openDeals + " open deal" + (openDeals == 1 ? "" : "s")
                                + "; close them (won or lost) or archive them before archiving the contact");
            }
            Instant now = now();
            return write(current, current.withArchivedAt(now, now));
        });
    }

    /**
     * Archives {@code current} for {@code reason} (a source deleted or merged away the person's
     * record), in the caller's transaction; a contact already archived stays as it is. Only a sync
     * calls this: a rep archives with {@link #archive}.
     *
     * @return whether it archived the contact
     * @throws StaleEtagException when someone else changed the contact meanwhile
     */
    public boolean archiveFor(Contact current, String reason) {
        if (current.archived()) {
            return false;
        }
        write(current, current.archivedFor(reason, now()));
        return true;
    }

    /** Brings an archived contact back; restoring an active contact changes nothing. */
    public Contact restore(ContactId id, String etag) {
        return transactor.inTransaction(() -> {
            Contact current = currentVersion(id, etag);
            if (!current.archived()) {
                return current;
            }
            if (current.merged()) {
                throw merged(current);
            }
            return write(current, current.withArchivedAt(null, now()));
        });
    }

    /**
     * Gives {@code contact} the fields a merge of a lead into it worked out, as a hand edit would
     * (validated, version guarded, re-queued). Only a merge calls this, inside its own transaction.
     */
    public Contact absorb(Contact contact, ContactFields merged) {
        ContactFields updated = asRequestField(() -> rules.forUpdate(contact.fields(), merged));
        if (updated.equals(contact.fields())) {
            notify(contact);
            return contact;
        }
        return write(contact, contact.withChanges(updated, now()));
    }

    /**
     * Archives {@code duplicate} as merged into {@code survivor} ({@code contacts/{id}}), version
     * guarded and audited. Only a merge calls this, inside its own transaction.
     */
    public Contact markMerged(Contact duplicate, String survivor) {
        return write(duplicate, duplicate.mergedInto(survivor, now()));
    }

    /** The answer to changing, restoring or merging a contact that was merged into another. */
    public static FailedPreconditionException merged(Contact contact) {
        return new FailedPreconditionException(
                ErrorReason.CONTACT_MERGED,
                contact.id().name() + " was merged into " + contact.mergedInto() + "; work that one instead");
    }

    /** The contact, which must still be at {@code etag} when that is not blank. */
    public Contact currentVersion(ContactId id, String etag) {
        Contact current = get(id);
        String sent = Etags.sent(etag);
        if (sent != null && !sent.equals(current.etag())) {
            throw StaleEtagException.sent(id.name(), sent, current.etag());
        }
        return current;
    }

    /**
     * Stores what a sync batch wrote on contacts, in the batch's transaction: the bulk form of
     * {@link #update}, through the same observers.
     *
     * @param changed changed contacts, each written only if it still has the version read
     * @throws StaleEtagException when someone else changed one of them meanwhile; the batch is safe to re-apply
     */
    public void storeSynced(List<Versioned<Contact>> changed) {
        for (Versioned<Contact> contact : changed) {
            write(contact.value(), contact.expectedVersion());
        }
    }

    private Contact write(Contact current, Contact next) {
        Contact written = write(next, current.version());
        audit.record(next.id().name(), "update", current, next);
        return written;
    }

    private Contact write(Contact next, long expectedVersion) {
        if (!store.update(next, expectedVersion)) {
            throw StaleEtagException.concurrent(next.id().name());
        }
        notify(next);
        return next;
    }

    private void notify(Contact contact) {
        observers.forEach(observer -> observer.written(contact));
    }

    // the rules name contact fields; in a request they sit under "contact" (contact.email, ...)
    private static ContactFields asRequestField(Supplier<ContactFields> ruling) {
        try {
            return ruling.get();
        } catch (InvalidArgumentException e) {
            throw e.under("contact");
        }
    }

    // databases keep microseconds; truncating here keeps what we return equal to what we stored
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
