package io.hearth.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadField;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.Temperature;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqLeadProfileStore;
import io.hearth.core.persistence.JooqQueueStore;
import io.hearth.core.persistence.ServerPrepared;
import io.hearth.core.persistence.StatementCounter;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.Scope;
import io.hearth.core.priority.Activity;
import io.hearth.core.priority.Answer;
import io.hearth.core.priority.Bant;
import io.hearth.core.priority.ClosedLead;
import io.hearth.core.priority.LeadSignals;
import io.hearth.core.priority.LearnedProbability;
import io.hearth.core.priority.OwnerMisses;
import io.hearth.core.priority.Qualification;
import io.hearth.core.priority.QualificationField;
import io.hearth.core.priority.ReferralKind;
import io.hearth.core.priority.ResponseBucket;
import io.hearth.core.priority.ResponseStats;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.query.Page;
import io.hearth.core.resource.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The work queue on a real database, run against each database by a subclass. */
public abstract class WorkQueueContract {
    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private final TickingClock clock = new TickingClock(START, Duration.ofMillis(1));
    private TestDatabase testDatabase;
    private QueueFixture hearth;
    private Database database;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        database = testDatabase.database();
        hearth = QueueFixture.on(database, clock);
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void aSeededTeamQueueComesOutInTheDocumentedOrderWithReasons() {
        Lead webFirst = create("Web", "First", LeadSource.WEB_FORM, "alice");
        clock.advance(Duration.ofMinutes(1));
        Lead webSecond = create("Web", "Second", LeadSource.WEB_FORM, "bob");
        Lead hotBig = qualifyLater(create("Hot", "Big", LeadSource.REFERRAL, "alice"), 20, 50_000);
        Lead sizzling = qualifyLater(create("Hot", "Now", LeadSource.OTHER, "alice"), 3, 1_000);
        Lead hotSmall = qualifyLater(create("Hot", "Small", LeadSource.OTHER, "bob"), 25, 10_000);
        Lead warm = referral(create("Warm", "Referral", LeadSource.REFERRAL, "alice"));
        Lead cool = create("Cool", "Show", LeadSource.TRADE_SHOW, "alice");
        Lead cold = create("Cold", "List", LeadSource.PURCHASED_LIST, "bob");
        Lead unqualified = hearth.leads()
                .update(
                        create("Not", "Fit", LeadSource.OTHER, "alice").id(),
                        LeadFields.builder().status(LeadStatus.UNQUALIFIED).build(),
                        EnumSet.of(LeadField.STATUS),
                        null);
        Lead archived = hearth.leads()
                .archive(create("Gone", "Away", LeadSource.REFERRAL, "alice").id(), null);

        List<QueueEntry> team = all("");

        assertThat(team)
                .extracting(QueueEntry::personId)
                .containsExactly(
                        webFirst.id().value(),
                        webSecond.id().value(),
                        sizzling.id().value(),
                        hotBig.id().value(),
                        hotSmall.id().value(),
                        warm.id().value(),
                        cool.id().value(),
                        cold.id().value(),
                        unqualified.id().value());
        assertThat(team)
                .extracting(QueueEntry::lane)
                .containsExactly(
                        Lane.SPEED_TO_LEAD,
                        Lane.SPEED_TO_LEAD,
                        Lane.SIZZLING,
                        Lane.HOT,
                        Lane.HOT,
                        Lane.WARM,
                        Lane.COOL,
                        Lane.COLD,
                        Lane.COLD);
        assertThat(team).allSatisfy(e -> assertThat(e.reasons()).isNotEmpty());
        assertThat(team.get(0).deadline()).isEqualTo(webFirst.createdAt().plus(Duration.ofMinutes(5)));
        assertThat(team.get(0).reasons().get(0)).startsWith("new web form lead: respond by 09:05:00");
        assertThat(team.get(0).action()).isEqualTo(ActionKind.COLD_CALL);
        assertThat(team)
                .extracting(QueueEntry::personId)
                .doesNotContain(archived.id().value());
        assertThat(all("bob"))
                .extracting(QueueEntry::personId)
                .containsExactly(
                        webSecond.id().value(), hotSmall.id().value(), cold.id().value());
    }

