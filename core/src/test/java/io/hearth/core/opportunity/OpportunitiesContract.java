package io.hearth.core.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.Concurrently;
import io.hearth.core.HearthCore;
import io.hearth.core.app.LeadToDealConversion;
import io.hearth.core.app.Opportunities;
import io.hearth.core.auth.ApiToken;
import io.hearth.core.auth.Principal;
import io.hearth.core.auth.Role;
import io.hearth.core.auth.TokenHash;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.JooqApiTokenStore;
import io.hearth.core.persistence.JooqOpportunityStore;
import io.hearth.core.persistence.JooqTransactor;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.Scope;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.query.Page;
import io.hearth.core.resource.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opportunities through the one composition root, run against each database by a subclass: stage
 * moves keep their history, a closed deal does not move, racing moves with one etag lose nothing,
 * the contact must exist and be the caller's to see, and a conversion that opens a deal does both
 * or neither.
 */
public abstract class OpportunitiesContract {
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final LocalDate MARCH = LocalDate.parse("2027-03-31");

    private final TickingClock clock = new TickingClock(NOW, Duration.ofMillis(1));
    private final AtomicReference<Optional<Principal>> caller = new AtomicReference<>(Optional.empty());
    private TestDatabase testDatabase;
    private HearthCore core;
    private Opportunities opportunities;
    private Contact alicesContact;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        core = HearthCore.on(testDatabase.database())
                .clock(clock)
                .probability(new RuleProbability())
                .caller(caller::get)
                .build();
        opportunities = core.opportunities();
        // the team's members are the users its tokens name
        JooqApiTokenStore tokens = new JooqApiTokenStore(testDatabase.database().dsl());
        tokens.insert(token("alice", Role.REP, "east"), TokenHash.of("alice-token"));
        tokens.insert(token("bob", Role.REP, "east"), TokenHash.of("bob-token"));
        tokens.insert(token("carol", Role.REP, "west"), TokenHash.of("carol-token"));
        alicesContact = contact("Ada", "alice", LeadSource.REFERRAL);
    }

    @AfterEach
    void close() {
        if (testDatabase != null) { // null when the test was skipped (no PostgreSQL configured)
            testDatabase.close();
        }
    }

    @Test
    void aNewDealReadsBackInTheFirstStageWithItsContactsOwnerAndLeadSource() {
        Opportunity created = opportunities.create(
                alicesContact.id().name(),
                deal(" 200 seats ", "25000.50", MARCH).withOwner(null),
                "",
                null);

        Opportunity read = opportunities.get(created.id());

        assertThat(read).isEqualTo(created);
        assertThat(read.fields().title()).isEqualTo("200 seats");
        assertThat(read.fields().amount()).isEqualTo(Money.of("EUR", 25000, 500_000_000, "amount"));
        assertThat(read.fields().owner()).isEqualTo("alice");
        assertThat(read.stage()).isEqualTo("qualification");
        assertThat(read.outcome()).isEqualTo(Outcome.OPEN);
        assertThat(read.source()).isEqualTo(new OpportunitySource(null, LeadSource.REFERRAL));
        assertThat(read.history()).containsExactly(new StageVisit("qualification", read.createdAt(), null, null));
        assertThat(read.etag()).isEqualTo("\"1\"");
    }

    @Test
    void stageMovesKeepTheirHistory() {
        Opportunity created = opportunities.create(alicesContact.id().name(), deal("Pilot", "1000", MARCH), "", null);

        Opportunity analysed = opportunities.move(created.id(), "Needs analysis", created.etag());
        Opportunity proposed = opportunities.move(created.id(), "proposal", analysed.etag());
        Opportunity unchanged = opportunities.move(created.id(), "proposal", "");

        Opportunity read = opportunities.get(created.id());
        assertThat(read).isEqualTo(proposed).isEqualTo(unchanged);
        assertThat(read.stage()).isEqualTo("proposal");
        assertThat(read.stageEnteredAt()).isEqualTo(proposed.updatedAt());
        assertThat(read.history())
                .extracting(StageVisit::stage)
                .containsExactly("qualification", "needs_analysis", "proposal");
        List<StageVisit> visits = read.history();
        assertThat(visits.get(0).leftAt()).isEqualTo(visits.get(1).enteredAt());
        assertThat(visits.get(1).leftAt()).isEqualTo(visits.get(2).enteredAt());
        assertThat(visits.get(2).leftAt()).isNull();
        assertThat(visits.get(1).enteredAt()).isAfter(visits.get(0).enteredAt());
        assertThatThrownBy(() -> opportunities.move(created.id(), "negotiation", created.etag()))
                .isInstanceOf(StaleEtagException.class);
        assertThatThrownBy(() -> opportunities.move(created.id(), "signed", ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("stage"));
        assertThatThrownBy(() -> opportunities.move(created.id(), "closed_won", ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("stage"));
    }

    @Test
    void aClosedDealCannotMoveNorCloseAgainAndALostOneNeedsItsReason() {
        Opportunity created = opportunities.create(alicesContact.id().name(), deal("Pilot", "1000", MARCH), "", null);
        Opportunity moved = opportunities.move(created.id(), "negotiation", "");

        assertThatThrownBy(() -> opportunities.close(created.id(), Outcome.LOST, " ", moved.etag()))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("reason"));
        Opportunity lost = opportunities.close(created.id(), Outcome.LOST, "went with a competitor", moved.etag());

        assertThat(lost.outcome()).isEqualTo(Outcome.LOST);
        assertThat(lost.stage()).isEqualTo("closed_lost");
        assertThat(lost.closeReason()).isEqualTo("went with a competitor");
        assertThat(lost.closedAt()).isEqualTo(lost.updatedAt());
        assertThat(opportunities.get(created.id())).isEqualTo(lost);
        assertThatThrownBy(() -> opportunities.move(created.id(), "proposal", lost.etag()))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("OPPORTUNITY_CLOSED"));
        assertThatThrownBy(() -> opportunities.close(created.id(), Outcome.WON, "", lost.etag()))
                .isInstanceOf(FailedPreconditionException.class);
        assertThat(opportunities.get(created.id())).isEqualTo(lost);
        assertThat(lost.history())
                .extracting(StageVisit::stage)
                .containsExactly("qualification", "negotiation", "closed_lost");
        Opportunity won = opportunities.close(
                opportunities
                        .create(alicesContact.id().name(), deal("Renewal", "500", MARCH), "proposal", null)
                        .id(),
                Outcome.WON,
                "",
                "");
        assertThat(won.stage()).isEqualTo("closed_won");
        assertThat(won.closeReason()).isNull();
        assertThatThrownBy(() -> opportunities.close(won.id(), Outcome.OPEN, "", ""))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void twoMovesWithOneEtagAtOnceOneWinsTheOtherIsAbortedAndTheHistoryHasTheWinnersChangeOnly() throws Exception {
        for (int round = 0; round < 10; round++) {
            Opportunity created =
                    opportunities.create(alicesContact.id().name(), deal("Race " + round, "10", MARCH), "", null);
            AtomicInteger turn = new AtomicInteger();
            List<String> stages = List.of("proposal", "negotiation");

            // two movers and a reader: a read while a move commits sees the deal before or after it, whole
            List<Object> results = Concurrently.run(3, () -> {
                int mine = turn.getAndIncrement();
                if (mine == 2) {
                    return opportunities.get(created.id()).history();
                }
                try {
                    return opportunities.move(created.id(), stages.get(mine), created.etag());
                } catch (StaleEtagException e) {
                    return e;
                }
            });

            List<Opportunity> winners = new ArrayList<>();
            results.forEach(r -> {
                if (r instanceof Opportunity o) {
                    winners.add(o);
                }
            });
            assertThat(winners).hasSize(1);
            assertThat(results).filteredOn(r -> r instanceof StaleEtagException).hasSize(1);
            assertThat(results)
                    .filteredOn(r -> r instanceof List<?>)
                    .singleElement()
                    .isIn(created.history(), winners.get(0).history());
            Opportunity read = opportunities.get(created.id());
            assertThat(read).isEqualTo(winners.get(0));
            assertThat(read.version()).isEqualTo(2);
            assertThat(read.history())
                    .extracting(StageVisit::stage)
                    .containsExactly("qualification", winners.get(0).stage());
        }
    }

    @Test
    void aReadIsWholeThoughAMoveCommitsRightAfterItsFirstStatement() throws Exception {
        Opportunity created = opportunities.create(alicesContact.id().name(), deal("Pilot", "1000", MARCH), "", null);
        AtomicReference<Opportunity> movedMeanwhile = new AtomicReference<>();
        // a store whose first statement is followed, before its next one, by a move committed elsewhere
        AtomicBoolean fired = new AtomicBoolean();
        DSLContext interrupted = testDatabase
                .database()
                .dsl()
                .configuration()
                .derive(ExecuteListener.onExecuteEnd(ctx -> {
                    if (fired.compareAndSet(false, true)) {
                        Thread mover =
                                new Thread(() -> movedMeanwhile.set(opportunities.move(created.id(), "proposal", "")));
                        mover.start();
                        try {
                            mover.join();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }))
                .dsl();
        JooqOpportunityStore store = new JooqOpportunityStore(interrupted);

        Opportunity read = store.find(created.id(), Scope.EVERYONE).orElseThrow();
        assertThat(movedMeanwhile.get()).isNotNull();
        assertThat(read).isIn(created, movedMeanwhile.get());

        fired.set(false);
        List<Opportunity> listed = store.list(new OpportunityQuery(
                        OpportunityFilter.NONE,
                        null,
                        null,
                        false,
                        OpportunityOrder.DEFAULT,
                        10,
                        Optional.empty(),
                        Scope.EVERYONE))
                .items();
        Opportunity movedAgain = movedMeanwhile.get();
        assertThat(listed).singleElement().isIn(read, movedAgain);
    }

    @Test
    void theContactMustExistBeTheCallersToSeeAndNotBeArchived() {
        Contact bobs = contact("Bea", "bob", null);
        actAs("alice", Role.REP, "east");

        assertThatThrownBy(() ->
                        opportunities.create("contacts/" + UUID.randomUUID(), deal("Ghost", "1", MARCH), "", null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> opportunities.create(bobs.id().name(), deal("Poach", "1", MARCH), "", null))
                .isInstanceOfSatisfying(
                        NotFoundException.class,
                        e -> assertThat(e.resourceName()).isEqualTo(bobs.id().name()));
        assertThatThrownBy(() -> opportunities.create("people/1", deal("Bad", "1", MARCH), "", null))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("opportunity.contact"));
        caller.set(Optional.empty());
        core.contacts().archive(alicesContact.id(), null);
        assertThatThrownBy(() -> opportunities.create(alicesContact.id().name(), deal("Late", "1", MARCH), "", null))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("CONTACT_ARCHIVED"));
        assertThat(opportunities.list("", null, null, true, "", 100, "").items())
                .isEmpty();
    }

    @Test
    void aDealIsScopedByItsOwnerAsPeopleAre() {
        Opportunity alices = opportunities.create(alicesContact.id().name(), deal("Alice's", "1", MARCH), "", null);
        Contact carols = contact("Cy", "carol", null);
        Opportunity carolsDeal = opportunities.create(carols.id().name(), deal("Carol's", "1", MARCH), "", null);

        actAs("bob", Role.REP, "east");
        assertThatThrownBy(() -> opportunities.get(alices.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> opportunities.move(alices.id(), "proposal", ""))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> opportunities.archive(alices.id(), "")).isInstanceOf(NotFoundException.class);
        assertThat(opportunities.list("", null, null, true, "", 100, "").items())
                .isEmpty();
        actAs("alice", Role.REP, "east");
        assertThatThrownBy(() -> opportunities.update(
                        alices.id().name(), deal(null, null, null).withOwner("bob"), List.of("owner"), Set.of(), ""))
                .isInstanceOf(io.hearth.core.error.PermissionDeniedException.class);
        actAs("erin", Role.MANAGER, "east");
        assertThat(opportunities.list("", null, null, false, "", 100, "").items())
                .extracting(Opportunity::id)
                .containsExactly(alices.id());
        caller.set(Optional.empty());
        assertThat(opportunities.list("", null, null, false, "", 100, "").items())
                .extracting(Opportunity::id)
                .containsExactly(alices.id(), carolsDeal.id());
    }

    @Test
    void listsFilterOrderAndPageWithTokensTiedToTheirQuery() {
        Contact other = contact("Bo", "bob", null);
        Opportunity small = create(alicesContact, "small", "100", "2027-01-15");
        Opportunity large = create(alicesContact, "large", "90000.5", "2027-02-01");
        Opportunity medium = create(other, "medium", "5000", "2027-03-01");
        Opportunity late = create(alicesContact, "late", "700", "2027-06-30");
        Opportunity tied = create(other, "tied", "5000", "2027-01-15");
        opportunities.move(medium.id(), "proposal", "");
        opportunities.close(late.id(), Outcome.WON, "", "");

        // ties go by id in the order's direction: of two equal amounts, descending lists the later first
        assertThat(allPages("", null, null, "amount desc", 2))
                .containsExactly("large", "tied", "medium", "late", "small");
        assertThat(allPages("", null, null, "expected_close_date", 2))
                .containsExactly(
                        small.id().value().compareTo(tied.id().value()) < 0 ? "small" : "tied",
                        small.id().value().compareTo(tied.id().value()) < 0 ? "tied" : "small",
                        "large",
                        "medium",
                        "late");
        assertThat(allPages("", null, null, "", 3)).containsExactly("small", "large", "medium", "late", "tied");
        assertThat(allPages("stage = proposal", null, null, "", 10)).containsExactly("medium");
        assertThat(allPages("closed = true", null, null, "", 10)).containsExactly("late");
        assertThat(allPages("outcome = open AND owner = bob", null, null, "amount", 10))
                .containsExactlyInAnyOrder("medium", "tied");
        assertThat(allPages("contact = \"" + other.id().name() + "\"", null, null, "", 10))
                .containsExactly("medium", "tied");
        assertThat(allPages("", LocalDate.parse("2027-01-16"), LocalDate.parse("2027-03-01"), "", 10))
                .containsExactly("large", "medium");
        assertThat(large.fields().amount().amount()).isEqualByComparingTo(new BigDecimal("90000.5"));

        Page<Opportunity> first = opportunities.list("", null, null, false, "amount", 2, "");
        assertThatThrownBy(() -> opportunities.list(
                        "",
                        null,
                        null,
                        false,
                        "amount desc",
                        2,
                        first.nextPageToken().orElseThrow()))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("page_token"));
        assertThatThrownBy(() -> opportunities.list("", null, null, false, "title", 2, ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("order_by"));
        assertThatThrownBy(() -> opportunities.list("stage = won", null, null, false, "", 2, ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("filter"));
        assertThatThrownBy(() -> opportunities.list(
                        "", LocalDate.parse("2027-02-01"), LocalDate.parse("2027-01-01"), false, "", 2, ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("expected_close_to"));
    }

    @Test
    void updatesChangeTheMaskedOrSetFieldsCheckTheEtagAndNameWhatIsWrong() {
        Opportunity created = opportunities.create(alicesContact.id().name(), deal("Pilot", "1000", MARCH), "", null);
        NextStep step = new NextStep("send the revised proposal", Instant.parse("2026-12-11T17:00:00Z"));
        OpportunityFields changes =
                new OpportunityFields("Pilot, 50 seats", money("1500"), MARCH.plusMonths(1), null, step);

        Opportunity set = opportunities.update(
                created.id().name(),
                changes,
                List.of(),
                EnumSet.of(OpportunityField.TITLE, OpportunityField.NEXT_STEP),
                created.etag());
        Opportunity masked = opportunities.update(
                created.id().name(), changes, List.of("amount", "next_step.due_time"), Set.of(), set.etag());

        assertThat(set.fields().title()).isEqualTo("Pilot, 50 seats");
        assertThat(set.fields().nextStep()).isEqualTo(step);
        assertThat(set.fields().amount()).isEqualTo(money("1000"));
        assertThat(masked.fields().amount()).isEqualTo(money("1500"));
        assertThat(masked.fields().expectedCloseDate()).isEqualTo(MARCH);
        assertThat(opportunities.get(created.id())).isEqualTo(masked);
        assertThatThrownBy(() ->
                        opportunities.update(created.id().name(), changes, List.of("title"), Set.of(), created.etag()))
                .isInstanceOf(StaleEtagException.class);
        assertThatThrownBy(() -> opportunities.update(
                        created.id().name(),
                        new OpportunityFields(" ", null, null, null, new NextStep(" ", null)),
                        List.of("title", "amount", "next_step"),
                        Set.of(),
                        ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactlyInAnyOrder(
                                        "opportunity.title",
                                        "opportunity.amount",
                                        "opportunity.next_step.description"));
        assertThatThrownBy(() -> opportunities.update(created.id().name(), changes, List.of("stage"), Set.of(), ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("update_mask"));
    }

    @Test
    void archivedDealsLeaveDefaultListsAndCannotChangeUntilRestored() {
        Opportunity created = opportunities.create(alicesContact.id().name(), deal("Pilot", "1000", MARCH), "", null);

        Opportunity archived = opportunities.archive(created.id(), created.etag());

        assertThat(archived.archived()).isTrue();
        assertThat(opportunities.archive(created.id(), "")).isEqualTo(archived);
        assertThat(opportunities.list("", null, null, false, "", 10, "").items())
                .isEmpty();
        assertThat(opportunities.list("", null, null, true, "", 10, "").items()).containsExactly(archived);
        assertThatThrownBy(() -> opportunities.move(created.id(), "proposal", ""))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("OPPORTUNITY_ARCHIVED"));
        Opportunity restored = opportunities.restore(created.id(), archived.etag());
        assertThat(restored.archived()).isFalse();
        assertThat(opportunities.move(created.id(), "proposal", restored.etag()).stage())
                .isEqualTo("proposal");
    }

    @Test
    void aRetryWithTheSameRequestIdReturnsTheFirstDeal() throws Exception {
        List<Opportunity> made = Concurrently.run(
                3, () -> opportunities.create(alicesContact.id().name(), deal("Once", "1", MARCH), "", "req-1"));

        assertThat(made).extracting(Opportunity::id).containsOnly(made.get(0).id());
        assertThat(opportunities.list("", null, null, false, "", 10, "").items())
                .hasSize(1);
    }

    @Test
    void theStoreAnswersARequestIdAnotherCallTookWithFalseAndTheTransactionGoesOn() {
        Opportunity first = opportunities.create(alicesContact.id().name(), deal("Once", "1", MARCH), "", "req-taken");
        JooqOpportunityStore store =
                new JooqOpportunityStore(testDatabase.database().dsl());

        // as a call that lost the race sees it: its own insert of the request id, inside its transaction
        boolean inserted = new JooqTransactor(testDatabase.database().dsl()).inTransaction(() -> {
            boolean made = store.insert(first, "req-taken");
            // the transaction still takes statements (PostgreSQL refuses any after a failed one)
            assertThat(store.findByCreateRequestId("req-taken"))
                    .map(Opportunity::id)
                    .contains(first.id());
            return made;
        });

        assertThat(inserted).isFalse();
        assertThat(opportunities.list("", null, null, false, "", 10, "").items())
                .hasSize(1);
    }

    @Test
    void aConversionThatOpensADealDoesBothOrNeither() {
        Lead lead = core.leads()
                .create(
                        LeadFields.builder()
                                .givenName("Lin")
                                .company("Lin & Co")
                                .source(LeadSource.WEBINAR)
                                .owner("alice")
                                .build(),
                        null);
        LeadToDealConversion conversions = core.dealConversion();

        assertThatThrownBy(() -> conversions.convert(lead.id(), "", deal("No amount", null, MARCH)))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("opportunity.amount"));
        assertThat(core.leads().get(lead.id()).status()).isNotEqualTo(LeadStatus.CONVERTED);
        assertThatThrownBy(() -> core.contacts().get(new ContactId(lead.id().value())))
                .isInstanceOf(NotFoundException.class);
        assertThat(opportunities.list("", null, null, true, "", 10, "").items()).isEmpty();

        LeadToDealConversion.Result done = conversions.convert(lead.id(), "", deal("First order", "1200", MARCH));

        assertThat(done.conversion().lead().status()).isEqualTo(LeadStatus.CONVERTED);
        Opportunity opened = opportunities.get(done.opportunity().id());
        assertThat(opened).isEqualTo(done.opportunity());
        assertThat(opened.contact()).isEqualTo(done.conversion().contact().id());
        assertThat(opened.source()).isEqualTo(new OpportunitySource(lead.id(), LeadSource.WEBINAR));
        assertThat(opened.fields().owner()).isEqualTo("alice");
        assertThat(opened.stage()).isEqualTo("qualification");
    }

    private List<String> allPages(String filter, LocalDate from, LocalDate to, String order, int size) {
        List<String> titles = new ArrayList<>();
        String token = "";
        do {
            Page<Opportunity> page = opportunities.list(filter, from, to, false, order, size, token);
            page.items().forEach(o -> titles.add(o.fields().title()));
            token = page.nextPageToken().orElse("");
        } while (!token.isEmpty());
        return titles;
    }

    private Opportunity create(Contact contact, String title, String amount, String closeDate) {
        return opportunities.create(contact.id().name(), deal(title, amount, LocalDate.parse(closeDate)), "", null);
    }

    @Test
    void aClosedDealReopensInAChosenOpenStageKeepingItsHistory() {
        Opportunity created = opportunities.create(alicesContact.id().name(), deal("Pilot", "1000", MARCH), "", null);
        Opportunity lost = opportunities.close(created.id(), Outcome.LOST, "budget frozen", created.etag());

        assertThatThrownBy(() -> opportunities.reopen(created.id(), "proposal", created.etag()))
                .isInstanceOf(StaleEtagException.class);
        assertThatThrownBy(() -> opportunities.reopen(created.id(), "closed_won", lost.etag()))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("stage"));
        assertThatThrownBy(() -> opportunities.reopen(created.id(), " ", lost.etag()))
                .isInstanceOf(InvalidArgumentException.class);
        Opportunity reopened = opportunities.reopen(created.id(), "Proposal", lost.etag());

        Opportunity read = opportunities.get(created.id());
        assertThat(read).isEqualTo(reopened);
        assertThat(read.outcome()).isEqualTo(Outcome.OPEN);
        assertThat(read.stage()).isEqualTo("proposal");
        assertThat(read.closeReason()).isNull();
        assertThat(read.closedAt()).isNull();
        assertThat(read.history())
                .extracting(StageVisit::stage)
                .containsExactly("qualification", "closed_lost", "proposal");
        assertThat(read.history().get(1).leftAt())
                .isEqualTo(read.history().get(2).enteredAt());
        assertThat(read.etag()).isNotEqualTo(lost.etag());
        assertThatThrownBy(() -> opportunities.reopen(created.id(), "proposal", ""))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("OPPORTUNITY_NOT_CLOSED"));
        // it moves and closes again like any open deal
        Opportunity won = opportunities.close(created.id(), Outcome.WON, "", "");
        assertThat(won.history())
                .extracting(StageVisit::stage)
                .containsExactly("qualification", "closed_lost", "proposal", "closed_won");
        actAs("bob", Role.REP, "east");
        assertThatThrownBy(() -> opportunities.reopen(created.id(), "proposal", ""))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aContactWithOpenDealsIsNotArchivedUntilTheyAreClosedOrArchived() {
        Opportunity open = opportunities.create(alicesContact.id().name(), deal("Pilot", "1000", MARCH), "", null);
        Opportunity other = opportunities.create(alicesContact.id().name(), deal("Pilot 2", "1", MARCH), "", null);

        assertThatThrownBy(() -> core.contacts().archive(alicesContact.id(), null))
                .isInstanceOfSatisfying(FailedPreconditionException.class, e -> {
                    assertThat(e.reason()).isEqualTo("CONTACT_HAS_OPEN_DEALS");
                    assertThat(e.getMessage()).contains("2 open deals");
                });
        opportunities.close(open.id(), Outcome.LOST, "no budget", "");
        opportunities.archive(other.id(), "");

        assertThat(core.contacts().archive(alicesContact.id(), null).archived()).isTrue();
    }

    @Test
    void pipelineStatsAddUpTheDealsInScopePerStageAndCurrency() {
        Contact carols = contact("Cy", "carol", LeadSource.WEB_FORM);
        Opportunity a = opportunities.create(alicesContact.id().name(), deal("A", "1000", MARCH), "", null);
        Opportunity b = opportunities.create(alicesContact.id().name(), deal("B", "500.5", MARCH), "proposal", null);
        Opportunity c = opportunities.create(
                alicesContact.id().name(),
                new OpportunityFields("C", Money.of("USD", 200, 0, "amount"), MARCH, null, null),
                "proposal",
                null);
        Opportunity d = opportunities.create(alicesContact.id().name(), deal("D", "10", MARCH), "", null);
        opportunities.move(d.id(), "needs_analysis", "");
        opportunities.close(d.id(), Outcome.WON, "", "");
        Opportunity e = opportunities.create(alicesContact.id().name(), deal("E", "10", MARCH), "", null);
        opportunities.close(e.id(), Outcome.LOST, "no budget", "");
        Opportunity carolsDeal = opportunities.create(carols.id().name(), deal("F", "7", MARCH), "", null);
        opportunities.close(carolsDeal.id(), Outcome.WON, "", "");
        Opportunity archived = opportunities.create(alicesContact.id().name(), deal("G", "99", MARCH), "", null);
        opportunities.archive(archived.id(), "");
        assertThat(a.stage()).isEqualTo("qualification");
        assertThat(b.stage()).isEqualTo("proposal");
        assertThat(c.stage()).isEqualTo("proposal");

        PipelineStats all = core.pipelineStats().report(null, null, null, null, null, null);

        assertThat(all.dealsMeasured()).isEqualTo(6);
        PipelineStats.StageStats qualification = stage(all, "qualification");
        assertThat(qualification.openDeals()).isEqualTo(1);
        assertThat(qualification.values())
                .containsExactly(
                        new PipelineStats.CurrencyValue("EUR", 1, new BigDecimal("1000"), new BigDecimal("100")));
        // A, D, E, F entered qualification; D (to needs_analysis) and F (won) went further
        assertThat(qualification.entered()).isEqualTo(4);
        assertThat(qualification.advanced()).isEqualTo(2);
        assertThat(qualification.visitsMeasured()).isEqualTo(4);
        assertThat(stage(all, "proposal").values())
                .containsExactly(
                        new PipelineStats.CurrencyValue("EUR", 1, new BigDecimal("500.5"), new BigDecimal("250.25")),
                        new PipelineStats.CurrencyValue("USD", 1, new BigDecimal("200"), new BigDecimal("100")));
        assertThat(all.openTotals())
                .containsExactly(
                        new PipelineStats.CurrencyValue("EUR", 2, new BigDecimal("1500.5"), new BigDecimal("350.25")),
                        new PipelineStats.CurrencyValue("USD", 1, new BigDecimal("200"), new BigDecimal("100")));
        assertThat(all.winRateBySource())
                .containsExactly(
                        new PipelineStats.SourceWinRate(LeadSource.WEB_FORM, 1, 1),
                        new PipelineStats.SourceWinRate(LeadSource.REFERRAL, 2, 1));

        // filters: the owner, the team (its tokens' users), the close time
        assertThat(core.pipelineStats()
                        .report("carol", null, null, null, null, null)
                        .dealsMeasured())
                .isEqualTo(1);
        assertThat(core.pipelineStats()
                        .report(null, "teams/east", null, null, null, null)
                        .dealsMeasured())
                .isEqualTo(5);
        PipelineStats closed = core.pipelineStats().report(null, null, null, null, NOW, NOW.plusSeconds(3600));
        assertThat(closed.dealsMeasured()).isEqualTo(3);
        assertThat(closed.openTotals()).isEmpty();
        assertThat(core.pipelineStats()
                        .report(null, null, NOW.plusSeconds(3600), null, null, null)
                        .dealsMeasured())
                .isZero();
        assertThatThrownBy(() -> core.pipelineStats().report(null, null, NOW, NOW, null, null))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        ex -> assertThat(ex.violations())
                                .extracting(v -> v.field())
                                .containsExactly("create_end_time"));

        // scope: a rep sees their own deals' figures, a manager their team's
        actAs("bob", Role.REP, "east");
        PipelineStats bobs = core.pipelineStats().report(null, null, null, null, null, null);
        assertThat(bobs.dealsMeasured()).isZero();
        assertThat(bobs.openTotals()).isEmpty();
        assertThat(bobs.winRateBySource()).isEmpty();
        actAs("erin", Role.MANAGER, "west");
        assertThat(core.pipelineStats()
                        .report(null, null, null, null, null, null)
                        .winRateBySource())
                .containsExactly(new PipelineStats.SourceWinRate(LeadSource.WEB_FORM, 1, 1));
    }

    @Test
    void aTeamsOwnStagesAreTheStagesOfItsMembersDealsAndAStageWithOpenDealsStays() {
        actAs("erin", Role.MANAGER, "east");
        assertThat(core.teams().pipeline("", "team").own()).isFalse();
        assertThat(core.teams().pipeline("", "team").stages()).isEqualTo(PipelineStages.DEFAULT);
        assertThatThrownBy(() -> core.teams()
                        .updatePipeline(
                                "teams/east",
                                "team",
                                List.of(
                                        new PipelineStageInput("Dup", "", 10, 5),
                                        new PipelineStageInput("dup", "", 101, 0),
                                        new PipelineStageInput("closed_won", "", 100, 5),
                                        new PipelineStageInput("9lives", "", 10, 5))))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactlyInAnyOrder(
                                        "stages[1].key",
                                        "stages[1].probability",
                                        "stages[1].stall_days",
                                        "stages[2].key",
                                        "stages[3].key"));
        assertThatThrownBy(() -> core.teams().updatePipeline("east", "team", List.of()))
                .isInstanceOf(InvalidArgumentException.class);

        var east = core.teams()
                .updatePipeline(
                        "east",
                        "team",
                        List.of(
                                new PipelineStageInput("Discovery", "", 20, 7),
                                new PipelineStageInput("demo", "Product demo", 40, 5),
                                new PipelineStageInput("proposal", "", 60, 10)));

        assertThat(east.own()).isTrue();
        assertThat(east.stages().stages())
                .extracting(PipelineStage::key)
                .containsExactly("discovery", "demo", "proposal", "closed_won", "closed_lost");
        assertThat(east.stages().find("demo").orElseThrow().displayName()).isEqualTo("Product demo");
        assertThat(core.teams().pipeline("east", "team")).isEqualTo(east);
        caller.set(Optional.empty());
        Opportunity alices = opportunities.create(alicesContact.id().name(), deal("A", "1000", MARCH), "", null);
        assertThat(alices.stage()).isEqualTo("discovery");
        assertThatThrownBy(() -> opportunities.move(alices.id(), "qualification", ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("stage"));
        Opportunity demo = opportunities.move(alices.id(), "demo", "");
        assertThat(opportunities
                        .pipelineOf(demo)
                        .find(demo.stage())
                        .orElseThrow()
                        .probability())
                .isEqualTo(40);
        // the queue stalls it at its own team's limit (demo: 5 days), not the default pipeline's
        // (the contact's first follow-up is due first, so the deal is the entry's dated reason)
        assertThat(core.stores()
                        .queue()
                        .find(alicesContact.id().value())
                        .orElseThrow()
                        .reasons())
                .anySatisfy(reason -> assertThat(reason)
                        .contains("in Product demo since 2026-12-06, stalled from 2026-12-11 (5-day limit)"));
        // carol is on team west, which kept the default; an unowned deal moves through the default
        Opportunity carols =
                opportunities.create(contact("Cy", "carol", null).id().name(), deal("C", "1", MARCH), "", null);
        assertThat(carols.stage()).isEqualTo("qualification");
        Opportunity unowned =
                opportunities.create(contact("Una", null, null).id().name(), deal("U", "1", MARCH), "", null);
        assertThat(unowned.stage()).isEqualTo("qualification");

        actAs("erin", Role.MANAGER, "east");
        assertThatThrownBy(() -> core.teams()
                        .updatePipeline("east", "team", List.of(new PipelineStageInput("discovery", "", 20, 7))))
                .isInstanceOfSatisfying(FailedPreconditionException.class, e -> {
                    assertThat(e.reason()).isEqualTo("PIPELINE_STAGE_IN_USE");
                    assertThat(e.getMessage()).contains("demo (1 open deal)");
                });
        assertThat(stage(core.pipelineStats().report(null, null, null, null, null, null), "demo")
                        .probability())
                .isEqualTo(40);
        actAs("alice", Role.REP, "east");
        assertThatThrownBy(() ->
                        core.teams().updatePipeline("east", "team", List.of(new PipelineStageInput("x", "", 1, 1))))
                .isInstanceOf(io.hearth.core.error.PermissionDeniedException.class);
        assertThat(core.teams().pipeline("", "team").own()).isTrue();
        actAs("wendy", Role.MANAGER, "west");
        assertThatThrownBy(() ->
                        core.teams().updatePipeline("east", "team", List.of(new PipelineStageInput("x", "", 1, 1))))
                .isInstanceOf(io.hearth.core.error.PermissionDeniedException.class);
        caller.set(Optional.empty());
        opportunities.close(demo.id(), Outcome.LOST, "no budget", "");
        assertThat(core.teams()
                        .updatePipeline("east", "team", List.of(new PipelineStageInput("discovery", "", 20, 7)))
                        .stages()
                        .stages())
                .extracting(PipelineStage::key)
                .containsExactly("discovery", "closed_won", "closed_lost");
    }

    private static PipelineStats.StageStats stage(PipelineStats stats, String key) {
        return stats.stages().stream()
                .filter(s -> s.stage().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private static OpportunityFields deal(String title, String amount, LocalDate closeDate) {
        return new OpportunityFields(title, amount == null ? null : money(amount), closeDate, null, null);
    }

    private static Money money(String amount) {
        BigDecimal value = new BigDecimal(amount);
        long units = value.longValue();
        int nanos = value.subtract(BigDecimal.valueOf(units)).movePointRight(9).intValue();
        return Money.of("EUR", units, nanos, "amount");
    }

    private Contact contact(String name, String owner, LeadSource source) {
        return core.contacts()
                .create(ContactFields.builder()
                        .givenName(name)
                        .kind(ContactKind.PROSPECT)
                        .owner(owner)
                        .source(source)
                        .build());
    }

    private void actAs(String user, Role role, String team) {
        caller.set(Optional.of(new Principal(user, role, Optional.ofNullable(team), "t-" + user)));
    }

    private static ApiToken token(String user, Role role, String team) {
        return new ApiToken(
                "t-" + user, user, role, Optional.of(team), NOW, "test", Optional.empty(), Optional.empty());
    }
}
