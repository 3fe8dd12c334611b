package io.hearth.core.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.HearthCore;
import io.hearth.core.app.Escalations;
import io.hearth.core.auth.ApiToken;
import io.hearth.core.auth.Principal;
import io.hearth.core.auth.Role;
import io.hearth.core.auth.TokenHash;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.PermissionDeniedException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqApiTokenStore;
import io.hearth.core.persistence.JooqEscalationStore;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.LeadSource;
import io.hearth.core.priority.Activity;
import io.hearth.core.priority.MissedDeadline;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.queue.QueueEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Speed-to-lead escalation and round-robin assignment on a real database, with the passes of the
 * server's job run by hand on a clock the test moves; run against each database by a subclass.
 */
public abstract class EscalationsContract {
    private static final Instant START = Instant.parse("2026-12-06T09:00:00Z");

    private final TickingClock clock = new TickingClock(START, Duration.ofMillis(1));
    private final AtomicReference<Optional<Principal>> caller = new AtomicReference<>(Optional.empty());
    private TestDatabase testDatabase;
    private Database database;
    private HearthCore core;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        database = testDatabase.database();
        core = core(Optional.empty());
        JooqApiTokenStore tokens = new JooqApiTokenStore(database.dsl());
        tokens.insert(token("t-alice", "alice", Role.REP, "east"), TokenHash.of("alice-token"));
        tokens.insert(token("t-bob", "bob", Role.REP, "east"), TokenHash.of("bob-token"));
        tokens.insert(token("t-dave", "dave", Role.REP, "east"), TokenHash.of("dave-token"));
        tokens.insert(token("t-mia", "mia", Role.MANAGER, "east"), TokenHash.of("mia-token"));
        tokens.insert(token("t-carol", "carol", Role.REP, "west"), TokenHash.of("carol-token"));
        tokens.insert(token("t-walt", "walt", Role.MANAGER, "west"), TokenHash.of("walt-token"));
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void anUntouchedInboundLeadIsEscalatedOnceWhenAMinuteOfItsWindowIsLeft() {
        Lead web = create("Web", LeadSource.WEB_FORM, "bob");
        create("Listed", LeadSource.PURCHASED_LIST, "bob");

        clock.advance(Duration.ofSeconds(3 * 60 + 58));
        assertThat(job().escalated()).as("more than a minute left").isZero();

        clock.advance(Duration.ofSeconds(2));
        assertThat(job().escalated()).isEqualTo(1);
        assertThat(job().escalated()).as("once per lead").isZero();

        Escalation escalation = escalation(web);
        assertThat(escalation.owner()).isEqualTo("bob");
        assertThat(escalation.team()).isEqualTo("east");
        assertThat(escalation.displayName()).isEqualTo("Web Lead");
        assertThat(escalation.deadline()).isEqualTo(web.createdAt().plus(Duration.ofMinutes(5)));
        assertThat(escalation.reason()).startsWith("web form lead: ").endsWith(" left of its 5 min");
        assertThat(escalation.settledAt()).isNull();
    }

    @Test
    void aLeadTouchedInTimeIsNeverEscalated() {
        Lead web = create("Web", LeadSource.WEB_FORM, "bob");
        clock.advance(Duration.ofMinutes(2));
        touch(web);
        clock.advance(Duration.ofMinutes(10));

        assertThat(job()).isEqualTo(new Escalations.Pass(0, 0, 0, 0));
    }

    @Test
    void theTeamsViewShowsAnEscalatedLeadToEveryRepOfTheTeamFirstOfAllWithTheEscalation() {
        Lead bobs = create("Web", LeadSource.WEB_FORM, "bob");
        create("Other", LeadSource.PURCHASED_LIST, "bob");
        clock.advance(Duration.ofMinutes(3));
        assertThat(teamViewOf("alice", "east"))
                .as("not escalated yet: bob's own")
                .isEmpty();

        clock.advance(Duration.ofMinutes(1));
        job();

        List<QueueEntry> alices = teamViewOf("alice", "east");
        assertThat(alices)
                .extracting(QueueEntry::personId)
                .containsExactly(bobs.id().value());
        assertThat(alices.get(0).reasons().get(0)).startsWith("escalated: web form lead: ");
        assertThat(teamViewOf("carol", "west")).as("another team's rep").isEmpty();
        as("alice", Role.REP, "east");
        assertThat(core.escalations().since(START))
                .extracting(Escalation::leadId)
                .containsExactly(bobs.id());
        as("carol", Role.REP, "west");
        assertThat(core.escalations().since(START)).isEmpty();

        caller.set(Optional.empty());
        touch(bobs);
        assertThat(teamViewOf("alice", "east")).as("touched: back to bob's own").isEmpty();
    }

