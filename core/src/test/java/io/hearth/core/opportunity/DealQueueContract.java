package io.hearth.core.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.HearthCore;
import io.hearth.core.app.Opportunities;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonRef;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.queue.ActionChannel;
import io.hearth.core.queue.Lane;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.resource.Money;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.FollowUp;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.TouchInput;
import io.hearth.core.touch.TouchKind;
import io.hearth.core.touch.TouchLogged;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The work queue's opportunity lane and touches logged against a deal, through the one composition
 * root, run against each database by a subclass: a stalled deal shows when its stall limit passes,
 * with no write, and says why; a due next step shows in the lane; one person never gets two steps on
 * one day; every deal write places or removes the entry; a touch for a deal is checked and does its
 * due step.
 */
public abstract class DealQueueContract {
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final LocalDate MARCH = LocalDate.parse("2027-03-31");

    private final TickingClock clock = new TickingClock(NOW, Duration.ofMillis(1));
    private TestDatabase testDatabase;
    private HearthCore core;
    private Opportunities opportunities;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        core = HearthCore.on(testDatabase.database())
                .clock(clock)
                .probability(new RuleProbability())
                .caller(Optional::empty)
                .build();
        opportunities = core.opportunities();
    }

    @AfterEach
    void close() {
        if (testDatabase != null) { // null when the test was skipped (no PostgreSQL configured)
            testDatabase.close();
        }
    }

    @Test
    void aStalledDealAppearsWithItsReasonWhenItsStallLimitPassesWithNoWrite() {
        Contact ada = contact("Ada");
        // a prospect who said yes: the cadence stops, so nothing of the cadence is in the queue
        touch(ada, Outcome.REPLIED_POSITIVE, null);
        assertThat(entryOf(ada)).isEmpty();
        Opportunity deal = opportunities.create(ada.id().name(), deal("200 seats"), "proposal", null);

        clock.advance(Duration.ofDays(10).minusMinutes(1));
        assertThat(entryOf(ada)).as("in proposal for less than its 10 days").isEmpty();

        clock.advance(Duration.ofMinutes(2));
        QueueEntry stalled = entryOf(ada).orElseThrow();
        assertThat(stalled.lane()).isEqualTo(Lane.OPPORTUNITY);
        assertThat(stalled.opportunityId()).isEqualTo(deal.id().value());
        assertThat(stalled.owner()).isEqualTo("alice");
        assertThat(stalled.channel()).isEqualTo(ActionChannel.PHONE);
        assertThat(stalled.deadline()).isEqualTo(deal.stageEnteredAt().plus(Duration.ofDays(10)));
        assertThat(stalled.reasons().get(0))
                .isEqualTo("deal \"200 seats\": in Proposal since 2026-12-06, stalled from 2026-12-16 (10-day limit),"
                        + " no next step");
        assertThat(core.workQueue().next(null, 50, "").items())
                .as("read through the store's index ranges, as ListQueue does")
                .extracting(QueueEntry::personId)
                .contains(ada.id().value());
    }

    @Test
    void everyDealWritePlacesOrRemovesTheEntryInItsTransaction() {
        Contact ada = contact("Ada");
        touch(ada, Outcome.REPLIED_POSITIVE, null);
        clock.advance(Duration.ofDays(1)); // she was touched yesterday: today's steps are due today
        Opportunity deal = opportunities.create(ada.id().name(), deal("Pilot"), "", null);
        assertThat(entryOf(ada)).as("a new deal has no step due").isEmpty();

        Opportunity stepped = opportunities.update(
                deal.id().name(),
                new OpportunityFields(
                        null,
                        null,
                        null,
                        null,
                        new NextStep("send the proposal", clock.instant().plusSeconds(60))),
                List.of("next_step"),
                java.util.Set.of(),
                deal.etag());
        clock.advance(Duration.ofMinutes(2));
        QueueEntry due = entryOf(ada).orElseThrow();
        assertThat(due.lane()).isEqualTo(Lane.OPPORTUNITY);
        assertThat(due.reasons().get(0))
                .isEqualTo("deal \"Pilot\": next step \"send the proposal\" due 2026-12-07 09:01 UTC");

        Opportunity archived = opportunities.archive(deal.id(), stepped.etag());
        assertThat(entryOf(ada)).as("archived").isEmpty();
        Opportunity restored = opportunities.restore(deal.id(), archived.etag());
        assertThat(entryOf(ada)).as("restored").isPresent();
        opportunities.close(deal.id(), io.hearth.core.opportunity.Outcome.LOST, "no budget", restored.etag());
        assertThat(entryOf(ada)).as("closed").isEmpty();
    }

    @Test
    void afterTheCadencesFollowUpTheDealsStepDueThatDayWaitsForTheNextDay() {
        Contact ada = contact("Ada");
        FollowUp first = openFollowUp(ada);
        Opportunity deal =
                withNextStep(opportunities.create(ada.id().name(), deal("Pilot"), "", null), "call about the pilot", 2);
        // the follow-up (due at once) comes first; the deal's step is its last reason
        QueueEntry followUpFirst = entryOf(ada).orElseThrow();
        assertThat(followUpFirst.lane()).isEqualTo(Lane.DUE_FOLLOW_UP);
        assertThat(followUpFirst.followUpId()).isEqualTo(first.id());
        assertThat(followUpFirst.reasons())
                .last()
                .isEqualTo("then deal \"Pilot\": next step \"call about the pilot\" due 2026-12-06 11:00 UTC");

        core.followUps().complete(first.id(), Outcome.NO_ANSWER, null, Duration.ZERO, null, null);

        clock.advance(Duration.ofHours(3)); // 12:00, the deal's step is an hour overdue
        assertThat(entryOf(ada)).as("one step a day: the call was made").isEmpty();
        assertThat(core.workQueue().next(null, 50, "").items())
                .extracting(QueueEntry::personId)
                .doesNotContain(ada.id().value());

        clock.advance(Duration.ofHours(12)); // the next day
        QueueEntry nextDay = entryOf(ada).orElseThrow();
        assertThat(nextDay.lane()).isEqualTo(Lane.OPPORTUNITY);
        assertThat(nextDay.opportunityId()).isEqualTo(deal.id().value());
        assertThat(nextDay.reasons()).contains("touched on 2026-12-06: one step a day, so this shows from 2026-12-07");
    }

    @Test
    void aTouchForTheDealDoesItsDueStepAndTheFollowUpDueThatDayWaitsForTheNextDay() {
        Contact ada = contact("Ada");
        FollowUp first = openFollowUp(ada);
        // the deal's step was due an hour before the contact's first follow-up
        Opportunity deal =
                withNextStep(opportunities.create(ada.id().name(), deal("Pilot"), "", null), "send the contract", -1);
        QueueEntry dealFirst = entryOf(ada).orElseThrow();
        assertThat(dealFirst.lane()).isEqualTo(Lane.OPPORTUNITY);
        assertThat(dealFirst.channel())
                .as("one call for both: the follow-up's channel")
                .isEqualTo(ActionChannel.PHONE);
        assertThat(dealFirst.reasons())
                .last()
                .isEqualTo("also due that day: follow-up 1 of 8 by phone, due 2026-12-06 09:00 UTC (one call for both:"
                        + " the follow-up moves to the next day)");

        TouchLogged logged = touch(ada, Outcome.CONNECTED, deal.id().name());

        assertThat(logged.touch().opportunity()).isEqualTo(deal.id());
        assertThat(core.followUps()
                        .listTouches(PersonRef.of(ada.id()), null, null, null, 10, "")
                        .items()
                        .get(0)
                        .opportunity())
                .isEqualTo(deal.id());
        assertThat(opportunities.get(deal.id()).fields().nextStep())
                .as("done by the touch")
                .isNull();
        assertThat(openFollowUp(ada).id())
                .as("the cadence's step is still open")
                .isEqualTo(first.id());
        clock.advance(Duration.ofHours(5));
        assertThat(entryOf(ada))
                .as("one step a day: the follow-up waits for tomorrow")
                .isEmpty();

        clock.advance(Duration.ofHours(12));
        QueueEntry nextDay = entryOf(ada).orElseThrow();
        assertThat(nextDay.lane()).isEqualTo(Lane.DUE_FOLLOW_UP);
        assertThat(nextDay.followUpId()).isEqualTo(first.id());
        assertThat(nextDay.visibleFrom()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(nextDay.deadline()).as("still due when it was").isEqualTo(first.dueAt());
        assertThat(nextDay.reasons())
                .contains("touched on 2026-12-06 for a deal: one step a day, so this shows from 2026-12-07");
    }

    @Test
    void aTouchForADealIsChecked() {
        Contact ada = contact("Ada");
        Contact grace = contact("Grace");
        Opportunity adas = opportunities.create(ada.id().name(), deal("Pilot"), "", null);
        Lead lead = core.leads()
                .create(
                        LeadFields.builder()
                                .givenName("Linus")
                                .source(LeadSource.OTHER)
                                .owner("alice")
                                .build(),
                        null);

        assertThatThrownBy(() -> touch(grace, Outcome.CONNECTED, adas.id().name()))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("touch.opportunity"));
        assertThatThrownBy(() -> core.followUps()
                        .logTouch(new TouchInput(
                                PersonRef.of(lead.id()),
                                TouchKind.COLD_CALL,
                                Channel.PHONE,
                                null,
                                null,
                                Outcome.CONNECTED,
                                null,
                                null,
                                adas.id().name())))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("touch.opportunity"));
        assertThatThrownBy(() -> touch(ada, Outcome.CONNECTED, "opportunities/nope"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("touch.opportunity"));
        assertThatThrownBy(() -> touch(ada, Outcome.CONNECTED, "opportunities/" + java.util.UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class);
        opportunities.archive(adas.id(), "");
        assertThatThrownBy(() -> touch(ada, Outcome.CONNECTED, adas.id().name()))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.errorReason()).isEqualTo(ErrorReason.OPPORTUNITY_ARCHIVED));
        assertThat(core.followUps()
                        .listTouches(PersonRef.of(ada.id()), null, null, null, 10, "")
                        .items())
                .as("nothing was logged")
                .isEmpty();
    }

    @Test
    void aStartPlacesOnceTheEntriesOfDealsStoredBeforeTheDealLane() {
        // Ada and Bob said yes (no cadence step): their entries are their deals' steps
        Contact ada = contact("Ada");
        touch(ada, Outcome.REPLIED_POSITIVE, null);
        opportunities.create(ada.id().name(), deal("200 seats"), "proposal", null);
        Contact bob = contact("Bob");
        touch(bob, Outcome.REPLIED_POSITIVE, null);
        withNextStep(opportunities.create(bob.id().name(), deal("Pilot"), "", null), "call back", 3);
        // Cy's follow-up comes before his deal's stall: his entry names no deal, rightly
        Contact cy = contact("Cy");
        opportunities.create(cy.id().name(), deal("Renewal"), "", null);
        List<Contact> all = List.of(ada, bob, cy);
        java.util.Map<Contact, Optional<QueueEntry>> placed = new java.util.HashMap<>();
        all.forEach(c -> placed.put(c, storedEntry(c)));
        assertThat(placed.get(ada)).get().extracting(QueueEntry::lane).isEqualTo(Lane.OPPORTUNITY);
        assertThat(placed.get(bob)).get().extracting(QueueEntry::opportunityId).isNotNull();
        assertThat(placed.get(cy)).get().extracting(QueueEntry::opportunityId).isNull();
        // as stored before V23: Ada had no entry (a drip-free contact without a step), Bob's named no deal
        core.stores().queue().remove(ada.id().value(), io.hearth.core.person.PersonKind.CONTACT);
        clearDealOf(bob);

        assertThat(core.dealQueueBackfill().run(1))
                .as("Ada's and Bob's, a page of one at a time")
                .isEqualTo(2);

        all.forEach(c -> assertThat(storedEntry(c)).as(c.fields().givenName()).isEqualTo(placed.get(c)));
        // a later start finds the pass done and changes nothing, even an entry broken since
        clearDealOf(bob);
        assertThat(core.dealQueueBackfill().run(1)).isZero();
        assertThat(storedEntry(bob)).get().extracting(QueueEntry::opportunityId).isNull();
    }

    @Test
    void serversStartingTogetherPlaceEachEntryOnce() throws Exception {
        List<Contact> all = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Contact contact = contact("Person " + i);
            touch(contact, Outcome.REPLIED_POSITIVE, null);
            opportunities.create(contact.id().name(), deal("Deal " + i), "proposal", null);
            all.add(contact);
        }
        java.util.Map<Contact, Optional<QueueEntry>> placed = new java.util.HashMap<>();
        all.forEach(c -> placed.put(c, storedEntry(c)));
        all.forEach(c -> core.stores().queue().remove(c.id().value(), io.hearth.core.person.PersonKind.CONTACT));
        HearthCore other = HearthCore.on(testDatabase.database())
                .clock(clock)
                .probability(new RuleProbability())
                .build();
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService servers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> runs = List.of(core, other).stream()
                    .map(server -> servers.submit(() -> {
                        start.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        return server.dealQueueBackfill().run(3);
                    }))
                    .toList();
            int changed = 0;
            for (java.util.concurrent.Future<Integer> run : runs) {
                changed += run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(changed).as("each entry placed by one of them").isEqualTo(7);
        } finally {
            servers.shutdownNow();
        }
        all.forEach(c -> assertThat(storedEntry(c)).as(c.fields().givenName()).isEqualTo(placed.get(c)));
        assertThat(other.dealQueueBackfill().run(3)).isZero();
    }

    /** The contact's entry as stored, whenever it shows. */
    private Optional<QueueEntry> storedEntry(Contact contact) {
        return core.transactor()
                .inTransaction(() -> core.stores().queue().find(contact.id().value()));
    }

    /** The entry as V23 found it: placed before the queue weighed deals, so in no deal lane and naming no deal. */
    private void clearDealOf(Contact contact) {
        testDatabase
                .database()
                .dsl()
                .update(io.hearth.core.persistence.generated.Tables.QUEUE_ENTRY)
                .setNull(io.hearth.core.persistence.generated.Tables.QUEUE_ENTRY.OPPORTUNITY_ID)
                // a deal's step before V23 had no lane of its own: the entry showed the follow-up's
                .set(io.hearth.core.persistence.generated.Tables.QUEUE_ENTRY.LANE_PRIORITY, (short)
                        Lane.DUE_FOLLOW_UP.priority())
                .where(io.hearth.core.persistence.generated.Tables.QUEUE_ENTRY.PERSON_ID.eq(
                        contact.id().value()))
                .execute();
    }

    private Optional<QueueEntry> entryOf(Contact contact) {
        Instant now = clock.instant();
        return core.workQueue().next(null, 200, "").items().stream()
                .filter(e -> e.personId().equals(contact.id().value()))
                .findFirst()
                .filter(e -> !e.visibleFrom().isAfter(now));
    }

    private FollowUp openFollowUp(Contact contact) {
        return core.followUps().listDue(null, clock.instant().plus(Duration.ofDays(30)), 50, "").items().stream()
                .filter(f -> f.person().equals(PersonRef.of(contact.id())))
                .findFirst()
                .orElseThrow();
    }

    /** The deal with a next step due {@code hours} from 09:00 today. */
    private Opportunity withNextStep(Opportunity deal, String step, int hours) {
        return opportunities.update(
                deal.id().name(),
                new OpportunityFields(null, null, null, null, new NextStep(step, NOW.plus(Duration.ofHours(hours)))),
                List.of("next_step"),
                java.util.Set.of(),
                deal.etag());
    }

    private TouchLogged touch(Contact contact, Outcome outcome, String deal) {
        return core.followUps()
                .logTouch(new TouchInput(
                        PersonRef.of(contact.id()),
                        TouchKind.FOLLOW_UP,
                        Channel.PHONE,
                        null,
                        null,
                        outcome,
                        null,
                        null,
                        deal));
    }

    private static OpportunityFields deal(String title) {
        return new OpportunityFields(title, Money.of("EUR", 12_000, 0, "amount"), MARCH, null, null);
    }

    private Contact contact(String name) {
        return core.contacts()
                .create(ContactFields.builder()
                        .givenName(name)
                        .kind(ContactKind.PROSPECT)
                        .owner("alice")
                        .phone("+1 415 555 " + (1000 + Math.abs(name.hashCode() % 9000)))
                        .source(LeadSource.REFERRAL)
                        .build());
    }
}
