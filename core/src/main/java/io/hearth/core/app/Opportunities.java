package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.Principal;
import io.hearth.core.auth.TeamRoster;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactStore;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityField;
import io.hearth.core.opportunity.OpportunityFields;
import io.hearth.core.opportunity.OpportunityFilter;
import io.hearth.core.opportunity.OpportunityId;
import io.hearth.core.opportunity.OpportunityOrder;
import io.hearth.core.opportunity.OpportunityQuery;
import io.hearth.core.opportunity.OpportunityRules;
import io.hearth.core.opportunity.OpportunitySource;
import io.hearth.core.opportunity.OpportunityStore;
import io.hearth.core.opportunity.Outcome;
import io.hearth.core.opportunity.PipelineStage;
import io.hearth.core.opportunity.PipelineStages;
import io.hearth.core.opportunity.Pipelines;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.Scope;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageSize;
import io.hearth.core.query.PageToken;
import io.hearth.core.resource.Etags;
import io.hearth.core.resource.RequestIds;
import io.hearth.core.resource.TimeOrderedIds;
import io.hearth.core.resource.UpdateMask;
import io.hearth.core.touch.ContactQueue;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The opportunity use cases: open a deal with a contact, read and list deals, change their fields,
 * move them through the pipeline's stages, close them won or lost, archive and restore them. Every
 * write is guarded by the row version (a stale etag is refused) and recorded in the audit log; a
 * deal is seen and changed by whoever may see its owner's people ({@link Scope}).
 */
public final class Opportunities {
    private final OpportunityStore store;
    private final ContactStore contacts;
    private final Transactor transactor;
    private final OpportunityRules rules;
    private final Pipelines pipelines;
    private final Clock clock;
    private final TimeOrderedIds ids;
    private final CurrentCaller caller;
    private final TeamRoster roster;
    private final AuditLog audit;
    private final ContactQueue queue;

