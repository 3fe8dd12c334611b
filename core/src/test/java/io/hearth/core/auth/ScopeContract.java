package io.hearth.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.HearthCore;
import io.hearth.core.app.Contacts;
import io.hearth.core.app.Leads;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.error.AlreadyExistsException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.PermissionDeniedException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.Temperature;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqApiTokenStore;
import io.hearth.core.persistence.JooqSyncRunStore;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonField;
import io.hearth.core.person.PersonRef;
import io.hearth.core.person.Scope;
import io.hearth.core.priority.Qualification;
import io.hearth.core.priority.QualificationField;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.query.PageToken;
import io.hearth.core.queue.LeadQueueRules;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.sync.SyncCounts;
import io.hearth.core.sync.SyncRun;
import io.hearth.core.sync.SyncState;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.FollowUp;
import io.hearth.core.touch.FollowUpStats;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.StatsPeriod;
import io.hearth.core.touch.Touch;
import io.hearth.core.touch.TouchInput;
import io.hearth.core.touch.TouchKind;
import io.hearth.core.touch.TouchLogged;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A caller's token scopes the people it sees and changes, in the store queries: a rep their own
 * (and unowned people), a manager their team's, an admin everyone's. A person out of scope is not
 * found, exactly as an id never used. Run against each database by a subclass.
 */