    @Test
    void sizesCountEachLaneTeamWideSplitIntoDueAndScheduled() {
        QueueStore store = new JooqQueueStore(database.dsl());
        assertThat(store.sizes(clock.instant()).values()).allMatch(size -> size.equals(new QueueStore.LaneSize(0, 0)));

        create("Web", "First", LeadSource.WEB_FORM, "alice");
        create("Web", "Second", LeadSource.WEB_FORM, "bob");
        create("Cold", "List", LeadSource.PURCHASED_LIST, "bob");
        Lead later = create("Cold", "Later", LeadSource.PURCHASED_LIST, "alice");
        QueueEntry entry = store.find(later.id().value()).orElseThrow();
        store.put(new QueueEntry(
                entry.personId(),
                entry.personKind(),
                entry.owner(),
                entry.displayName(),
                entry.lane(),
                entry.rank(),
                clock.instant().plus(Duration.ofDays(2)),
                entry.deadline(),
                entry.action(),
                entry.channel(),
                entry.reasons(),
                entry.followUpId()));

        Map<Lane, QueueStore.LaneSize> sizes = store.sizes(clock.instant());

        assertThat(sizes).containsOnlyKeys(Lane.values());
        assertThat(sizes.get(Lane.SPEED_TO_LEAD)).isEqualTo(new QueueStore.LaneSize(2, 0));
        assertThat(sizes.get(Lane.COLD)).isEqualTo(new QueueStore.LaneSize(1, 1));
        assertThat(sizes.get(Lane.HOT)).isEqualTo(new QueueStore.LaneSize(0, 0));
        assertThat(store.sizes(clock.instant().plus(Duration.ofDays(3))).get(Lane.COLD))
                .isEqualTo(new QueueStore.LaneSize(2, 0));
    }

    @Test
    void changesMoveALeadAtOnce() {
        Lead web = create("Web", "Lead", LeadSource.WEB_FORM, "alice");
        Lead cold = create("Cold", "List", LeadSource.PURCHASED_LIST, "alice");
        assertThat(laneOf(web)).isEqualTo(Lane.SPEED_TO_LEAD);
        assertThat(laneOf(cold)).isEqualTo(Lane.COLD);

        hearth.ratings().recordActivity(web.id(), new Activity(clock.instant(), clock.instant(), null, null, null));
        hearth.qualifications()
                .qualify(
                        cold.id(),
                        new Qualification(
                                LocalDate.parse("2026-11-27"),
                                null,
                                ReferralKind.NONE,
                                Bant.UNKNOWN,
                                "event next week",
                                0),
                        EnumSet.of(QualificationField.NEED_BY, QualificationField.NOTE),
                        null);

        assertThat(laneOf(web)).isEqualTo(Lane.COOL);
        assertThat(laneOf(cold)).isEqualTo(Lane.SIZZLING);
        assertThat(hearth.leads().get(cold.id()).fields().temperature()).isEqualTo(Temperature.HOT);
    }

    @Test
    void allFourBantYesQualifiesTheLead() {
        Lead lead = create("Ada", "Lovelace", LeadSource.OTHER, "alice");
        Bant yes = new Bant(Answer.YES, Answer.YES, Answer.YES, Answer.YES);

        hearth.qualifications()
                .qualify(
                        lead.id(),
                        new Qualification(null, null, ReferralKind.NONE, yes, null, 0),
                        EnumSet.allOf(QualificationField.class),
                        null);

        Lead qualified = hearth.leads().get(lead.id());
        assertThat(qualified.fields().status()).isEqualTo(LeadStatus.QUALIFIED);
        assertThat(qualified.fields().temperature()).isEqualTo(Temperature.HOT);
    }

    @Test
    void anOverrideIsShownAndSurvivesRecomputation() {
        Lead cold = create("Cold", "List", LeadSource.PURCHASED_LIST, "alice");

        hearth.overrides().override(cold.id(), Temperature.HOT, "CEO asked for a quote at the gala", "alice");
        hearth.ratings().recordActivity(cold.id(), new Activity(clock.instant(), clock.instant(), null, null, null));
        clock.advance(Duration.ofDays(400));
        hearth.ratings().rerateExpired(100);

        QueueEntry entry = entryOf(cold);
        assertThat(entry.lane()).isEqualTo(Lane.HOT);
        assertThat(entry.reasons()).contains("rep set it hot: CEO asked for a quote at the gala");
        assertThat(hearth.ratings().profile(cold.id()).rating().grade()).isEqualTo(Temperature.COLD);
        assertThat(hearth.leads().get(cold.id()).fields().temperature()).isEqualTo(Temperature.HOT);

        hearth.overrides().override(cold.id(), null, null, "alice");
        assertThat(laneOf(cold)).isEqualTo(Lane.COLD);
    }

