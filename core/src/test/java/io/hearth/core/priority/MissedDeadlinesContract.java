package io.hearth.core.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqMissedDeadlineStore;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonField;
import io.hearth.core.query.Page;
import io.hearth.core.queue.QueueFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Missed speed-to-lead deadlines on a real database, run against each database by a subclass. */
public abstract class MissedDeadlinesContract {
    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration WINDOW = SpeedToLeadPolicy.DEFAULT.responseWindow();
    private final TickingClock clock = new TickingClock(START, Duration.ofMillis(1));
    private TestDatabase testDatabase;
    private Database database;
    private QueueFixture hearth;
    private MissedDeadlineStore missed;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        database = testDatabase.database();
        hearth = QueueFixture.on(database, clock);
        missed = new JooqMissedDeadlineStore(database.dsl());
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void aDeadlinePassingWithoutATouchIsRecordedOnceForTheRepWhoOwnedTheLead() {
        Lead web = create("Web", LeadSource.WEB_FORM, "alice");
        create("Listed", LeadSource.PURCHASED_LIST, "alice");

        clock.advance(Duration.ofMinutes(4));
        assertThat(sweep()).as("before the deadline").isZero();
        assertThat(missed.find(web.id())).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        assertThat(sweep()).as("only the web lead was waiting for its deadline").isEqualTo(1);
        MissedDeadline miss = missed.find(web.id()).orElseThrow();
        assertThat(miss.owner()).isEqualTo("alice");
        assertThat(miss.source()).isEqualTo(LeadSource.WEB_FORM);
        assertThat(miss.displayName()).isEqualTo("Web Lead");
        assertThat(miss.arrivedAt()).isEqualTo(web.createdAt());
        assertThat(miss.deadline()).isEqualTo(web.createdAt().plus(WINDOW));
        assertThat(miss.recordedAt()).isAfter(miss.deadline());
        assertThat(miss.answered()).isFalse();

        // every later re-rating and write leaves the one record as it was
        assertThat(sweep()).isZero();
        hearth.ratings().refresh(web.id());
        hearth.leads().update(web.id(), LeadFields.builder().owner("bob").build(), EnumSet.of(PersonField.OWNER), null);
        assertThat(missedDeadlines("", false)).containsExactly(miss);
        assertThat(hearth.speedToLead().stats("alice", null, null).missedByOwner())
                .containsExactly(new OwnerMisses("alice", 1, 1));
    }

    @Test
    void theLateFirstTouchIsRecordedOnTheMiss() {
        Lead web = create("Web", LeadSource.WEB_FORM, "alice");
        clock.advance(Duration.ofMinutes(6));
        sweep();
        clock.advance(Duration.ofMinutes(10));
        Instant touch = clock.instant();

        touch(web, touch);

        MissedDeadline miss = missed.find(web.id()).orElseThrow();
        assertThat(miss.respondedAt()).isEqualTo(touch);
        assertThat(miss.lateBy(touch.plus(Duration.ofDays(1)))).isEqualTo(Duration.between(miss.deadline(), touch));
        ResponseStats stats = hearth.speedToLead().stats("", null, null);
        assertThat(stats.missed()).isEqualTo(1);
        assertThat(stats.missedUnanswered()).isZero();
    }

    @Test
    void aLateFirstTouchRecordsTheMissWhenNoSweepRanBeforeIt() {
        Lead web = create("Web", LeadSource.WEB_FORM, "alice");
        clock.advance(Duration.ofMinutes(20));
        Instant touch = clock.instant();

        touch(web, touch);

        MissedDeadline miss = missed.find(web.id()).orElseThrow();
        assertThat(miss.respondedAt()).isEqualTo(touch);
        assertThat(miss.deadline()).isEqualTo(web.createdAt().plus(WINDOW));
        assertThat(sweep()).isZero();
        assertThat(missedDeadlines("", false)).hasSize(1);
    }

