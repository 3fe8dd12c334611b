package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.TeamRoster;
import io.hearth.core.dedup.DuplicateGuard;
import io.hearth.core.dedup.MatchKeys;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadField;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadFilter;
import io.hearth.core.lead.LeadOrder;
import io.hearth.core.lead.LeadQuery;
import io.hearth.core.lead.LeadRules;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.LeadStore;
import io.hearth.core.lead.LeadWriteStep;
import io.hearth.core.lead.RepGrade;
import io.hearth.core.lead.SyncedLead;
import io.hearth.core.person.LeadId;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The lead use cases: create, read, list, update, archive and restore. Every write runs in one
 * transaction and is guarded by the row version, so concurrent writers never lose each other's work.
 */
public final class Leads {
    private final LeadStore store;
    private final Transactor transactor;
    private final LeadRules rules;
    private final Clock clock;
    private final TimeOrderedIds ids;
    private final DuplicateGuard duplicates;
    private final CurrentCaller caller;
    /** Who is on which team: a manager gives people only to their team's members. */
    private final TeamRoster roster;

    private final AuditLog audit;
    private final List<LeadWriteStep> steps;
    /** How often a change without an etag is tried when other writers keep committing under it. */
    private static final int RACED_ATTEMPTS = 5;

    /** @param caller who each call acts for: its scope limits which leads it sees and changes */
    public Leads(
            LeadStore store,
            Transactor transactor,
            LeadRules rules,
            Clock clock,
            DuplicateGuard duplicates,
            List<LeadWriteStep> steps,
            CurrentCaller caller,
            AuditLog audit,
            TeamRoster roster) {
        this.audit = requireNonNull(audit, "audit is null");
        this.roster = requireNonNull(roster, "roster is null");
        this.caller = requireNonNull(caller, "caller is null");
        this.duplicates = requireNonNull(duplicates, "duplicates is null");
        this.steps = List.copyOf(requireNonNull(steps, "steps is null"));
        this.store = requireNonNull(store, "store is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = new TimeOrderedIds(clock);
    }

    /** Creates a lead, refusing a person Hearth already has. */
    public Lead create(LeadFields input, String requestId) {
        return create(input, requestId, false);
    }

    /**
     * Creates a lead. With a {@code requestId}, a retry of the same call returns the lead the first
     * call made instead of a second lead.
     *
     * @param input {@code null} when the request carries no lead, which is refused
     * @param allowDuplicate enter it even when a lead or contact with its email, phone or name and
     *     company exists, as a person of its own; otherwise that is refused ({@link DuplicateGuard}),
     *     except that a lead from an inbound source is entered naming who it may be
     */
    public Lead create(LeadFields input, String requestId, boolean allowDuplicate) {
        return createCall(input, requestId, allowDuplicate).lead();
    }

    /**
     * What a create call answers with: the lead, and whether this call made it. A lead made just now
     * has no follow-up cadence yet (no {@link LeadWriteStep} starts one), so its answer needs no
     * read of one; the lead a retry finds may have moved on since its first call.
     */
    public record Created(Lead lead, boolean madeByThisCall) {
        public Created {
            requireNonNull(lead, "lead is null");
        }
    }

    /** {@link #create(LeadFields, String, boolean)}, telling whether this call made the lead. */
    public Created createCall(LeadFields input, String requestId, boolean allowDuplicate) {
        if (input == null) {
            throw InvalidArgumentException.of("lead", "required: the lead to create");
        }
        boolean[] made = {false};
        Lead answer = shown(RequestIds.createOnce(requestId, store::findByCreateRequestId, key -> {
            Scope scope = caller.scope();
            scope.requireMayGiveTo(input.owner(), roster::isOnTeam);
            LeadFields owned =
                    input.toBuilder().owner(scope.ownerOfNew(input.owner())).build();
            LeadFields fields = asRequestField(() -> rules.forCreate(owned));
            Instant now = now();
            Lead lead = new Lead(new LeadId(ids.next()), fields, now, now, null, 1);
            RepGrade repGrade = input.temperature() == null ? RepGrade.UNCHANGED : RepGrade.set(input.temperature());
            // with allowDuplicate nothing is looked up, so nothing needs a turn
            List<Long> turns = allowDuplicate ? List.of() : DuplicateGuard.turns(MatchKeys.of(fields));
            Optional<Lead> result = transactor.inTransactionExclusive(turns, () -> {
                // with allowDuplicate the caller knows: a person of its own, neither refused nor flagged
                Lead entered = lead;
                if (!allowDuplicate && duplicates.waived(fields.source())) {
                    entered = inquiryOfSomeoneKnown(lead);
                } else if (!allowDuplicate
                        && !duplicates.admit(
                                MatchKeys.of(fields),
                                () -> key != null
                                        && store.findByCreateRequestId(key).isPresent(),
                                scope)) {
                    return Optional.<Lead>empty();
                }
                Lead rated = entered;
                for (LeadWriteStep step : steps) {
                    rated = step.creating(rated, repGrade);
                }
                if (!store.insert(rated, key)) {
                    return Optional.<Lead>empty();
                }
                audit.record(rated.id().name(), "create", null, rated);
                Lead created = rated;
                for (LeadWriteStep step : steps) {
                    created = step.created(created, repGrade);
                }
                return Optional.of(created);
            });
            // empty: a concurrent call with the request id stored first, and the answer is its lead
            result.ifPresent(stored -> made[0] = true);
            return result;
        }));
        return new Created(answer, made[0]);
    }

    /**
     * An inbound lead of someone already in Hearth: entered all the same, naming who it may be, and
     * given to that person's rep when it came without one.
     */
    private Lead inquiryOfSomeoneKnown(Lead lead) {
        return duplicates
                .find(MatchKeys.of(lead.fields()))
                .map(known -> {
                    LeadFields fields = lead.fields();
                    Lead flagged = lead.withPossibleDuplicateOf(known.person().name());
                    return fields.owner() != null || known.owner() == null
                            ? flagged
                            : flagged.rewritten(
                                    fields.toBuilder().owner(known.owner()).build(),
                                    flagged.updatedAt(),
                                    flagged.version());
                })
                .orElse(lead);
    }

    public Lead get(LeadId id) {
        // out of the caller's scope is not found, exactly as an id never used: ids cannot be probed
        return store.find(id, caller.scope()).orElseThrow(() -> new NotFoundException(id.name()));
    }

    /** One page of leads; the arguments are the raw request values, validated here. */
    public Page<Lead> list(
            String filterText, String orderBy, boolean includeArchived, int requestedPageSize, String pageToken) {
        int pageSize = PageSize.resolve(requestedPageSize, "page_size");
        LeadFilter filter = LeadFilter.parse(filterText, "filter");
        LeadOrder order = LeadOrder.parse(orderBy, "order_by");
        String fingerprint = LeadQuery.fingerprint(filter, order, includeArchived);
        Optional<PageToken> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty()
                : Optional.of(PageToken.decode(pageToken, fingerprint, "page_token"));
        return store.list(
                new LeadQuery(filter, order, includeArchived, pageSize, after, caller.scope(), clock.instant()));
    }

    /**
     * An update as the API receives it, checked here: the lead named {@code name} gets the fields of
     * {@code changes} the update mask names or, without a mask, the fields the request set
     * ({@link UpdateMask}).
     *
     * @param changes the new values; {@code null} when the request carries no lead, which is refused
     * @param maskPaths the update mask's paths; empty when the request has no mask
     * @param fieldsSet the fields the request carries a value for
     */
    public Lead update(
            String name,
            LeadFields changes,
            List<String> maskPaths,
            Set<? extends MaskField> fieldsSet,
            String etag,
            boolean allowDuplicate) {
        if (changes == null) {
            throw InvalidArgumentException.of("lead", "required: the lead with its name and new values");
        }
        LeadId id = LeadId.fromName(name, "lead.name");
        Set<MaskField> mask = UpdateMask.resolve(maskPaths, LeadFields::fromPaths, Set.copyOf(fieldsSet), "lead");
        return update(id, changes, mask, etag, allowDuplicate);
    }

    /** {@link #update(LeadId, LeadFields, Set, String, boolean)}, refusing another person's email, phone or name. */
    public Lead update(LeadId id, LeadFields changes, Set<? extends MaskField> mask, String etag) {
        return update(id, changes, mask, etag, false);
    }

    /**
     * Applies the {@code mask}ed fields of {@code changes}. A non-blank {@code etag} must be current.
     * An update that changes nothing keeps the etag.
     *
     * @param allowDuplicate accept an email, phone or name and company someone else already has;
     *     otherwise that is refused ({@link DuplicateGuard#refuseChange})
     */
    public Lead update(
            LeadId id, LeadFields changes, Set<? extends MaskField> mask, String etag, boolean allowDuplicate) {
        if (mask.isEmpty()) {
            throw InvalidArgumentException.of("update_mask", "names no field to update");
        }
        List<Long> turns =
                allowDuplicate || !PersonField.touchesMatchKeys(mask) ? List.of() : turnsForUpdate(id, changes, mask);
        return againIfRaced(
                etag,
                () -> shown(transactor.inTransactionExclusive(turns, () -> {
                    Lead current = currentVersion(id, etag);
                    if (current.merged()) {
                        throw merged(current);
                    }
                    if (current.archived()) {
                        throw new FailedPreconditionException(
                                ErrorReason.LEAD_ARCHIVED,
                                current.id().name() + " is archived; restore it before changing it");
                    }
                    LeadFields updated = asRequestField(() ->
                            rules.forUpdate(current.fields(), current.fields().with(changes, mask)));
                    if (!Objects.equals(updated.owner(), current.fields().owner())) {
                        caller.scope().requireMayGiveTo(updated.owner(), roster::isOnTeam);
                    }
                    RepGrade repGrade = !mask.contains(LeadField.TEMPERATURE)
                            ? RepGrade.UNCHANGED
                            : changes.temperature() == null ? RepGrade.cleared() : RepGrade.set(changes.temperature());
                    if (updated.equals(current.fields())) {
                        // pinning the grade it already has, or clearing a pin, still changes what derives from it
                        return repGrade.changed() ? notify(current, repGrade) : current;
                    }
                    if (!allowDuplicate) {
                        duplicates.refuseChange(
                                id.value(), MatchKeys.of(current.fields()), MatchKeys.of(updated), caller.scope());
                    }
                    return notify(write(current, current.withChanges(updated, now())), repGrade);
                })));
    }

    /**
     * Runs a change made without an etag again when another writer committed between its read and
     * its write (a first touch marking the lead contacted, another edit): the caller asked to change
     * the lead as it is, so nothing it read is stale. With an etag the race is the caller's to see.
     */
    private static <T> T againIfRaced(String etag, Supplier<T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return change.get();
            } catch (StaleEtagException e) {
                if ((etag != null && !etag.isBlank()) || !e.concurrent() || attempt >= RACED_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * The turns an update bringing in new matching keys takes, read before its transaction; the
     * transaction claims the keys it really changes, so a lead changed meanwhile costs at most a
     * turn taken for nothing.
     */
    private List<Long> turnsForUpdate(LeadId id, LeadFields changes, Set<? extends MaskField> mask) {
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

    /** Hides a lead from default lists; archiving an archived lead changes nothing. */
    public Lead archive(LeadId id, String etag) {
        return shown(transactor.inTransaction(() -> {
            Lead current = currentVersion(id, etag);
            if (current.archived()) {
                return current;
            }
            Instant now = now();
            return notify(write(current, current.withArchivedAt(now, now)), RepGrade.UNCHANGED);
        }));
    }

    /**
     * Archives {@code current} for {@code reason} (a source deleted or merged away the person's
     * record), in the caller's transaction; a lead already archived stays as it is. Only a sync
     * calls this: a rep archives with {@link #archive}.
     *
     * @return whether it archived the lead
     * @throws StaleEtagException when someone else changed the lead meanwhile
     */
    public boolean archiveFor(Lead current, String reason) {
        if (current.archived()) {
            return false;
        }
        notify(write(current, current.archivedFor(reason, now())), RepGrade.UNCHANGED);
        return true;
    }

    /** Brings an archived lead back; restoring an active lead changes nothing. */
    public Lead restore(LeadId id, String etag) {
        return shown(transactor.inTransaction(() -> {
            Lead current = currentVersion(id, etag);
            if (!current.archived()) {
                return current;
            }
            if (current.merged()) {
                throw merged(current);
            }
            return notify(write(current, current.withArchivedAt(null, now())), RepGrade.UNCHANGED);
        }));
    }

    /**
     * Marks a lead converted. Only conversion calls this, inside its own transaction: it is the one
     * way to the status the update rules refuse. Of two concurrent conversions, the row version
     * lets exactly one through; the other learns the lead is already converted.
     */
    public Lead markConverted(Lead current) {
        if (current.fields().status() == LeadStatus.CONVERTED) {
            throw alreadyConverted(current.id());
        }
        Lead converted = current.withChanges(
                current.fields().toBuilder().status(LeadStatus.CONVERTED).build(), now());
        if (!store.update(converted, current.version())) {
            if (get(current.id()).fields().status() == LeadStatus.CONVERTED) {
                throw alreadyConverted(current.id());
            }
            throw StaleEtagException.concurrent(current.id().name());
        }
        audit.record(converted.id().name(), "convert", current, converted);
        return notify(converted, RepGrade.UNCHANGED);
    }

    /**
     * Gives {@code survivor} the fields a merge of {@code duplicate} worked out, as a hand edit would
     * (validated, version guarded, re-rated). Only a merge calls this, inside its own transaction.
     */
    public Lead absorb(Lead survivor, LeadFields merged, LeadId duplicate) {
        LeadFields updated = asRequestField(() -> rules.forUpdate(survivor.fields(), merged));
        // the person this inquiry was flagged as is merged into it: nothing is left to merge
        boolean resolved = duplicate.name().equals(survivor.possibleDuplicateOf());
        if (updated.equals(survivor.fields()) && !resolved) {
            return notify(survivor, RepGrade.UNCHANGED);
        }
        Lead next = survivor.withChanges(updated, now());
        if (resolved) {
            store.clearPossibleDuplicateOf(survivor.id(), duplicate.name());
        }
        return notify(write(survivor, resolved ? next.withPossibleDuplicateOf(null) : next), RepGrade.UNCHANGED);
    }

    /**
     * Archives {@code duplicate} as merged into {@code survivor}, a lead or contact resource name.
     * Only a merge calls this, inside its own transaction.
     */
    public Lead markMerged(Lead duplicate, String survivor) {
        return markMerged(duplicate, survivor, duplicate.archiveReason());
    }

    /** {@link #markMerged(Lead, String)}, recording why the lead was merged when not by hand. */
    public Lead markMerged(Lead duplicate, String survivor, String reason) {
        return notify(write(duplicate, duplicate.withMergedInto(survivor, reason, now())), RepGrade.UNCHANGED);
    }

    /** The answer to changing or merging a lead that was merged into another. */
    public static FailedPreconditionException merged(Lead lead) {
        return new FailedPreconditionException(
                ErrorReason.LEAD_MERGED,
                lead.id().name() + " was merged into " + lead.mergedInto() + "; work that one instead");
    }

    /** The answer to converting a lead twice. */
    public static FailedPreconditionException alreadyConverted(LeadId id) {
        return new FailedPreconditionException(
                ErrorReason.LEAD_ALREADY_CONVERTED,
                id.name() + " was already converted to " + "contacts/" + id.value() + "; work the contact instead");
    }

    /**
     * The lead as the caller may see it: who it may be a duplicate of ({@link
     * Lead#possibleDuplicateOf()}) only when the caller may see that person, as every scoped read
     * of the store shows it. For the leads a write returns, which carry the stored value.
     */
    public Lead shown(Lead lead) {
        return store.shown(lead, caller.scope());
    }

    /**
     * The lead, which must still be at {@code etag} when that is not blank: in the caller's scope
     * (else not found), and as stored, since what is written derives from it.
     */
    public Lead currentVersion(LeadId id, String etag) {
        Lead seen = get(id);
        Lead current = seen.possibleDuplicateOf() == null && !(caller.scope() instanceof Scope.Everyone)
                ? store.find(id).orElse(seen)
                : seen;
        String sent = Etags.sent(etag);
        if (sent != null && !sent.equals(current.etag())) {
            throw StaleEtagException.sent(id.name(), sent, current.etag());
        }
        return current;
    }

    /**
     * Stores what a sync batch wrote on leads, in the batch's transaction: the bulk form of
     * {@link #create} and {@link #update}, through the same write steps (their bulk forms, one
     * statement per table), so a rule on writing a lead holds for hand entry and syncs alike.
     *
     * @param created new leads; the write steps fill what they keep on the lead before the insert
     * @param changed changed leads, each written only if it still has the version read
     * @throws StaleEtagException when someone else changed one of them meanwhile; the batch is safe to re-apply
     * @return the leads as they now stand, the new ones first
     */
    public List<Lead> storeSynced(List<SyncedLead> created, List<Versioned<Lead>> changed) {
        List<SyncedLead> written = new ArrayList<>(created.size() + changed.size());
        for (SyncedLead lead : created) {
            SyncedLead ready = lead;
            for (LeadWriteStep step : steps) {
                ready = new SyncedLead(step.inserting(ready), true, ready.inquiredAt());
            }
            written.add(ready);
        }
        store.insertAll(written.stream().map(SyncedLead::lead).toList());
        for (Versioned<Lead> lead : changed) {
            if (!store.update(lead.value(), lead.expectedVersion())) {
                throw StaleEtagException.concurrent(lead.value().id().name());
            }
            written.add(new SyncedLead(lead.value(), false, null));
        }
        for (LeadWriteStep step : steps) {
            written = zip(written, step.synced(written));
        }
        return written.stream().map(SyncedLead::lead).toList();
    }

    /** The synced leads as a write step left them. */
    private static List<SyncedLead> zip(List<SyncedLead> synced, List<Lead> current) {
        if (current.size() != synced.size()) {
            throw new IllegalStateException("a write step returned " + current.size() + " leads for " + synced.size());
        }
        List<SyncedLead> result = new ArrayList<>(synced.size());
        for (int i = 0; i < synced.size(); i++) {
            result.add(new SyncedLead(
                    current.get(i), synced.get(i).created(), synced.get(i).inquiredAt()));
        }
        return result;
    }

    private Lead notify(Lead lead, RepGrade repGrade) {
        Lead result = lead;
        for (LeadWriteStep step : steps) {
            result = step.written(result, repGrade);
        }
        return result;
    }

    private Lead write(Lead current, Lead next) {
        boolean tagsChanged =
                !Objects.equals(next.fields().tags(), current.fields().tags());
        if (!store.update(next, current.version(), tagsChanged)) {
            throw StaleEtagException.concurrent(current.id().name());
        }
        audit.record(next.id().name(), "update", current, next);
        return next;
    }

    // the rules name lead fields; in a request they sit under "lead" (lead.email, ...)
    private static LeadFields asRequestField(Supplier<LeadFields> ruling) {
        try {
            return ruling.get();
        } catch (InvalidArgumentException e) {
            throw e.under("lead");
        }
    }

    // databases keep microseconds; truncating here keeps what we return equal to what we stored
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