    @Test
    void settingTheTemperatureOnTheLeadIsAnOverride() {
        Lead lead = hearth.leads()
                .create(
                        LeadFixtures.person("Pinned", "Hot")
                                .source(LeadSource.PURCHASED_LIST)
                                .temperature(Temperature.HOT)
                                .build(),
                        null);
        assertThat(lead.fields().temperature()).isEqualTo(Temperature.HOT);
        assertThat(hearth.ratings().profile(lead.id()).override().reason()).isEqualTo("set by rep");

        Lead cleared =
                hearth.leads().update(lead.id(), LeadFields.builder().build(), EnumSet.of(LeadField.TEMPERATURE), null);
        assertThat(cleared.fields().temperature()).isEqualTo(Temperature.COLD);
    }

    @Test
    void timeAloneCoolsALeadThroughScheduledReRating() {
        Lead lead = create("Replied", "Yesterday", LeadSource.OTHER, "alice");
        hearth.ratings()
                .recordActivity(
                        lead.id(),
                        new Activity(clock.instant(), clock.instant(), clock.instant(), clock.instant(), null));
        assertThat(laneOf(lead)).isEqualTo(Lane.SIZZLING);

        clock.advance(Duration.ofDays(2));
        assertThat(hearth.ratings().rerateExpired(100)).isEqualTo(1);
        assertThat(laneOf(lead)).isEqualTo(Lane.WARM);

        clock.advance(Duration.ofDays(100));
        hearth.ratings().rerateExpired(100);
        assertThat(laneOf(lead)).isEqualTo(Lane.COLD);
        // spoken with long ago is cold for that reason, with the date, not for having no relationship
        assertThat(entryOf(lead).reasons())
                .containsExactly("spoken with 102 days ago on "
                        + LocalDate.ofInstant(clock.instant().minus(Duration.ofDays(102)), ZoneOffset.UTC)
                        + ", little contact since");
    }

    @Test
    void pagesWalkTheQueueOnceInOrder() {
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            created.add(create("P", "" + i, i % 2 == 0 ? LeadSource.TRADE_SHOW : LeadSource.PURCHASED_LIST, "alice")
                    .id()
                    .value());
        }
        List<UUID> onePage = all("alice").stream().map(QueueEntry::personId).toList();
        List<UUID> paged = new ArrayList<>();
        String token = "";
        do {
            Page<QueueEntry> page = hearth.queue().next("alice", 4, token);
            page.items().forEach(e -> paged.add(e.personId()));
            token = page.nextPageToken().orElse("");
        } while (!token.isEmpty());

