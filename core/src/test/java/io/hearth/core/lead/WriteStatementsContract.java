package io.hearth.core.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.HearthCore;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.StatementCounter;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonField;
import io.hearth.core.person.PersonRef;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.TouchInput;
import io.hearth.core.touch.TouchKind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many statements the writes a rep and a web form make all day cost (issue 17): each is
 * rendered, sent and mapped back, which is most of a write's CPU. The bounds pin today's counts, so
 * a change that adds a statement to these paths shows here rather than in a benchmark weeks later.
 * The calls are those of {@code RpcBench}: a web-form lead, a notes update, an unanswered cold call.
 */
public abstract class WriteStatementsContract {
    private final TickingClock clock = new TickingClock(Instant.parse("2026-11-02T09:00:00Z"), Duration.ofMillis(1));
    private final AtomicInteger sequence = new AtomicInteger();
    private TestDatabase testDatabase;
    private HearthCore core;
    private StatementCounter counter;

    protected abstract TestDatabase openDatabase();

    /**
     * The most statements each write may send here, in the order create, update, first touch, later
     * touch. Issue 17 took them from 13, 10, 18 and 13 on HSQLDB (17, 10, 18, 13 on PostgreSQL,
     * which also claims the new person's keys and then planned the lookups afresh: four more for a
     * create); reading a person and their tags in one statement then took one from each read of the
     * lead, and an audit entry's changed fields kept in the entry's row one from each audited write
     * (a touch leaves no audit entry).
     */
    protected abstract int[] statementBounds();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        Database database = testDatabase.database();
        core = HearthCore.on(database)
                .clock(clock)
                .probability(new RuleProbability())
                .build();
        counter = StatementCounter.on(database);
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void aWebFormLeadIsCreatedInFewStatements() {
        webFormLead(); // the first of its kind may warm caches: count a later one
        List<String> sent = counter.during(this::webFormLead);
        assertThat(sent).as(String.join("\n", sent)).hasSizeLessThanOrEqualTo(statementBounds()[0]);
    }

    @Test
    void aCreateTakesASavepointOnlyWhenItHasARequestIdToRecoverWith() {
        webFormLead();
        counter.during(this::webFormLead);
        assertThat(counter.transactionsBegun())
                .as("a refused insert without a request id fails the create: nothing to roll back to")
                .isEqualTo(1);

        counter.during(() -> webFormLead(List.of(), "form-" + sequence.get()));
        boolean postgres = testDatabase.database().dsl().dialect().family() == SQLDialect.POSTGRES;
        assertThat(counter.transactionsBegun())
                .as("with a request id, losing the race to another call must leave the transaction usable:"
                        + " a savepoint on HSQLDB, an insert that does nothing on conflict on PostgreSQL")
                .isEqualTo(postgres ? 1 : 2);
    }

    @Test
    void aCreatesStatementTextsDoNotDependOnHowManyTagsTheLeadHas() {
        webFormLead(List.of("fair")); // the first of its kind may warm caches
        List<String> one = counter.during(() -> webFormLead(List.of("fair")));
        List<String> three = counter.during(() -> webFormLead(List.of("fair", "inbound", "vip")));

        // a text per count would be compiled afresh by HSQLDB (and rendered afresh by jOOQ) for
        // every new count of tags or changed fields: rows of varying count go as one batch
        assertThat(three).as(String.join("\n", three)).containsExactlyElementsOf(one);
    }

    @Test
    void aNotesUpdateTakesFewStatements() {
        Lead lead = webFormLead();
        List<String> sent = counter.during(() -> core.leads()
                .update(
                        lead.id(),
                        LeadFields.builder().notes("called back").build(),
                        EnumSet.of(PersonField.NOTES),
                        null));
        assertThat(sent).as(String.join("\n", sent)).hasSizeLessThanOrEqualTo(statementBounds()[1]);
    }

    @Test
    void anUnansweredColdCallIsLoggedInFewStatements() {
        Lead lead = webFormLead();
        coldCall(lead); // the first touch moves the lead to contacted: count the next one too
        Lead other = webFormLead();
        List<String> first = counter.during(() -> coldCall(other));
        assertThat(counter.transactionsBegun())
                .as("the rating a touch sets off joins the touch's transaction: no savepoint")
                .isEqualTo(1);
        List<String> later = counter.during(() -> coldCall(lead));
        assertThat(counter.transactionsBegun()).isEqualTo(1);
        assertThat(first).as(String.join("\n", first)).hasSizeLessThanOrEqualTo(statementBounds()[2]);
        assertThat(later).as(String.join("\n", later)).hasSizeLessThanOrEqualTo(statementBounds()[3]);
    }

    @Test
    void schedulingAFollowUpRatesTheLeadInItsOwnTransaction() {
        Lead lead = webFormLead();
        counter.during(() -> core.followUps().schedule(PersonRef.of(lead.id()), Channel.EMAIL, null, null));
        assertThat(counter.transactionsBegun())
                .as("the lead's re-rating joins the schedule's transaction: no savepoint")
                .isEqualTo(1);
    }

    private Lead webFormLead() {
        return webFormLead(List.of());
    }

    private Lead webFormLead(List<String> tags) {
        return webFormLead(tags, null);
    }

    private Lead webFormLead(List<String> tags, String requestId) {
        int n = sequence.incrementAndGet();
        return core.leads()
                .create(
                        LeadFixtures.person("Bench", "Person " + n)
                                .company("Company " + n)
                                .email("p" + n + "@bench.example.com")
                                .source(LeadSource.WEB_FORM)
                                .owner("rep-" + n % 10)
                                .tags(tags)
                                .build(),
                        requestId);
    }

    private void coldCall(Lead lead) {
        core.followUps()
                .logTouch(new TouchInput(
                        PersonRef.of(lead.id()),
                        TouchKind.COLD_CALL,
                        Channel.PHONE,
                        null,
                        null,
                        Outcome.NO_ANSWER,
                        "",
                        "rep-" + sequence.get() % 10));
    }
}