    @Test
    void aTouchInTimeIsNoMiss() {
        Lead web = create("Web", LeadSource.WEB_FORM, "alice");
        clock.advance(Duration.ofMinutes(2));
        touch(web, clock.instant());
        clock.advance(Duration.ofHours(1));

        sweep();

        assertThat(missed.find(web.id())).isEmpty();
        assertThat(hearth.speedToLead().stats("", null, null).missed()).isZero();
    }

    @Test
    void aTouchLoggedLateThatWasMadeInTimeWithdrawsTheMiss() {
        Lead web = create("Web", LeadSource.WEB_FORM, "alice");
        clock.advance(Duration.ofMinutes(10));
        sweep();
        assertThat(missed.find(web.id())).isPresent();

        // the rep called at minute 3 and logged it now
        touch(web, web.createdAt().plus(Duration.ofMinutes(3)));

        assertThat(missed.find(web.id())).isEmpty();
        assertThat(hearth.speedToLead().stats("", null, null).missed()).isZero();
    }

    @Test
    void aLeadArchivedByItsDeadlineIsNoMissOneArchivedAfterItIs() {
        Lead spam = create("Spam", LeadSource.WEB_FORM, "alice");
        Lead slow = create("Slow", LeadSource.WEB_FORM, "alice");
        clock.advance(Duration.ofMinutes(1));
        hearth.leads().archive(spam.id(), null);
        clock.advance(Duration.ofMinutes(6));

        // archiving re-rates the lead: that alone records the miss, before any sweep
        hearth.leads().archive(slow.id(), null);
        assertThat(missed.find(slow.id())).isPresent();
        sweep();

        assertThat(missed.find(spam.id())).isEmpty();
        assertThat(missedDeadlines("", false))
                .extracting(MissedDeadline::leadId)
                .containsExactly(slow.id());
    }

    @Test
    void aDeadlineThatPassedWhileNoServerRanIsRecordedAtTheNextStart() {
        Lead web = create("Web", LeadSource.WEB_FORM, "alice");
        clock.advance(Duration.ofHours(3));

        QueueFixture restarted = QueueFixture.on(database, clock);
        restarted.ratings().rerateExpired(100);

        MissedDeadline miss = missed.find(web.id()).orElseThrow();
        assertThat(miss.deadline()).isEqualTo(web.createdAt().plus(WINDOW));
        assertThat(miss.answered()).isFalse();
    }

    @Test
    void serversSweepingAndTouchingAtOnceRecordEachMissExactlyOnce() throws Exception {
        List<Lead> web = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            web.add(create("Web" + i, LeadSource.WEB_FORM, i % 2 == 0 ? "alice" : "bob"));
        }
        clock.advance(Duration.ofMinutes(10));
        Instant touch = clock.instant();
        QueueFixture serverA = QueueFixture.on(database, clock);
        QueueFixture serverB = QueueFixture.on(database, clock);
        QueueFixture serverC = QueueFixture.on(database, clock);

        runAtOnce(
                () -> serverA.ratings().rerateExpired(100),
                () -> serverB.ratings().rerateExpired(100),
                () -> {
                    for (Lead lead : web.subList(0, 6)) {
                        serverC.ratings().recordActivity(lead.id(), new Activity(touch, touch, null, null, null));
                    }
                    return null;
                });