    @Test
    void atItsDeadlineAnUntouchedLeadGoesToTheNextAvailableRepWhenTheTeamOptedIn() {
        as("mia", Role.MANAGER, "east");
        core.teams().setReassignMissedLeads("", "team", true);
        core.teams().setAvailability("", "team", "alice", "user", false);
        caller.set(Optional.empty());
        Lead bobs = create("Web", LeadSource.WEB_FORM, "bob");

        clock.advance(Duration.ofMinutes(4));
        assertThat(job().escalated()).isEqualTo(1);
        assertThat(owner(bobs)).as("not before the deadline").isEqualTo("bob");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(job()).isEqualTo(new Escalations.Pass(0, 0, 1, 1));
        assertThat(owner(bobs)).as("alice is out, bob missed it: dave").isEqualTo("dave");
        assertThat(escalation(bobs).reassignedTo()).isEqualTo("dave");
        assertThat(job()).as("once per lead").isEqualTo(new Escalations.Pass(0, 0, 0, 0));
        assertThat(owner(bobs)).isEqualTo("dave");
        assertThat(core.speedToLead()
                        .missedDeadlines("", null, null, false, 10, "")
                        .items())
                .extracting(MissedDeadline::owner)
                .as("the miss stays bob's")
                .containsExactly("bob");
    }

    @Test
    void aLeadStaysWithItsRepWithoutTheTeamsOptInOrOnceTouched() {
        as("mia", Role.MANAGER, "east");
        core.teams().setReassignMissedLeads("teams/east", "team", true);
        caller.set(Optional.empty());
        Lead carols = create("West", LeadSource.WEB_FORM, "carol");
        Lead bobs = create("East", LeadSource.WEB_FORM, "bob");
        clock.advance(Duration.ofMinutes(4));
        assertThat(job().escalated()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(30));
        touch(bobs);

        clock.advance(Duration.ofMinutes(1));
        assertThat(job()).isEqualTo(new Escalations.Pass(0, 0, 0, 2));
        assertThat(owner(carols)).as("west did not opt in").isEqualTo("carol");
        assertThat(owner(bobs)).as("touched after the escalation").isEqualTo("bob");
    }

    @Test
    void unownedInboundLeadsAreDealtOutInTurnWhenTheyArrive() {
        core = core(Optional.of("east"));
        as("mia", Role.MANAGER, "east");
        core.teams().setAvailability("east", "team", "dave", "user", false);
        caller.set(Optional.empty());
        List<Lead> arrivals = List.of(
                create("One", LeadSource.WEB_FORM, null),
                create("Two", LeadSource.WEB_FORM, null),
                create("Three", LeadSource.WEB_FORM, null));

        assertThat(job().assigned()).isEqualTo(3);
        assertThat(arrivals).extracting(this::owner).containsExactly("alice", "bob", "alice");
        assertThat(job().assigned()).isZero();
        assertThat(core.teams().get("east", "team").settings().lastAssigned()).isEqualTo("alice");
    }

    @Test
    void severalServersAssignAndEscalateEachLeadOnceAndKeepTheTurns() throws Exception {
        HearthCore first = core(Optional.of("east"));
        HearthCore second = core(Optional.of("east"));
        List<Lead> arrivals = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            arrivals.add(create("Lead" + (char) ('A' + i), LeadSource.WEB_FORM, null));
        }