        assertThat(paged).isEqualTo(onePage).hasSize(11).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void responseStatsOfAHandMadeDay() {
        Lead fast = create("Fast", "Answer", LeadSource.WEB_FORM, "alice");
        Lead slow = create("Slow", "Answer", LeadSource.WEB_FORM, "alice");
        create("Never", "Answered", LeadSource.WEB_FORM, "alice");
        create("Other", "Rep", LeadSource.WEB_FORM, "bob");
        create("Not", "Inbound", LeadSource.PURCHASED_LIST, "alice");
        Instant arrived = fast.createdAt();
        hearth.ratings()
                .recordActivity(
                        fast.id(), new Activity(arrived.plusSeconds(120), arrived.plusSeconds(120), null, null, null));
        hearth.ratings()
                .recordActivity(
                        slow.id(), new Activity(arrived.plusSeconds(600), arrived.plusSeconds(600), null, null, null));
        hearth.qualifications()
                .qualify(
                        fast.id(),
                        new Qualification(
                                null,
                                null,
                                ReferralKind.NONE,
                                new Bant(Answer.YES, Answer.YES, Answer.YES, Answer.YES),
                                null,
                                0),
                        EnumSet.of(
                                QualificationField.BUDGET,
                                QualificationField.AUTHORITY,
                                QualificationField.NEED,
                                QualificationField.TIMESCALE),
                        null);
        clock.advance(Duration.ofMinutes(30));
        hearth.ratings().rerateExpired(100);

        ResponseStats stats = hearth.speedToLead().stats("alice", null, null);

        assertThat(stats.responded()).isEqualTo(2);
        assertThat(stats.awaiting()).isEqualTo(1);
        assertThat(stats.missed()).isEqualTo(2);
        assertThat(stats.missedUnanswered()).isEqualTo(1);
        assertThat(stats.missedByOwner()).containsExactly(new OwnerMisses("alice", 2, 1));
        // two responses, 2 and 10 minutes: the median is the mean of the two
        assertThat(stats.median())
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(359), Duration.ofSeconds(361)));
        assertThat(stats.shareWithinWindow()).isEqualTo(0.5);
        assertThat(stats.buckets().get(ResponseBucket.WITHIN_5_MINUTES)).isEqualTo(new ResponseStats.BucketStats(1, 1));
        assertThat(stats.buckets().get(ResponseBucket.WITHIN_30_MINUTES))
                .isEqualTo(new ResponseStats.BucketStats(1, 0));
    }

    /** The model learns from the newest closed leads of both kinds together, newest first, open ones left out. */
    @Test
    void theClosedLeadsAreTheNewestOfBothStatusesMergedNewestFirst() {
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            leads.add(create("Closed", "No" + i, LeadSource.REFERRAL, "alice"));
        }
        // closed in this order (the clock ticks): won, lost, lost, won, lost, won; the last stays open
        boolean[] won = {true, false, false, true, false, true};
        for (int i = 0; i < won.length; i++) {
            close(leads.get(i), won[i]);
        }

        List<ClosedLead> newest = new JooqLeadProfileStore(database.dsl()).closedLeads(4);

        assertThat(newest).extracting(ClosedLead::won).containsExactly(true, false, true, false);
        assertThat(newest)
                .extracting(closed -> closed.signals().createdAt())
                .containsExactly(
                        hearth.leads().get(leads.get(5).id()).createdAt(),
                        hearth.leads().get(leads.get(4).id()).createdAt(),
                        hearth.leads().get(leads.get(3).id()).createdAt(),
                        hearth.leads().get(leads.get(2).id()).createdAt());
        assertThat(new JooqLeadProfileStore(database.dsl()).closedLeads(100)).hasSize(6);
    }

    @Test
    void probabilityIsLearnedFromTheTeamsClosedLeadsOnceThereAreEnough() {
        LearnedProbability learned =
                new LearnedProbability(new JooqLeadProfileStore(database.dsl()), new RuleProbability());
        assertThat(learned.retrain()).as("no history yet").isEqualTo(new LearnedProbability.Retraining(false, false));
        // referrals mostly convert (34 of 40), purchased-list leads mostly do not (4 of 40)
        for (int i = 0; i < 40; i++) {
            close(create("Referred", "No" + i, LeadSource.REFERRAL, "alice"), i < 34);
            close(create("Listed", "No" + i, LeadSource.PURCHASED_LIST, "alice"), i < 4);
        }

        assertThat(learned.retrain()).isEqualTo(new LearnedProbability.Retraining(true, true));
        assertThat(learned.retrain())
                .as("nothing closed since")
                .isEqualTo(new LearnedProbability.Retraining(true, false));
        assertThat(learned.probabilityToClose(newSignals(LeadSource.REFERRAL), Temperature.COLD))
                .isGreaterThan(0.7);
        assertThat(learned.probabilityToClose(newSignals(LeadSource.PURCHASED_LIST), Temperature.COLD))
                .isLessThan(0.2);
    }

    @Test
    void pagesCrossTheLanesInOrderAndAFollowUpShowsOnlyOnceDue() {
        JooqQueueStore store = new JooqQueueStore(database.dsl());
        Instant now = clock.instant();
        List<QueueEntry> hot = List.of(entry(Lane.HOT, 30, now), entry(Lane.HOT, 20, now), entry(Lane.HOT, 10, now));
        // oldest due first; two share a due time, and their ids break the tie
        Instant tie = now.minus(Duration.ofMinutes(5));
        List<QueueEntry> due = new ArrayList<>(
                List.of(due(now.minus(Duration.ofDays(1))), due(tie), due(tie), due(now.minusSeconds(1))));
        // databases compare UUIDs as unsigned bytes, as their text does (UUID.compareTo is signed)
        due.subList(1, 3)
                .sort(java.util.Comparator.comparing(
                                (QueueEntry e) -> e.personId().toString())
                        .reversed());
        List<QueueEntry> notDueYet = List.of(
                due(now.plus(Duration.ofMinutes(10))),
                due(now.plus(Duration.ofHours(1))),
                due(now.plus(Duration.ofDays(3))));
        List<QueueEntry> rest = List.of(
                entry(Lane.WARM, 5, now),
                entry(Lane.COOL, 5, now),
                entry(Lane.COLD, 9, now),
                entry(Lane.COLD, -9, now));
        List<QueueEntry> expected = new ArrayList<>(hot);
        expected.addAll(due);
        expected.addAll(rest);
        for (List<QueueEntry> entries : List.of(rest, notDueYet, due, hot)) {
            entries.forEach(store::put);
        }
        store.put(new QueueEntry(
                UUID.randomUUID(),
                PersonKind.LEAD,
                "bob",
                "Bob's",
                Lane.HOT,
                99,
                now,
                null,
                ActionKind.COLD_CALL,
                ActionChannel.PHONE,
                List.of("not alice's")));

        for (int size = 1; size <= 5; size++) {
            assertThat(paged("alice", size)).as("alice, pages of %d", size).isEqualTo(expected);
        }
        assertThat(paged("", 3)).hasSize(expected.size() + 1).containsSubsequence(expected);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        List<QueueEntry> later = new ArrayList<>(hot);
        later.addAll(due);
        later.addAll(notDueYet.subList(0, 2));
        later.addAll(rest);
        assertThat(paged("alice", 2)).isEqualTo(later);
    }

    @Test
    void aConvertedLeadsContactTakesItsRowAndRemovingOneKindLeavesTheOther() {
        JooqQueueStore store = new JooqQueueStore(database.dsl());
        QueueEntry lead = entry(Lane.WARM, 5, clock.instant());
        Instant due = clock.instant();
        QueueEntry contact = new QueueEntry(
                lead.personId(),
                PersonKind.CONTACT,
                "bob",
                "Grace Hopper",
                Lane.DUE_FOLLOW_UP,
                QueueEntry.dueRank(due),
                due,
                due,
                ActionKind.FOLLOW_UP,
                ActionChannel.SMS,
                List.of("follow-up 1 of 8 by sms"));
        store.put(lead);

        store.put(contact);
        store.remove(lead.personId(), PersonKind.LEAD);

        assertThat(store.find(lead.personId())).hasValue(contact);
        assertThat(all("bob")).containsExactly(contact);
        store.remove(contact.personId(), PersonKind.CONTACT);
        assertThat(store.find(contact.personId())).isEmpty();
    }

    private static QueueEntry entry(Lane lane, long rank, Instant visibleFrom) {
        return new QueueEntry(
                UUID.randomUUID(),
                PersonKind.LEAD,
                "alice",
                "Someone",
                lane,
                rank,
                visibleFrom,
                null,
                ActionKind.TOUCH_BASE,
                ActionChannel.DIRECT_MAIL,
                List.of("why"));
    }

    private static QueueEntry due(Instant dueAt) {
        return new QueueEntry(
                UUID.randomUUID(),
                PersonKind.CONTACT,
                "alice",
                "Someone",
                Lane.DUE_FOLLOW_UP,
                QueueEntry.dueRank(dueAt),
                dueAt,
                dueAt,
                ActionKind.FOLLOW_UP,
                ActionChannel.EMAIL,
                List.of("due"));
    }

    private List<QueueEntry> paged(String owner, int size) {
        List<QueueEntry> entries = new ArrayList<>();
        String token = "";
        do {
            Page<QueueEntry> page = hearth.queue().next(owner, size, token);
            entries.addAll(page.items());
            token = page.nextPageToken().orElse("");
        } while (!token.isEmpty());
        return entries;
    }

    private void close(Lead lead, boolean won) {
        if (won) {
            hearth.leads().markConverted(hearth.leads().get(lead.id()));
        } else {
            hearth.leads()
                    .update(
                            lead.id(),
                            LeadFields.builder().status(LeadStatus.UNQUALIFIED).build(),
                            EnumSet.of(LeadField.STATUS),
                            null);
        }
    }

    private LeadSignals newSignals(LeadSource source) {
        return new LeadSignals(
                source, ReferralKind.NONE, null, Bant.UNKNOWN, 0, clock.instant(), null, null, null, null);
    }

    /**
     * HSQLDB compiles every statement text it has not seen on the connection: the queue read binds
     * the time and the range bounds, so its text is the same from call to call and the compiled
     * statement is reused. PostgreSQL plans each read with them, never with a generic plan.
     */
    @Test
    void theQueueReadIsOneStatementTextAtAnyTimeAndPlannedWithTheTimeOnPostgresql() {
        create("Web", "One", LeadSource.WEB_FORM, "alice");
        create("Trade", "Two", LeadSource.TRADE_SHOW, "alice");
        StatementCounter counter = StatementCounter.on(database);
        JooqQueueStore store = new JooqQueueStore(database.dsl());
        List<List<UUID>> pages = new ArrayList<>();
        List<String> statements = counter.during(() -> {
            for (Instant at : List.of(
                    clock.instant(),
                    clock.instant().plusSeconds(1),
                    clock.instant().plusSeconds(3600))) {
                for (String owner : java.util.Arrays.asList(null, "alice")) {
                    pages.add(store
                            .next(
                                    owner,
                                    at,
                                    51,
                                    java.util.Optional.empty(),
                                    new Scope.Everyone(),
                                    java.util.Optional.empty())
                            .stream()
                            .map(QueueEntry::personId)
                            .toList());
                }
            }
        });
        List<String> reads = statements.stream()
                .filter(sql -> sql.toLowerCase(java.util.Locale.ROOT).contains("from queue_entry"))
                .toList();

        assertThat(pages).allSatisfy(page -> assertThat(page).hasSize(2));
        // each range in turn (above the deals, due deals, due follow-ups, below), as two entries fill
        // no page; on PostgreSQL all four in one statement
        boolean postgres = database.dsl().dialect().family() == SQLDialect.POSTGRES;
        int ranges = postgres ? 1 : 4;
        assertThat(reads).hasSize(pages.size() * ranges);
        // the same four ranges for the team, then for alice, at each of the three times
        int perTime = 2 * ranges;
        List<String> first = reads.subList(0, perTime);
        for (int call = 1; call < 3; call++) {
            assertThat(reads.subList(call * perTime, call * perTime + perTime))
                    .as("the same statements whatever the time")
                    .isEqualTo(first);
        }
        assertThat(first)
                .noneMatch(sql -> sql.contains(
                        String.valueOf(clock.instant().atZone(ZoneOffset.UTC).getYear())));

        if (postgres) {
            // past pgJDBC's prepare threshold on one connection, no queue read is prepared on the
            // server: each is planned with its time and bounds, never with a generic plan
            List<String> prepared = ServerPrepared.after(
                    database.dsl(),
                    tx -> new JooqQueueStore(tx)
                            .next(
                                    "alice",
                                    clock.instant(),
                                    51,
                                    java.util.Optional.empty(),
                                    new Scope.Everyone(),
                                    java.util.Optional.empty()));
            // (other tests' statements on this connection may be there: the reads are the walks in queue order)
            assertThat(prepared)
                    .noneMatch(
                            sql -> sql.toLowerCase(java.util.Locale.ROOT).contains("queue_entry.lane_priority desc"));
        }
    }

    private Lead create(String given, String family, LeadSource source, String owner) {
        return hearth.leads()
                .create(
                        LeadFixtures.person(given, family)
                                .source(source)
                                .owner(owner)
                                .phone("+1 415 555 0100")
                                .build(),
                        null,
                        true); // the fixtures share one phone number
    }

    /** A lead that needs it within {@code days}, worth {@code value} dollars, touched so it is out of speed-to-lead. */
    private Lead qualifyLater(Lead lead, int days, int value) {
        return hearth.qualifications()
                .qualify(
                        lead.id(),
                        new Qualification(
                                LocalDate.ofInstant(START, java.time.ZoneOffset.UTC)
                                        .plusDays(days),
                                new Money("USD", BigDecimal.valueOf(value)),
                                ReferralKind.NONE,
                                Bant.UNKNOWN,
                                null,
                                0),
                        EnumSet.of(QualificationField.NEED_BY, QualificationField.ESTIMATED_VALUE),
                        null)
                .lead();
    }

    private Lead referral(Lead lead) {
        return hearth.qualifications()
                .qualify(
                        lead.id(),
                        new Qualification(null, null, ReferralKind.FAN, Bant.UNKNOWN, null, 0),
                        EnumSet.of(QualificationField.REFERRAL),
                        null)
                .lead();
    }

    private List<QueueEntry> all(String owner) {
        return hearth.queue().next(owner, 1000, "").items();
    }

    private QueueEntry entryOf(Lead lead) {
        return all("").stream()
                .filter(e -> e.personId().equals(lead.id().value()))
                .findFirst()
                .orElseThrow();
    }

    private Lane laneOf(Lead lead) {
        return entryOf(lead).lane();
    }
}