    /** @param queue places the deal's contact in the work queue again after every write, in its transaction */
    public Opportunities(
            OpportunityStore store,
            ContactStore contacts,
            Transactor transactor,
            OpportunityRules rules,
            Pipelines pipelines,
            Clock clock,
            CurrentCaller caller,
            TeamRoster roster,
            AuditLog audit,
            ContactQueue queue) {
        this.store = requireNonNull(store, "store is null");
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.pipelines = requireNonNull(pipelines, "pipelines is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.caller = requireNonNull(caller, "caller is null");
        this.roster = requireNonNull(roster, "roster is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.ids = new TimeOrderedIds(clock);
    }

    /** The pipeline {@code opportunity} moves through: its owner's team's, or the default. */
    public PipelineStages pipelineOf(Opportunity opportunity) {
        return pipelines.ofOwner(opportunity.fields().owner());
    }

    /** The pipeline of the caller's team, or the default for a caller on no team. */
    public PipelineStages callersPipeline() {
        return pipelines.ofTeam(caller.principal().flatMap(Principal::team).orElse(null));
    }

    /**
     * Opens a deal with the contact named {@code contactName}. With a {@code requestId}, a retry of
     * the same call returns the deal the first call made instead of a second one.
     *
     * @param input {@code null} when the request carries no opportunity, which is refused
     * @param stage the stage it starts in; blank for the pipeline's first
     * @throws NotFoundException when the contact does not exist or the caller may not see it
     */
    public Opportunity create(String contactName, OpportunityFields input, String stage, String requestId) {
        if (input == null) {
            throw InvalidArgumentException.of("opportunity", "required: the opportunity to create");
        }
        ContactId contactId = ContactId.fromName(contactName, "opportunity.contact");
        return RequestIds.createOnce(
                requestId,
                store::findByCreateRequestId,
                key -> transactor.inTransaction(() -> {
                    Contact contact = contacts.find(contactId, caller.scope())
                            .orElseThrow(() -> new NotFoundException(contactId.name()));
                    Opportunity opened = opening(contact, input, stage, null);
                    if (!store.insert(opened, key)) {
                        return Optional.<Opportunity>empty();
                    }
                    audit.record(opened.id().name(), "create", null, Audited.of(opened));
                    queue.dealChanged(opened.contact());
                    return Optional.of(opened);
                }));
    }

    /**
     * Opens a deal with {@code contact}, just made from {@code lead}, in the caller's transaction: a
     * conversion opening an opportunity, which fails whole when a field is bad (named under
     * {@code opportunity}).
     */
    public Opportunity openForConversion(Contact contact, LeadId lead, OpportunityFields input) {
        Opportunity opened = opening(contact, input, null, lead);
        store.insert(opened, null);
        audit.record(opened.id().name(), "create", null, Audited.of(opened));
        queue.dealChanged(opened.contact());
        return opened;
    }

    /** @param stageName the open stage to start in, of the owner's pipeline; blank for its first */
    private Opportunity opening(Contact contact, OpportunityFields input, String stageName, LeadId lead) {
        if (contact.archived()) {
            throw new FailedPreconditionException(
                    ErrorReason.CONTACT_ARCHIVED,
                    contact.id().name() + " is archived; restore it before opening a deal with it");
        }
        Scope scope = caller.scope();
        scope.requireMayGiveTo(input.owner(), roster::isOnTeam);
        String owner = scope.ownerOfNew(input.owner());
        // a deal is worked by whoever works its contact unless someone else is named
        OpportunityFields owned = input.withOwner(
                owner == null || owner.isBlank() ? contact.fields().owner() : owner);
        // the stage is of the deal's owner's pipeline, named before the other fields are checked
        PipelineStages pipeline =
                pipelines.ofOwner(owned.owner() == null ? null : owned.owner().strip());
        PipelineStage stage = stageName == null || stageName.isBlank()
                ? pipeline.first()
                : pipeline.openStageNamed(stageName, "opportunity.stage");
        OpportunityFields fields = asRequestField(() -> rules.check(owned));
        LeadSource leadSource = contact.fields().source();
        return Opportunity.open(
                new OpportunityId(ids.next()),
                contact.id(),
                fields,
                stage,
                new OpportunitySource(lead, leadSource),
                user(),
                now());
    }

    public Opportunity get(OpportunityId id) {
        // out of the caller's scope is not found, exactly as an id never used: ids cannot be probed
        return store.find(id, caller.scope()).orElseThrow(() -> new NotFoundException(id.name()));
    }

    /**
     * One page of deals; the arguments are the raw request values, validated here.
     *
     * @param closeFrom the earliest expected close date to list, or {@code null}
     * @param closeTo the latest expected close date to list, or {@code null}
     */
    public Page<Opportunity> list(
            String filterText,
            LocalDate closeFrom,
            LocalDate closeTo,
            boolean includeArchived,
            String orderBy,
            int requestedPageSize,
            String pageToken) {
        int pageSize = PageSize.resolve(requestedPageSize, "page_size");
        OpportunityFilter filter = OpportunityFilter.parse(filterText, callersPipeline(), "filter");
        OpportunityOrder order = OpportunityOrder.parse(orderBy, "order_by");
        if (closeFrom != null && closeTo != null && closeFrom.isAfter(closeTo)) {
            throw InvalidArgumentException.of(
                    "expected_close_to", "must not be before expected_close_from (" + closeFrom + ")");
        }
        String fingerprint = OpportunityQuery.fingerprint(filter, closeFrom, closeTo, includeArchived, order);
        Optional<PageToken> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty()
                : Optional.of(PageToken.decode(pageToken, fingerprint, "page_token"));
        return store.list(new OpportunityQuery(
                filter, closeFrom, closeTo, includeArchived, order, pageSize, after, caller.scope()));
    }

    /**
     * An update as the API receives it: the deal named {@code name} gets the fields of {@code
     * changes} the update mask names or, without a mask, the fields the request set.
     *
     * @param changes {@code null} when the request carries no opportunity, which is refused
     */
    public Opportunity update(
            String name,
            OpportunityFields changes,
            List<String> maskPaths,
            Set<OpportunityField> fieldsSet,
            String etag) {
        if (changes == null) {
            throw InvalidArgumentException.of("opportunity", "required: the opportunity with its name and new values");
        }
        OpportunityId id = OpportunityId.fromName(name, "opportunity.name");
        Set<OpportunityField> mask =
                UpdateMask.resolve(maskPaths, OpportunityField::fromPaths, Set.copyOf(fieldsSet), "opportunity");
        return transactor.inTransaction(() -> {
            Opportunity current = changeable(id, etag);
            OpportunityFields updated =
                    asRequestField(() -> rules.check(current.fields().with(changes, mask)));
            if (!Objects.equals(updated.owner(), current.fields().owner())) {
                caller.scope().requireMayGiveTo(updated.owner(), roster::isOnTeam);
            }
            if (updated.equals(current.fields())) {
                return current;
            }
            return write(current, current.withFields(updated, now()), "update");
        });
    }

    /**
     * Moves an open deal to another open stage, keeping when it left the one it was in.
     *
     * @throws FailedPreconditionException when the deal is closed or archived
     */
    public Opportunity move(OpportunityId id, String stageName, String etag) {
        return transactor.inTransaction(() -> {
            Opportunity current = changeable(id, etag);
            PipelineStage next = pipelineOf(current).openStageNamed(stageName, "stage");
            requireOpen(current, "moved");
            if (current.stage().equals(next.key())) {
                return current;
            }
            return write(current, current.movedTo(next, user(), now()), "move");
        });
    }

    /**
     * Closes an open deal as won or lost; a lost deal needs its {@code reason}.
     *
     * @param outcome {@code null} when the caller sent none or one this server does not know
     */
    public Opportunity close(OpportunityId id, Outcome outcome, String reason, String etag) {
        if (outcome == null || !outcome.closed()) {
            throw InvalidArgumentException.of("outcome", "required: won or lost");
        }
        String cleanedReason = rules.closeReason(outcome, reason, "reason");
        return transactor.inTransaction(() -> {
            Opportunity current = changeable(id, etag);
            requireOpen(current, "closed again");
            return write(
                    current,
                    current.closedIn(pipelineOf(current).closingStage(outcome), cleanedReason, user(), now()),
                    "close");
        });
    }

    /**
     * Opens a won or lost deal again, in the open stage named {@code stageName}: its history keeps
     * the closing stage it was in (entered and left) and the outcome and close reason are cleared.
     *
     * @throws FailedPreconditionException when the deal is open ({@code OPPORTUNITY_NOT_CLOSED}) or
     *     archived
     */
    public Opportunity reopen(OpportunityId id, String stageName, String etag) {
        if (stageName == null || stageName.isBlank()) {
            throw InvalidArgumentException.of("stage", "required: the open stage the deal goes back to, e.g. proposal");
        }
        return transactor.inTransaction(() -> {
            Opportunity current = changeable(id, etag);
            PipelineStage stage = pipelineOf(current).openStageNamed(stageName, "stage");
            if (!current.closed()) {
                throw new FailedPreconditionException(
                        ErrorReason.OPPORTUNITY_NOT_CLOSED,
                        id.name() + " is open (in " + current.stage()
                                + "); only a won or lost deal is reopened: move it" + " instead");
            }
            return write(current, current.reopenedIn(stage, user(), now()), "reopen");
        });
    }

    /** Hides a deal from default lists; archiving an archived deal changes nothing. */
    public Opportunity archive(OpportunityId id, String etag) {
        return archived(id, etag, current -> current.archived() ? current : current.withArchivedAt(now(), now()));
    }

    /** Brings an archived deal back; restoring a deal not archived changes nothing. */
    public Opportunity restore(OpportunityId id, String etag) {
        return archived(id, etag, current -> current.archived() ? current.withArchivedAt(null, now()) : current);
    }

    private Opportunity archived(OpportunityId id, String etag, UnaryOperator<Opportunity> change) {
        return transactor.inTransaction(() -> {
            Opportunity current = currentVersion(id, etag);
            Opportunity next = change.apply(current);
            return next == current ? current : write(current, next, next.archived() ? "archive" : "restore");
        });
    }

    private Opportunity changeable(OpportunityId id, String etag) {
        Opportunity current = currentVersion(id, etag);
        if (current.archived()) {
            throw new FailedPreconditionException(
                    ErrorReason.OPPORTUNITY_ARCHIVED, id.name() + " is archived; restore it before changing it");
        }
        return current;
    }

    private static void requireOpen(Opportunity current, String what) {
        if (current.closed()) {
            throw new FailedPreconditionException(
                    ErrorReason.OPPORTUNITY_CLOSED,
                    current.id().name() + " is closed ("
                            + current.outcome().name().toLowerCase(java.util.Locale.ROOT)
                            + "); a closed deal cannot be " + what);
        }
    }

    /** The deal, which must still be at {@code etag} when that is not blank. */
    private Opportunity currentVersion(OpportunityId id, String etag) {
        Opportunity current = get(id);
        String sent = Etags.sent(etag);
        if (sent != null && !sent.equals(current.etag())) {
            throw StaleEtagException.sent(id.name(), sent, current.etag());
        }
        return current;
    }

    private Opportunity write(Opportunity current, Opportunity next, String action) {
        if (!store.update(next, current.version())) {
            throw StaleEtagException.concurrent(next.id().name());
        }
        audit.record(next.id().name(), action, Audited.of(current), Audited.of(next));
        queue.dealChanged(next.contact());
        return next;
    }

    /**
     * The deal a touch on {@code contact} is logged against, checked in the caller's transaction: it
     * must be the caller's to see (else not found), be that contact's and not be archived. A closed
     * deal takes touches (a call after the signature), which change nothing on it.
     *
     * @param name "opportunities/{id}" as the request gave it
     * @param field the request field naming the deal
     */
    public Opportunity touchedFor(String name, ContactId contact, String field) {
        OpportunityId id = OpportunityId.fromName(name, field);
        Opportunity deal = get(id);
        if (!deal.contact().equals(contact)) {
            throw InvalidArgumentException.of(
                    field, id.name() + " is a deal with " + deal.contact().name() + ", not with " + contact.name());
        }
        if (deal.archived()) {
            throw new FailedPreconditionException(
                    ErrorReason.OPPORTUNITY_ARCHIVED,
                    id.name() + " is archived; restore it before logging touches against it");
        }
        return deal;
    }

    /**
     * A touch made at {@code touchedAt} for {@code deal} does its next step when the step is due by the
     * end of that day (UTC): the step is cleared, so the deal asks for a new one (it shows again
     * when its stage's stall limit passes). A step due later, or without a date, is left for the rep to
     * change: the touch may have been about something else. In the caller's transaction.
     *
     * @return the deal as it is now
     */
    public Opportunity stepDoneBy(Opportunity deal, Instant touchedAt) {
        var step = deal.fields().nextStep();
        if (deal.closed() || step == null || step.dueAt() == null) {
            return deal;
        }
        Instant endOfDay = touchedAt
                .atZone(java.time.ZoneOffset.UTC)
                .toLocalDate()
                .plusDays(1)
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant();
        if (!step.dueAt().isBefore(endOfDay)) {
            return deal;
        }
        OpportunityFields done = new OpportunityFields(
                deal.fields().title(),
                deal.fields().amount(),
                deal.fields().expectedCloseDate(),
                deal.fields().owner(),
                null);
        return write(deal, deal.withFields(done, now()), "touch did next step");
    }

    private String user() {
        return caller.principal().map(Principal::user).orElse(null);
    }

    // the rules name opportunity fields; in a request they sit under "opportunity" (opportunity.title, ...)
    private static OpportunityFields asRequestField(Supplier<OpportunityFields> ruling) {
        try {
            return ruling.get();
        } catch (InvalidArgumentException e) {
            throw e.under("opportunity");
        }
    }

    // databases keep microseconds; truncating here keeps what we return equal to what we stored
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * What the audit log keeps of a deal: its fields and state, not its whole stage history. Public
     * because the log reads records reflectively.
     */
    public record Audited(
            ContactId contact,
            OpportunityFields fields,
            String stage,
            Outcome outcome,
            String closeReason,
            Instant archivedAt) {
        static Audited of(Opportunity o) {
            return new Audited(o.contact(), o.fields(), o.stage(), o.outcome(), o.closeReason(), o.archivedAt());
        }
    }
}