        List<MissedDeadline> recorded = missedDeadlines("", false);
        assertThat(recorded)
                .extracting(MissedDeadline::leadId)
                .containsExactlyInAnyOrderElementsOf(web.stream().map(Lead::id).toList());
        assertThat(recorded)
                .filteredOn(MissedDeadline::answered)
                .extracting(MissedDeadline::leadId)
                .containsExactlyInAnyOrderElementsOf(
                        web.subList(0, 6).stream().map(Lead::id).toList());
        assertThat(recorded)
                .filteredOn(MissedDeadline::answered)
                .allSatisfy(m -> assertThat(m.respondedAt()).isEqualTo(touch));
    }

    @Test
    void missedDeadlinesListNewestFirstPageByPageForOneRepOrTheTeam() {
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leads.add(create("Web" + i, LeadSource.WEB_FORM, i % 2 == 0 ? "alice" : "bob"));
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(10));
        touch(leads.get(0), clock.instant());
        touch(leads.get(1), clock.instant());
        sweep();

        List<LeadId> newestFirst = new ArrayList<>(leads.stream().map(Lead::id).toList());
        Collections.reverse(newestFirst);
        List<LeadId> paged = new ArrayList<>();
        String token = "";
        do {
            Page<MissedDeadline> page = hearth.speedToLead().missedDeadlines("", null, null, false, 2, token);
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            page.items().forEach(m -> paged.add(m.leadId()));
            token = page.nextPageToken().orElse("");
        } while (!token.isEmpty());
        assertThat(paged).isEqualTo(newestFirst);

        List<LeadId> alicesPaged = new ArrayList<>();
        token = "";
        do {
            Page<MissedDeadline> page = hearth.speedToLead().missedDeadlines("alice", null, null, false, 1, token);
            page.items().forEach(m -> alicesPaged.add(m.leadId()));
            token = page.nextPageToken().orElse("");
        } while (!token.isEmpty());
        assertThat(alicesPaged)
                .containsExactly(
                        leads.get(4).id(), leads.get(2).id(), leads.get(0).id());

        assertThat(missedDeadlines("", true))
                .extracting(MissedDeadline::leadId)
                .containsExactly(
                        leads.get(4).id(), leads.get(3).id(), leads.get(2).id());
        assertThat(hearth.speedToLead().stats("", null, null).missedByOwner())
                .containsExactly(new OwnerMisses("alice", 3, 2), new OwnerMisses("bob", 2, 1));

        String aliceToken = hearth.speedToLead()
                .missedDeadlines("alice", null, null, false, 1, "")
                .nextPageToken()
                .orElseThrow();
        assertThatThrownBy(() -> hearth.speedToLead().missedDeadlines("bob", null, null, false, 1, aliceToken))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("page_token"));
        assertThatThrownBy(() -> hearth.speedToLead().missedDeadlines("", null, null, false, -1, ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("page_size"));
    }

    @Test
    void totalsCountEveryMissTeamWideAndThoseStillUnanswered() {
        assertThat(missed.totals()).isEqualTo(new MissedDeadlineStore.MissTotals(0, 0));
        Lead first = create("First", LeadSource.WEB_FORM, "alice");
        create("Second", LeadSource.WEB_FORM, "bob");
        create("Listed", LeadSource.PURCHASED_LIST, "bob");

        clock.advance(WINDOW.plusMinutes(1));
        sweep();
        assertThat(missed.totals()).isEqualTo(new MissedDeadlineStore.MissTotals(2, 2));

        touch(first, clock.instant());
        assertThat(missed.totals()).isEqualTo(new MissedDeadlineStore.MissTotals(2, 1));
    }

    private int sweep() {
        return hearth.ratings().rerateExpired(1000);
    }

    private void touch(Lead lead, Instant at) {
        hearth.ratings().recordActivity(lead.id(), new Activity(at, at, null, null, null));
    }

    private List<MissedDeadline> missedDeadlines(String owner, boolean unansweredOnly) {
        return hearth.speedToLead()
                .missedDeadlines(owner, null, null, unansweredOnly, 1000, "")
                .items();
    }

    private Lead create(String given, LeadSource source, String owner) {
        return hearth.leads()
                .create(
                        LeadFixtures.person(given, "Lead")
                                .source(source)
                                .owner(owner)
                                .phone("+1 415 555 0100")
                                .build(),
                        null,
                        true); // the fixtures share one phone number
    }

    @SafeVarargs
    private static void runAtOnce(Callable<?>... tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (Callable<?> task : tasks) {
                running.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<?> future : running) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