abstract class ScopeContract {
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    private TestDatabase testDatabase;
    private final AtomicReference<Optional<Principal>> caller = new AtomicReference<>(Optional.empty());
    private HearthCore core;
    private Leads leads;
    private Contacts contacts;
    private Lead alices;
    private Lead bobs;
    private Lead carols;
    private Lead unowned;
    private Contact bobsContact;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        Database database = testDatabase.database();
        core = HearthCore.on(database)
                .probability(new RuleProbability())
                .caller(caller::get)
                .build();
        leads = core.leads();
        contacts = core.contacts();
        // the team's members are the users its tokens name
        JooqApiTokenStore tokens = new JooqApiTokenStore(database.dsl());
        tokens.insert(token("t-alice", "alice", Role.REP, "east"), TokenHash.of("alice-token"));
        tokens.insert(token("t-bob", "bob", Role.REP, "east"), TokenHash.of("bob-token"));
        tokens.insert(token("t-carol", "carol", Role.REP, "west"), TokenHash.of("carol-token"));
        alices = lead("Ada", "alice");
        bobs = lead("Bea", "bob");
        carols = lead("Cy", "carol");
        unowned = lead("Dee", null);
        bobsContact = contacts.create(ContactFields.builder()
                .company("Bob's supplier")
                .kind(ContactKind.SUPPLIER)
                .owner("bob")
                .build());
    }

    @AfterEach
    void close() {
        if (testDatabase != null) { // null when the test was skipped (no PostgreSQL configured)
            testDatabase.close();
        }
    }

    @Test
    void aRepSeesTheirOwnAndUnownedPeopleOnly() {
        actAs("alice", Role.REP, "east");

        assertThat(leads.list("", "", false, 100, "").items())
                .extracting(Lead::id)
                .containsExactlyInAnyOrder(alices.id(), unowned.id());
        assertThat(leads.get(alices.id())).isEqualTo(alices);
        assertNotFound(() -> leads.get(bobs.id()));
        assertNotFound(() -> leads.update(
                bobs.id(), LeadFields.builder().notes("mine now").build(), Set.of(PersonField.NOTES), null));
        assertNotFound(() -> leads.archive(bobs.id(), null));
        assertThat(contacts.list("", false, 100, "").items()).isEmpty();
        assertNotFound(() -> contacts.get(bobsContact.id()));
    }

    @Test
    void aRepCannotConvertMergeQualifyOrOverrideAnotherRepsLead() {
        actAs("alice", Role.REP, "east");

        assertNotFound(() -> core.conversion().convert(bobs.id(), null));
        assertNotFound(() -> core.merges().merge(alices.id(), null, bobs.id(), null));
        assertNotFound(() -> core.merges().merge(bobs.id(), null, alices.id(), null));
        assertNotFound(() -> core.overrides().override(bobs.id(), Temperature.HOT, "called me", "alice"));
        assertNotFound(() ->
                core.qualifications().qualify(bobs.id(), Qualification.NONE, Set.of(QualificationField.NOTE), null));
        // and nothing of Bob's changed
        caller.set(Optional.empty());
        assertThat(leads.get(bobs.id())).isEqualTo(bobs);
    }

    @Test
    void aRepsWorkQueueHoldsTheirOwnAndUnownedPeopleOnly() {
        actAs("alice", Role.REP, "east");

        assertThat(core.workQueue().next("", 100, "").items())
                .extracting(QueueEntry::personId)
                .containsExactlyInAnyOrder(alices.id().value(), unowned.id().value());
        assertThat(core.workQueue().next("carol", 100, "").items()).isEmpty();

        actAs("erin", Role.MANAGER, "west");
        assertThat(core.workQueue().next("", 100, "").items())
                .extracting(QueueEntry::personId)
                .containsExactlyInAnyOrder(carols.id().value(), unowned.id().value());
    }

    @Test
    void aRepListsTheTouchesAndFollowUpsOfTheirOwnPeopleOnly() {
        core.followUps().logTouch(coldCall(bobs, "bob"));
        FollowUp bobsNext = core.followUps().schedule(PersonRef.of(bobs.id()), Channel.PHONE, null, null);
        actAs("alice", Role.REP, "east");
        TouchLogged onAlices = core.followUps().logTouch(coldCall(alices, "alice"));

        assertThat(core.followUps().listTouches(null, null, null, null, 100, "").items())
                .extracting(Touch::id)
                .containsExactly(onAlices.touch().id());
        assertNotFound(() -> core.followUps().listTouches(PersonRef.of(bobs.id()), null, null, null, 100, ""));
        assertNotFound(() -> core.followUps().get(bobsNext.id()));
        assertNotFound(() -> core.followUps().skip(bobsNext.id()));
        assertThat(core.followUps()
                        .listDue(null, NOW.plusSeconds(365L * 24 * 3600), 100, "")
                        .items())
                .extracting(FollowUp::person)
                .doesNotContain(PersonRef.of(bobs.id()));
    }

    @Test
    void aRepsFollowUpStatsCountTheirOwnPeopleOnly() {
        core.followUps().logTouch(coldCall(bobs, "bob"));
        core.followUps().logTouch(coldCall(carols, "carol"));
        core.followUps().logTouch(coldCall(alices, "alice"));
        StatsPeriod everything = new StatsPeriod(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), null, null);

        assertThat(touchesCounted(everything)).isEqualTo(3);
        actAs("alice", Role.REP, "east");
        assertThat(touchesCounted(everything)).isEqualTo(1);
        actAs("erin", Role.MANAGER, "east");
        assertThat(touchesCounted(everything)).isEqualTo(2);
    }

    private int touchesCounted(StatsPeriod period) {
        return core.followUpStats().report(period).touchesByChannelAndKind().stream()
                .mapToInt(FollowUpStats.ChannelKindCount::touches)
                .sum();
    }

    private static TouchInput coldCall(Lead lead, String by) {
        return new TouchInput(
                PersonRef.of(lead.id()), TouchKind.COLD_CALL, Channel.PHONE, null, null, Outcome.NO_ANSWER, null, by);
    }

    @Test
    void connectionsAreAnAdminsAndNeitherARepsNorAManagers() {
        actAs("alice", Role.REP, "east");
        assertThatThrownBy(() -> core.connections().list(10, ""))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("needs an admin's token; this one is a rep's");
        actAs("erin", Role.MANAGER, "east");
        assertThatThrownBy(() -> core.connections().list(10, "")).isInstanceOf(PermissionDeniedException.class);

        actAs("root", Role.ADMIN, null);
        assertThat(core.connections().list(10, "").items()).isEmpty();
    }

    @Test
    void aDuplicateOfAnotherRepsPersonIsRefusedWithoutNamingThem() {
        Lead avas = core.leads()
                .create(
                        LeadFields.builder()
                                .givenName("Ava")
                                .owner("carol")
                                .email("ava@example.com")
                                .build(),
                        null);
        actAs("alice", Role.REP, "east");

        assertThatThrownBy(() -> leads.create(
                        LeadFields.builder()
                                .givenName("Ava")
                                .email("ava@example.com")
                                .build(),
                        null))
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
                    assertThat(e.existing()).isEmpty();
                    assertThat(e.getMessage())
                            .contains("the email ava@example.com")
                            .doesNotContain(avas.id().name())
                            .doesNotContain("carol");
                });
        actAs("root", Role.ADMIN, null);
        assertThatThrownBy(() -> leads.create(
                        LeadFields.builder()
                                .givenName("Ava")
                                .email("ava@example.com")
                                .build(),
                        null))
                .isInstanceOfSatisfying(
                        AlreadyExistsException.class,
                        e -> assertThat(e.existing()).contains(avas.id().name()));
    }

    @Test
    void aManagerSeesTheirTeamsPeopleNotAnotherTeams() {
        actAs("erin", Role.MANAGER, "east");

        assertThat(leads.list("", "", false, 100, "").items())
                .extracting(Lead::id)
                .containsExactlyInAnyOrder(alices.id(), bobs.id(), unowned.id());
        assertThat(contacts.get(bobsContact.id())).isEqualTo(bobsContact);
        assertNotFound(() -> leads.get(carols.id()));
        // a manager reassigns within reach
        Lead reassigned =
                leads.update(bobs.id(), LeadFields.builder().owner("alice").build(), Set.of(PersonField.OWNER), null);
        assertThat(reassigned.fields().owner()).isEqualTo("alice");
    }

    @Test
    void aManagerGivesPeopleOnlyToTheirTeamAndAnAdminToAnyone() {
        actAs("erin", Role.MANAGER, "east");

        assertThat(lead("Gus", "bob").fields().owner()).isEqualTo("bob");
        assertThat(lead("Hal", "erin").fields().owner()).isEqualTo("erin");
        assertThatThrownBy(() -> lead("Ivy", "carol"))
                .isInstanceOfSatisfying(
                        PermissionDeniedException.class,
                        e -> assertThat(e.getMessage())
                                .contains("members of their team (east)", "'carol' is not one of them"));
        assertThatThrownBy(() -> leads.update(
                        alices.id(), LeadFields.builder().owner("carol").build(), Set.of(PersonField.OWNER), null))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> contacts.create(ContactFields.builder()
                        .company("West's supplier")
                        .kind(ContactKind.SUPPLIER)
                        .owner("carol")
                        .build()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> contacts.update(
                        bobsContact.id(),
                        ContactFields.builder().owner("nobody-known").build(),
                        Set.of(PersonField.OWNER),
                        null))
                .isInstanceOf(PermissionDeniedException.class);
        // nothing was given away
        caller.set(Optional.empty());
        assertThat(leads.get(alices.id()).fields().owner()).isEqualTo("alice");
        assertThat(contacts.get(bobsContact.id()).fields().owner()).isEqualTo("bob");

        actAs("root", Role.ADMIN, null);
        assertThat(leads.update(
                                alices.id(),
                                LeadFields.builder().owner("carol").build(),
                                Set.of(PersonField.OWNER),
                                null)
                        .fields()
                        .owner())
                .isEqualTo("carol");
    }

    @Test
    void aManagerReadsTheSyncRunsOfTheirTeamOnly() {
        JooqSyncRunStore runs = new JooqSyncRunStore(testDatabase.database().dsl());
        SyncRun byErin = run("east.csv");
        SyncRun byBob = run("bob.csv");
        SyncRun byCarol = run("west.csv");
        SyncRun scheduled = run("crm");
        runs.insertRun(byErin, NOW.plusSeconds(60), Optional.of("erin"));
        runs.insertRun(byBob, NOW.plusSeconds(60), Optional.of("bob"));
        runs.insertRun(byCarol, NOW.plusSeconds(60), Optional.of("carol"));
        runs.insertRun(scheduled, NOW.plusSeconds(60), Optional.empty());
        String fingerprint = PageToken.fingerprint("runs");

        Scope east = new Scope.Team("east", "erin");
        assertThat(runs.listRuns(10, Optional.empty(), fingerprint, east).items())
                .extracting(SyncRun::id)
                .containsExactlyInAnyOrder(byErin.id(), byBob.id());
        assertThat(runs.findRun(byCarol.id(), east)).isEmpty();
        assertThat(runs.findRun(scheduled.id(), east)).isEmpty();
        assertThat(runs.findRun(byBob.id(), east)).isPresent();
        assertThat(runs.listRunsOf("west.csv", 10, Optional.empty(), fingerprint, east)
                        .items())
                .isEmpty();
        assertThat(runs.findRun(byErin.id(), new Scope.Own("frank"))).isEmpty();
        assertThat(runs.listRuns(10, Optional.empty(), fingerprint, Scope.EVERYONE)
                        .items())
                .hasSize(4);
    }

    private static SyncRun run(String source) {
        return new SyncRun(
                java.util.UUID.randomUUID(),
                "csv",
                source,
                "path=" + source,
                SyncState.RUNNING,
                false,
                NOW,
                null,
                SyncCounts.ZERO,
                null,
                null,
                null);
    }

    @Test
    void aRepDoesNotLearnWhoTheirInquiryMayBeWhenThatPersonIsAnotherReps() {
        Lead cyras = leads.create(
                LeadFields.builder()
                        .givenName("Cyra")
                        .email("cyra@example.com")
                        .owner("carol")
                        .build(),
                null);
        Lead inquiry = leads.create(
                LeadFields.builder()
                        .givenName("Cyra")
                        .email("cyra@example.com")
                        .source(LeadSource.WEB_FORM)
                        .owner("alice")
                        .build(),
                null);
        assertThat(inquiry.possibleDuplicateOf()).isEqualTo(cyras.id().name());

        actAs("alice", Role.REP, "east");
        assertThat(leads.get(inquiry.id()).possibleDuplicateOf()).isNull();
        assertThat(leads.list("possible_duplicate = true", "", false, 100, "").items())
                .extracting(Lead::id, Lead::possibleDuplicateOf)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(inquiry.id(), null));
        assertThat(core.workQueue().next("", 100, "").items())
                .flatExtracting(QueueEntry::reasons)
                .noneMatch(reason -> reason.contains(cyras.id().name()))
                .contains(LeadQueueRules.POSSIBLE_DUPLICATE_OUT_OF_SCOPE);
        // a change by alice keeps the flag for those who may see it
        Lead noted = leads.update(
                inquiry.id(), LeadFields.builder().notes("called back").build(), Set.of(PersonField.NOTES), null);
        assertThat(noted.possibleDuplicateOf()).isNull();

        actAs("erin", Role.MANAGER, "west");
        assertThat(leads.get(cyras.id()).possibleDuplicateOf()).isNull();
        actAs("root", Role.ADMIN, null);
        assertThat(leads.get(inquiry.id()).possibleDuplicateOf())
                .isEqualTo(cyras.id().name());
        assertThat(core.workQueue().next("alice", 100, "").items())
                .flatExtracting(QueueEntry::reasons)
                .anyMatch(reason -> reason.contains(cyras.id().name()));
        // west's manager sees carol's lead, but not alice's inquiry at all
        actAs("wendy", Role.MANAGER, "west");
        assertNotFound(() -> leads.get(inquiry.id()));
        // east's manager does not see carol's lead either
        actAs("erin", Role.MANAGER, "east");
        assertThat(leads.get(inquiry.id()).possibleDuplicateOf()).isNull();
    }

    @Test
    void anAdminAndAnOpenServerSeeEveryone() {
        actAs("root", Role.ADMIN, null);
        assertThat(leads.list("", "", false, 100, "").items()).hasSize(4);

        caller.set(Optional.empty());
        assertThat(leads.get(carols.id())).isEqualTo(carols);
    }

    @Test
    void aRepsNewPersonIsTheirsAndTheyCannotGiveOneAway() {
        actAs("alice", Role.REP, "east");

        Lead created = leads.create(LeadFields.builder().givenName("Eve").build(), null);
        assertThat(created.fields().owner()).isEqualTo("alice");
        assertThatThrownBy(() -> leads.create(
                        LeadFields.builder().givenName("Fay").owner("bob").build(), null))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("a manager or an admin reassigns");
        assertThatThrownBy(() -> leads.update(
                        alices.id(), LeadFields.builder().owner("bob").build(), Set.of(PersonField.OWNER), null))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(contacts.create(ContactFields.builder()
                                .company("Alice's partner")
                                .kind(ContactKind.PARTNER)
                                .build())
                        .fields()
                        .owner())
                .isEqualTo("alice");
        // picking up an unowned lead is fine
        assertThat(leads.update(
                                unowned.id(),
                                LeadFields.builder().owner("alice").build(),
                                Set.of(PersonField.OWNER),
                                null)
                        .fields()
                        .owner())
                .isEqualTo("alice");
    }

    private void actAs(String user, Role role, String team) {
        caller.set(Optional.of(new Principal(user, role, Optional.ofNullable(team), "t-" + user)));
    }

    private Lead lead(String name, String owner) {
        return leads.create(LeadFields.builder().givenName(name).owner(owner).build(), null);
    }

    private static ApiToken token(String id, String user, Role role, String team) {
        return new ApiToken(id, user, role, Optional.of(team), NOW, "test", Optional.empty(), Optional.empty());
    }

    private static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(NotFoundException.class);
    }
}