        List<Escalations.Pass> dealt = together(first, second);
        assertThat(dealt.stream().mapToInt(Escalations.Pass::assigned).sum()).isEqualTo(12);
        Map<String, Long> perRep = arrivals.stream()
                .map(this::owner)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perRep)
                .as("three reps, twelve leads, one turn each in order")
                .isEqualTo(Map.of("alice", 4L, "bob", 4L, "dave", 4L));

        clock.advance(Duration.ofMinutes(4));
        List<Escalations.Pass> escalated = together(first, second);
        assertThat(escalated.stream().mapToInt(Escalations.Pass::escalated).sum())
                .isEqualTo(12);
        assertThat(database.dsl().fetchCount(io.hearth.core.persistence.generated.Tables.LEAD_ESCALATION))
                .isEqualTo(12);

        as("mia", Role.MANAGER, "east");
        core.teams().setReassignMissedLeads("east", "team", true);
        caller.set(Optional.empty());
        Map<Lead, String> before = arrivals.stream().collect(Collectors.toMap(Function.identity(), this::owner));
        clock.advance(Duration.ofMinutes(2));
        List<Escalations.Pass> settled = together(first, second);
        assertThat(settled.stream().mapToInt(Escalations.Pass::settled).sum()).isEqualTo(12);
        assertThat(settled.stream().mapToInt(Escalations.Pass::reassigned).sum())
                .as("each lead reassigned once")
                .isEqualTo(12);
        // which lead gets which turn depends on how the two servers interleave; none keeps its rep
        assertThat(arrivals).allSatisfy(lead -> assertThat(owner(lead)).isNotEqualTo(before.get(lead)));
        assertThat(new JooqEscalationStore(database.dsl()).totals())
                .as("what the metrics report")
                .isEqualTo(new EscalationStore.EscalationTotals(12, 12, 12));
    }

    @Test
    void aManagerChangesTheirTeamOnlyAndARepReadsIt() {
        as("bob", Role.REP, "east");
        assertThat(core.teams().get("", "name").reps())
                .extracting(Team.Rep::user)
                .as("reps only, in turn order")
                .containsExactly("alice", "bob", "dave");
        assertThatThrownBy(() -> core.teams().setReassignMissedLeads("", "team", true))
                .isInstanceOf(PermissionDeniedException.class);
        as("walt", Role.MANAGER, "west");
        assertThatThrownBy(() -> core.teams().setAvailability("east", "team", "bob", "user", false))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> core.teams().setAvailability("west", "team", "bob", "user", false))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("not a rep of team west");
        as("mia", Role.MANAGER, "east");
        Team east = core.teams().setAvailability("east", "team", "bob", "user", false);
        assertThat(east.reps())
                .filteredOn(rep -> !rep.available())
                .extracting(Team.Rep::outSetBy)
                .containsExactly("mia");
        assertThat(core.teams()
                        .setAvailability("east", "team", "bob", "user", true)
                        .reps())
                .allMatch(Team.Rep::available);
        caller.set(Optional.of(new Principal("root", Role.ADMIN, Optional.empty(), "t-root")));
        assertThat(core.teams()
                        .setReassignMissedLeads("west", "team", true)
                        .settings()
                        .reassignMissedLeads())
                .isTrue();
        assertThatThrownBy(() -> core.teams().get("", "team")).isInstanceOf(InvalidArgumentException.class);
    }

    private List<Escalations.Pass> together(HearthCore first, HearthCore second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Escalations.Pass>> passes = new ArrayList<>();
            for (HearthCore server : List.of(first, second)) {
                passes.add(() -> {
                    start.await();
                    return server.escalations().run(100);
                });
            }
            List<Future<Escalations.Pass>> running = new ArrayList<>();
            for (Callable<Escalations.Pass> pass : passes) {
                running.add(pool.submit(pass));
            }
            start.countDown();
            List<Escalations.Pass> done = new ArrayList<>();
            for (Future<Escalations.Pass> pass : running) {
                done.add(pass.get(60, TimeUnit.SECONDS));
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    private HearthCore core(Optional<String> inboundTeam) {
        return HearthCore.on(database)
                .clock(clock)
                .probability(new RuleProbability())
                .caller(caller::get)
                .inboundTeam(inboundTeam)
                .build();
    }

    private Escalations.Pass job() {
        Optional<Principal> was = caller.getAndSet(Optional.empty());
        try {
            return core.escalations().run(100);
        } finally {
            caller.set(was);
        }
    }

    private List<QueueEntry> teamViewOf(String user, String team) {
        as(user, Role.REP, team);
        try {
            return core.workQueue().next("", 50, "").items();
        } finally {
            caller.set(Optional.empty());
        }
    }

    private void as(String user, Role role, String team) {
        caller.set(Optional.of(new Principal(user, role, Optional.of(team), "t-" + user)));
    }

    private Escalation escalation(Lead lead) {
        return new JooqEscalationStore(database.dsl()).find(lead.id()).orElseThrow();
    }

    private String owner(Lead lead) {
        return core.leads().get(lead.id()).fields().owner();
    }

    private void touch(Lead lead) {
        Instant at = clock.instant();
        core.ratings().recordActivity(lead.id(), new Activity(at, at, null, null, null));
    }

    private Lead create(String given, LeadSource source, String owner) {
        return core.leads()
                .create(
                        LeadFixtures.person(given, "Lead")
                                .source(source)
                                .owner(owner)
                                .phone("+1 415 555 0100")
                                .build(),
                        null,
                        true);
    }

    private static ApiToken token(String id, String user, Role role, String team) {
        return new ApiToken(id, user, role, Optional.of(team), START, "test", Optional.empty(), Optional.empty());
    }
}
