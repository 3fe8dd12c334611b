package io.hearth.core.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadField;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.Temperature;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqCadenceStore;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonField;
import io.hearth.core.person.PersonRef;
import io.hearth.core.queue.QueueFixture;
import io.hearth.core.resource.Money;
import io.hearth.core.touch.Cadence;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lead ratings on a real database under change: a retrained model reaching every open lead,
 * concurrent writers on several servers, the qualification etag. Run against each database by a
 * subclass.
 */
public abstract class LeadRatingsContract {
    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private final TickingClock clock = new TickingClock(START, Duration.ofMillis(1));
    private final AtomicReference<Double> modelProbability = new AtomicReference<>(0.1);
    private TestDatabase testDatabase;
    private Database database;
    private QueueFixture hearth;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        database = testDatabase.database();
        hearth = server();
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void aChangedModelReachesEveryOpenLeadAndOnlyThem() {
        List<Lead> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(create("Open" + i, i % 2 == 0 ? LeadSource.TRADE_SHOW : LeadSource.PURCHASED_LIST));
        }
        Lead unqualified = create("Not", LeadSource.OTHER);
        hearth.leads()
                .update(
                        unqualified.id(),
                        LeadFields.builder().status(LeadStatus.UNQUALIFIED).build(),
                        EnumSet.of(LeadField.STATUS),
                        null);
        open.add(unqualified);
        Lead archived = hearth.leads().archive(create("Gone", LeadSource.OTHER).id(), null);
        Lead converted = hearth.leads().markConverted(create("Won", LeadSource.OTHER));
        Lead inDrip = create("Drip", LeadSource.OTHER);
        new JooqCadenceStore(database.dsl())
                .save(new Cadence(
                        PersonRef.of(inDrip.id()), CadenceState.DRIP, 2, 0, clock.instant(), clock.instant()));

        modelProbability.set(0.9);
        int rerated = hearth.ratings().rerateOpenLeads(2);

        assertThat(rerated).isEqualTo(open.size());
        for (Lead lead : open) {
            assertThat(probability(lead.id())).as(lead.displayName()).isEqualTo(0.9);
        }
        for (Lead lead : List.of(archived, converted, inDrip)) {
            assertThat(probability(lead.id())).as(lead.displayName()).isEqualTo(0.1);
        }
    }

    @Test
    void concurrentWritersOnSeveralServersLoseNothing() throws Exception {
        Lead lead = create("Busy", LeadSource.TRADE_SHOW);
        QueueFixture otherServer = server();
        QueueFixture thirdServer = server();
        int rounds = 15;

        runAtOnce(
                () -> {
                    for (int i = 0; i < rounds; i++) {
                        hearth.qualifications()
                                .qualify(lead.id(), note("note " + i), EnumSet.of(QualificationField.NOTE), null);
                    }
                    return null;
                },
                () -> {
                    for (int i = 0; i < rounds; i++) {
                        Instant at = START.plus(Duration.ofMinutes(i + 1));
                        otherServer.ratings().recordActivity(lead.id(), new Activity(at, at, null, null, null));
                    }
                    return null;
                },
                () -> {
                    for (int i = 0; i < rounds; i++) {
                        thirdServer.ratings().rerateOpenLeads(10);
                    }
                    return null;
                },
                () -> {
                    for (int i = 0; i < rounds; i++) {
                        otherServer
                                .leads()
                                .update(
                                        lead.id(),
                                        LeadFields.builder().notes("edit " + i).build(),
                                        EnumSet.of(PersonField.NOTES),
                                        null);
                    }
                    return null;
                });

        LeadProfile profile = hearth.ratings().profile(lead.id());
        assertThat(profile.qualification().note()).isEqualTo("note " + (rounds - 1));
        assertThat(profile.activity().lastTouchAt()).isEqualTo(START.plus(Duration.ofMinutes(rounds)));
        assertThat(profile.qualificationVersion()).as("one change per qualify").isEqualTo(1 + rounds);
        assertThat(hearth.leads().get(lead.id()).fields().notes()).isEqualTo("edit " + (rounds - 1));
    }

    @Test
    void theQualificationEtagMovesOnlyWithTheQualification() {
        Lead lead = create("Ada", LeadSource.WEB_FORM);
        String etag = hearth.ratings().profile(lead.id()).qualificationEtag();

        hearth.ratings().recordActivity(lead.id(), new Activity(clock.instant(), clock.instant(), null, null, null));
        hearth.overrides().override(lead.id(), Temperature.HOT, "asked for a price", "alice");
        modelProbability.set(0.5);
        hearth.ratings().rerateOpenLeads(100);
        assertThat(hearth.ratings().profile(lead.id()).qualificationEtag()).isEqualTo(etag);

        LeadProfile noted = hearth.qualifications()
                .qualify(lead.id(), note("budget next quarter"), EnumSet.of(QualificationField.NOTE), etag)
                .profile();
        assertThat(noted.qualificationEtag()).isNotEqualTo(etag);
        assertThat(hearth.qualifications()
                        .qualify(
                                lead.id(),
                                note("budget next quarter"),
                                EnumSet.of(QualificationField.NOTE),
                                noted.qualificationEtag())
                        .profile()
                        .qualificationEtag())
                .as("the same values again change nothing")
                .isEqualTo(noted.qualificationEtag());

        assertThatThrownBy(() -> hearth.qualifications()
                        .qualify(lead.id(), note("stale"), EnumSet.of(QualificationField.NOTE), etag))
                .isInstanceOf(StaleEtagException.class)
                .hasMessageContaining("the qualification of " + lead.id().name());
        assertThat(hearth.ratings().profile(lead.id()).qualification().note()).isEqualTo("budget next quarter");
    }

    private QueueFixture server() {
        return QueueFixture.on(database, clock, (signals, grade) -> modelProbability.get());
    }

    private double probability(LeadId id) {
        return hearth.ratings().profile(id).rating().probabilityToClose();
    }

    private static Qualification note(String text) {
        return new Qualification(null, null, ReferralKind.NONE, Bant.UNKNOWN, text, 0);
    }

    private Lead create(String given, LeadSource source) {
        return hearth.leads()
                .create(
                        LeadFixtures.person(given, "Lead")
                                .source(source)
                                .owner("alice")
                                .phone("+1 415 555 0100")
                                .build(),
                        null,
                        true); // the fixtures share one phone number
    }

    @Test
    void aQualificationAsTheApiSendsItIsReadAndItsMaskedOrSetFieldsRecorded() {
        Lead lead = create("Asked", LeadSource.OTHER);
        QualificationInput input = new QualificationInput(
                null,
                new QualificationInput.Amount("EUR", 1200, 0),
                ReferralKind.FAN,
                Answer.YES,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                " call after 2pm ",
                3);

        Qualification set = hearth.qualifications()
                .qualify(
                        lead.id(),
                        input,
                        List.of(),
                        EnumSet.of(QualificationField.ESTIMATED_VALUE, QualificationField.BUDGET),
                        "")
                .profile()
                .qualification();
        Qualification masked = hearth.qualifications()
                .qualify(lead.id(), input, List.of("note", "lead_level"), EnumSet.of(QualificationField.REFERRAL), "")
                .profile()
                .qualification();

        Money value = new Money("EUR", BigDecimal.valueOf(1200));
        Bant budgetOnly = new Bant(Answer.YES, Answer.UNKNOWN, Answer.UNKNOWN, Answer.UNKNOWN);
        // the database keeps four decimals: 1200 reads back as 1200.0000
        assertThat(set)
                .usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(new Qualification(null, value, ReferralKind.NONE, budgetOnly, null, 0));
        assertThat(masked)
                .usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(new Qualification(null, value, ReferralKind.NONE, budgetOnly, "call after 2pm", 3));
        assertThatThrownBy(() -> hearth.qualifications()
                        .qualify(lead.id(), null, List.of("note"), EnumSet.noneOf(QualificationField.class), ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("qualification"));
        assertThatThrownBy(() -> hearth.qualifications()
                        .qualify(lead.id(), input, List.of(), EnumSet.noneOf(QualificationField.class), ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("update_mask"));
        QualificationInput tooHigh = new QualificationInput(
                null, null, ReferralKind.NONE, Answer.UNKNOWN, Answer.UNKNOWN, Answer.UNKNOWN, Answer.UNKNOWN, "", 7);
        assertThatThrownBy(() -> hearth.qualifications()
                        .qualify(
                                lead.id(),
                                tooHigh,
                                List.of("lead_level"),
                                EnumSet.noneOf(QualificationField.class),
                                ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("qualification.lead_level"));
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
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
