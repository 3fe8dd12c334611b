package io.hearth.core.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.Concurrently;
import io.hearth.core.HearthCore;
import io.hearth.core.app.LeadMerges;
import io.hearth.core.app.Transactor;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqCadenceStore;
import io.hearth.core.persistence.JooqPersonMatchStore;
import io.hearth.core.persistence.JooqTransactor;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonRef;
import io.hearth.core.priority.Answer;
import io.hearth.core.priority.Bant;
import io.hearth.core.priority.LeadProfile;
import io.hearth.core.priority.Qualification;
import io.hearth.core.priority.QualificationField;
import io.hearth.core.priority.ReferralKind;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.QueueFixture;
import io.hearth.core.touch.Cadence;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.FollowUp;
import io.hearth.core.touch.FollowUpState;
import io.hearth.core.touch.Hearth;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.TouchInput;
import io.hearth.core.touch.TouchKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Merging a lead entered twice, with its history, rating and queue entry; run on each database by a subclass. */
public abstract class LeadMergeContract {
    private final TickingClock clock = new TickingClock(Instant.parse("2026-12-01T09:00:00Z"), Duration.ofSeconds(1));
    private TestDatabase testDatabase;
    private Database database;
    private QueueFixture rated;
    private Hearth hearth;
    private LeadMerges merges;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        database = testDatabase.database();
        HearthCore core = HearthCore.on(database)
                .clock(clock)
                .probability(new RuleProbability())
                .build();
        rated = QueueFixture.of(core);
        hearth = Hearth.of(core);
        merges = core.merges();
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void theSurvivorTakesTheDuplicatesHistoryAndWhatItLackedAndTheDuplicateIsArchivedPointingAtIt() {
        Lead survivor =
                lead(LeadFixtures.person("Ann", "Lee").email("ann@acme.com").tags(List.of("expo")), false);
        Lead duplicate = lead(
                LeadFixtures.person("Annie", "Lee")
                        .phone("415 555 0142")
                        .company("Acme")
                        .notes("prefers mornings")
                        .tags(List.of("vip")),
                true);
        hearth.followUps().logTouch(touch(duplicate, Outcome.CONNECTED));
        hearth.followUps().logTouch(touch(duplicate, Outcome.NO_ANSWER));

        // the first touch made the duplicate contacted: a change, so a new etag
        String duplicateEtag = hearth.leads().get(duplicate.id()).etag();
        assertThat(duplicateEtag).isNotEqualTo(duplicate.etag());
        LeadMerges.Merge merge = merges.merge(survivor.id(), survivor.etag(), duplicate.id(), duplicateEtag);

        Lead kept = rated.leads().get(survivor.id());
        assertThat(kept.fields().givenName())
                .as("the survivor's own value stays")
                .isEqualTo("Ann");
        assertThat(kept.fields().phone()).as("what it lacked comes over").isEqualTo("+14155550142");
        assertThat(kept.fields().company()).isEqualTo("Acme");
        assertThat(kept.fields().tags()).containsExactly("expo", "vip");
        assertThat(kept.fields().notes()).isEqualTo("From " + duplicate.id().name() + ": prefers mornings");
        assertThat(merge.survivor()).isEqualTo(kept);
        assertThat(merge.touchesMoved()).isEqualTo(2);
        assertThat(hearth.followUps()
                        .listTouches(PersonRef.of(survivor.id()), null, null, null, 10, "")
                        .items())
                .hasSize(2);
        assertThat(hearth.followUps()
                        .listTouches(PersonRef.of(duplicate.id()), null, null, null, 10, "")
                        .items())
                .isEmpty();

        Lead gone = rated.leads().get(duplicate.id());
        assertThat(gone.archived()).isTrue();
        assertThat(gone.mergedInto()).isEqualTo(survivor.id().name());
        assertThat(gone.fields().notes()).as("the duplicate keeps its values").isEqualTo("prefers mornings");
        assertThat(queueIds())
                .contains(survivor.id().value())
                .doesNotContain(duplicate.id().value());
        // the survivor was never touched itself: the duplicate's touches are its history now
        assertThat(rated.ratings().profile(survivor.id()).activity().lastTouchAt())
                .isNotNull();
    }

    @Test
    void theSurvivorLearnsTheDuplicatesQualificationAnswersWithoutLosingItsOwn() {
        Lead survivor = lead(LeadFixtures.person("Ann", "Lee").email("ann@acme.com"), false);
        Lead duplicate = lead(LeadFixtures.person("Ann", "Lee").phone("415 555 0142"), true);
        rated.qualifications()
                .qualify(
                        survivor.id(),
                        new Qualification(
                                null,
                                null,
                                ReferralKind.NONE,
                                new Bant(Answer.YES, Answer.UNKNOWN, Answer.UNKNOWN, Answer.UNKNOWN),
                                null,
                                2),
                        EnumSet.allOf(QualificationField.class),
                        null);
        rated.qualifications()
                .qualify(
                        duplicate.id(),
                        new Qualification(
                                LocalDate.parse("2026-12-20"),
                                null,
                                ReferralKind.CHAMPION,
                                new Bant(Answer.NO, Answer.YES, Answer.YES, Answer.YES),
                                "met at expo",
                                4),
                        EnumSet.allOf(QualificationField.class),
                        null);

        merges.merge(survivor.id(), null, duplicate.id(), null);

        LeadProfile profile = rated.ratings().profile(survivor.id());
        Qualification q = profile.qualification();
        assertThat(q.bant())
                .as("the survivor's yes stays; its unknowns are answered")
                .isEqualTo(new Bant(Answer.YES, Answer.YES, Answer.YES, Answer.YES));
        assertThat(q.needBy()).isEqualTo(LocalDate.parse("2026-12-20"));
        assertThat(q.referral()).isEqualTo(ReferralKind.CHAMPION);
        assertThat(q.note()).isEqualTo("met at expo");
        assertThat(q.leadLevel()).isEqualTo(4);
        assertThat(profile.rating().reasons())
                .as("re-rated on what it knows now")
                .isNotEmpty();
        assertThat(profile.temperature().name()).isEqualTo("HOT");
    }

    @Test
    void ofTwoOpenStepsTheSurvivorsStaysAndTheDuplicatesIsCancelled() {
        Lead survivor = lead(LeadFixtures.person("Ann", "Lee").email("ann@acme.com"), false);
        Lead duplicate = lead(LeadFixtures.person("Ann", "Lee").phone("415 555 0142"), true);
        FollowUp kept =
                hearth.followUps().schedule(PersonRef.of(survivor.id()), Channel.EMAIL, null, "send the price list");
        FollowUp dropped = hearth.followUps().schedule(PersonRef.of(duplicate.id()), Channel.PHONE, null, "call back");

        merges.merge(survivor.id(), null, duplicate.id(), null);

        assertThat(hearth.followUps().get(kept.id()).state()).isEqualTo(FollowUpState.SCHEDULED);
        assertThat(hearth.followUps().get(dropped.id()).state()).isEqualTo(FollowUpState.CANCELLED);
        assertThat(hearth.followUps().get(dropped.id()).person()).isEqualTo(PersonRef.of(survivor.id()));
    }

    @Test
    void aLoneOpenStepOfTheDuplicateBecomesTheSurvivors() {
        Lead survivor = lead(LeadFixtures.person("Ann", "Lee").email("ann@acme.com"), false);
        Lead duplicate = lead(LeadFixtures.person("Ann", "Lee").phone("415 555 0142"), true);
        FollowUp step = hearth.followUps().schedule(PersonRef.of(duplicate.id()), Channel.PHONE, null, "call back");

        LeadMerges.Merge merge = merges.merge(survivor.id(), null, duplicate.id(), null);

        FollowUp moved = hearth.followUps().get(step.id());
        assertThat(moved.state()).isEqualTo(FollowUpState.SCHEDULED);
        assertThat(moved.person()).isEqualTo(PersonRef.of(survivor.id()));
        assertThat(merge.followUpsMoved()).isEqualTo(1);
        assertThat(hearth.followUps().cadence(PersonRef.of(survivor.id())).completedFollowUps())
                .isZero();
    }

    @Test
    void aPersonWhoUnsubscribedAsTheDuplicateIsUnsubscribedAsTheSurvivor() {
        Lead survivor = lead(LeadFixtures.person("Ann", "Lee").email("ann@acme.com"), false);
        Lead duplicate = lead(LeadFixtures.person("Ann", "Lee").phone("415 555 0142"), true);
        FollowUp planned = hearth.followUps().schedule(PersonRef.of(survivor.id()), Channel.EMAIL, null, "price list");
        hearth.followUps()
                .logTouch(new TouchInput(
                        PersonRef.of(duplicate.id()),
                        TouchKind.COLD_CALL,
                        Channel.PHONE,
                        clock.instant(),
                        Duration.ofMinutes(1),
                        Outcome.UNSUBSCRIBED,
                        "do not call",
                        "alice"));

        merges.merge(survivor.id(), null, duplicate.id(), null);

        assertThat(hearth.followUps().cadence(PersonRef.of(survivor.id())).state())
                .isEqualTo(CadenceState.UNSUBSCRIBED);
        assertThat(hearth.followUps().get(planned.id()).state()).isEqualTo(FollowUpState.CANCELLED);
        assertThat(queueIds()).doesNotContain(survivor.id().value());
        assertThatThrownBy(() -> hearth.followUps().logTouch(touch(survivor, Outcome.CONNECTED)))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("PERSON_UNSUBSCRIBED"));
    }

    @Test
    void aDuplicateInDripDoesNotTakeTheFreshSurvivorOutOfTheQueue() {
        Lead survivor = lead(LeadFixtures.person("Ann", "Lee").email("ann@acme.com"), false);
        Lead duplicate = lead(LeadFixtures.person("Ann", "Lee").phone("415 555 0142"), true);
        new JooqCadenceStore(database.dsl())
                .save(new Cadence(
                        PersonRef.of(duplicate.id()), CadenceState.DRIP, 2, 0, clock.instant(), clock.instant()));

        merges.merge(survivor.id(), null, duplicate.id(), null);

        assertThat(hearth.followUps().cadence(PersonRef.of(survivor.id())).state())
                .isEqualTo(CadenceState.ACTIVE);
        assertThat(queueIds()).contains(survivor.id().value());
    }

    @Test
    void aConnectorsLinkToTheDuplicateNowNamesTheSurvivor() {
        Lead survivor = lead(LeadFixtures.person("Ann", "Lee").email("ann@acme.com"), false);
        Lead duplicate = lead(LeadFixtures.person("Ann", "Lee").phone("415 555 0142"), true);
        JooqPersonMatchStore matches = new JooqPersonMatchStore(database.dsl());
        new JooqTransactor(database.dsl()).inTransaction(() -> {
            matches.link("hubspot", Map.of("hs-77", PersonRef.of(duplicate.id())));
            return null;
        });

        LeadMerges.Merge merge = merges.merge(survivor.id(), null, duplicate.id(), null);

        assertThat(merge.externalIdsMoved()).isEqualTo(1);
        assertThat(matches.linked("hubspot", List.of("hs-77"))).containsEntry("hs-77", PersonRef.of(survivor.id()));
    }

    @Test
    void whoeverMatchesTheMergedDuplicateFindsTheSurvivor() {
        Lead survivor = lead(LeadFixtures.person("Ann", "Lee").email("ann@acme.com"), false);
        Lead duplicate = lead(LeadFixtures.person("Annie", "Lee").email("annie@home.example"), false);
        Lead later = lead(LeadFixtures.person("Ann", "Leigh").phone("415 555 0150"), false);
        merges.merge(survivor.id(), null, duplicate.id(), null);
        merges.merge(later.id(), null, survivor.id(), null);

        // a sync record or a hand entry with the duplicate's old email: the merges' last survivor
        DuplicateGuard guard = LeadFixtures.duplicateGuard(database);
        DuplicateGuard.Duplicate found = new JooqTransactor(database.dsl())
                .inTransaction(() -> guard.find(new MatchKeys(null, "annie@home.example", null, null)))
                .orElseThrow();
        assertThat(found.person()).isEqualTo(PersonRef.of(later.id()));
        assertThat(found.archived()).isFalse();
        assertThatThrownBy(() -> rated.leads()
                        .create(
                                LeadFixtures.person("A", "Lee")
                                        .email("Annie@home.example")
                                        .build(),
                                null))
                .hasMessageStartingWith(later.id().name());
    }

    @Test
    void mergingTheKnownPersonIntoTheInquiryFlaggedWithItClearsTheFlagAndTheQueueReason() {
        Lead known = lead(LeadFixtures.person("Ann", "Lee").email("ann@acme.com"), false);
        Lead inquiry = rated.leads()
                .create(
                        LeadFixtures.person("Ann", "Lee")
                                .email("ann@acme.com")
                                .source(LeadSource.WEB_FORM)
                                .build(),
                        null);
        assertThat(inquiry.possibleDuplicateOf()).isEqualTo(known.id().name());
        assertThat(queueEntry(inquiry).reasons())
                .anyMatch(r -> r.startsWith("may be " + known.id().name()));
        // writers that know nothing of the flag keep it: qualifying marks the lead qualified
        rated.qualifications()
                .qualify(
                        inquiry.id(),
                        new Qualification(
                                null,
                                null,
                                ReferralKind.NONE,
                                new Bant(Answer.YES, Answer.YES, Answer.YES, Answer.YES),
                                null,
                                0),
                        EnumSet.allOf(QualificationField.class),
                        null);
        assertThat(rated.leads().get(inquiry.id()).fields().status().name()).isEqualTo("QUALIFIED");
        assertThat(rated.leads().get(inquiry.id()).possibleDuplicateOf())
                .isEqualTo(known.id().name());

        merges.merge(inquiry.id(), null, known.id(), null);

        Lead merged = rated.leads().get(inquiry.id());
        assertThat(merged.possibleDuplicateOf()).isNull();
        assertThat(queueEntry(merged).reasons()).noneMatch(r -> r.startsWith("may be"));
    }

    @Test
    void aLeadMergedIntoAContactOfThePersonGivesItItsHistoryLinksAndWhatItLacked() {
        Contact client = hearth.contacts()
                .create(ContactFields.builder()
                        .givenName("Ann")
                        .familyName("Lee")
                        .email("ann@acme.com")
                        .kind(ContactKind.ACTIVE_CLIENT)
                        .tags(List.of("key-account"))
                        .build());
        Lead lead = lead(
                LeadFixtures.person("Ann", "Lee")
                        .phone("415 555 0142")
                        .company("Acme")
                        .notes("asked about the new range")
                        .tags(List.of("expo")),
                true);
        hearth.followUps().logTouch(touch(lead, Outcome.CONNECTED));
        JooqPersonMatchStore matches = new JooqPersonMatchStore(database.dsl());
        Transactor transactor = new JooqTransactor(database.dsl());
        transactor.inTransaction(() -> {
            matches.link("hubspot", Map.of("hs-9", PersonRef.of(lead.id())));
            return null;
        });

        LeadMerges.ContactMerge merge = merges.mergeIntoContact(
                client.id(),
                client.etag(),
                lead.id(),
                hearth.leads().get(lead.id()).etag());

        Contact kept = hearth.contacts().get(client.id());
        assertThat(merge.survivor()).isEqualTo(kept);
        assertThat(kept.fields().kind()).isEqualTo(ContactKind.ACTIVE_CLIENT);
        assertThat(kept.fields().phone()).isEqualTo("+14155550142");
        assertThat(kept.fields().company()).isEqualTo("Acme");
        assertThat(kept.fields().tags()).containsExactlyInAnyOrder("key-account", "expo");
        assertThat(kept.fields().notes()).isEqualTo("From " + lead.id().name() + ": asked about the new range");
        assertThat(merge.touchesMoved()).isEqualTo(1);
        assertThat(hearth.followUps()
                        .listTouches(PersonRef.of(client.id()), null, null, null, 10, "")
                        .items())
                .hasSize(1);
        assertThat(merge.externalIdsMoved()).isEqualTo(1);
        assertThat(transactor.inTransaction(() -> matches.linked("hubspot", List.of("hs-9"))))
                .containsEntry("hs-9", PersonRef.of(client.id()));
        Lead gone = rated.leads().get(lead.id());
        assertThat(gone.archived()).isTrue();
        assertThat(gone.mergedInto()).isEqualTo(client.id().name());
        assertThat(queueIds()).doesNotContain(lead.id().value());
        DuplicateGuard.Duplicate found = transactor
                .inTransaction(() ->
                        LeadFixtures.duplicateGuard(database).find(new MatchKeys(null, null, "+14155550142", null)))
                .orElseThrow();
        assertThat(found.person()).as("the lead's phone now finds the contact").isEqualTo(PersonRef.of(client.id()));
    }

    @Test
    void aContactEnteredWithoutASourceTakesTheLeadsAndOneWithASourceKeepsIt() {
        Contact entered = hearth.contacts()
                .create(ContactFields.builder()
                        .givenName("Ann")
                        .familyName("Lee")
                        .email("ann@acme.com")
                        .kind(ContactKind.PROSPECT)
                        .build());
        Contact referred = hearth.contacts()
                .create(ContactFields.builder()
                        .givenName("Bo")
                        .familyName("Chen")
                        .email("bo@acme.com")
                        .kind(ContactKind.PROSPECT)
                        .source(LeadSource.REFERRAL)
                        .build());
        Lead ann = lead(LeadFixtures.person("Ann", "Lee").phone("415 555 0142"), true);
        Lead bo = lead(LeadFixtures.person("Bo", "Chen").phone("415 555 0143"), true);

        LeadMerges.ContactMerge annMerge = merges.mergeIntoContact(entered.id(), null, ann.id(), null);
        merges.mergeIntoContact(referred.id(), null, bo.id(), null);

        assertThat(entered.fields().person().source()).as("entered without one").isNull();
        assertThat(hearth.contacts().get(entered.id()).fields().person().source())
                .as("the empty source is filled from the lead")
                .isEqualTo(LeadSource.TRADE_SHOW);
        assertThat(annMerge.survivor().fields().person().source()).isEqualTo(LeadSource.TRADE_SHOW);
        assertThat(hearth.contacts().get(referred.id()).fields().person().source())
                .as("the contact's own source stays")
                .isEqualTo(LeadSource.REFERRAL);
    }

    @Test
    void aLeadThatUnsubscribedUnsubscribesTheContactItIsMergedInto() {
        Contact client = hearth.contacts()
                .create(ContactFields.builder()
                        .givenName("Ann")
                        .familyName("Lee")
                        .email("ann@acme.com")
                        .kind(ContactKind.ACTIVE_CLIENT)
                        .build());
        Lead lead = lead(LeadFixtures.person("Ann", "Lee").phone("415 555 0142"), true);
        hearth.followUps()
                .logTouch(new TouchInput(
                        PersonRef.of(lead.id()),
                        TouchKind.COLD_CALL,
                        Channel.PHONE,
                        clock.instant(),
                        Duration.ofMinutes(1),
                        Outcome.UNSUBSCRIBED,
                        "do not call",
                        "alice"));

        merges.mergeIntoContact(client.id(), null, lead.id(), null);

        assertThat(hearth.followUps().cadence(PersonRef.of(client.id())).state())
                .isEqualTo(CadenceState.UNSUBSCRIBED);
    }

    @Test
    void aConvertedOrMergedLeadOrAnArchivedContactIsRefused() {
        Contact client = hearth.contacts()
                .create(ContactFields.builder()
                        .givenName("Ann")
                        .familyName("Lee")
                        .email("ann@acme.com")
                        .kind(ContactKind.ACTIVE_CLIENT)
                        .build());
        Lead lead = lead(LeadFixtures.person("Ann", "Lee").phone("415 555 0142"), true);
        Lead converted = lead(LeadFixtures.person("Ann", "Lee").phone("415 555 0143"), true);
        hearth.conversion().convert(converted.id(), null);

        assertThatThrownBy(() -> merges.mergeIntoContact(client.id(), null, converted.id(), null))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("LEAD_CONVERTED"));
        hearth.contacts().archive(client.id(), null);
        assertThatThrownBy(() -> merges.mergeIntoContact(client.id(), null, lead.id(), null))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("CONTACT_ARCHIVED"));
        hearth.contacts().restore(client.id(), null);
        merges.mergeIntoContact(client.id(), null, lead.id(), null);
        assertThatThrownBy(() -> merges.mergeIntoContact(client.id(), null, lead.id(), null))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("LEAD_MERGED"));
    }

    @Test
    void whatCannotBeMergedIsRefusedAndChangesNothing() {
        Lead ann = lead(LeadFixtures.person("Ann", "Lee").email("ann@acme.com"), false);
        Lead twin = lead(LeadFixtures.person("Ann", "Lee").phone("415 555 0142"), true);
        Lead third = lead(LeadFixtures.person("Ann", "Lee").phone("415 555 0143"), true);

        assertThatThrownBy(() -> merges.merge(ann.id(), null, ann.id(), null))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("duplicate"));
        assertThatThrownBy(() -> merges.merge(ann.id(), "\"99\"", twin.id(), null))
                .isInstanceOf(StaleEtagException.class);
        merges.merge(ann.id(), null, twin.id(), null);
        assertThatThrownBy(() -> merges.merge(third.id(), null, twin.id(), null))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("LEAD_MERGED"));
        assertThatThrownBy(() -> rated.leads().restore(twin.id(), null))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.getMessage())
                                .contains(twin.id().name() + " was merged into "
                                        + ann.id().name()));
        hearth.conversion().convert(third.id(), null);
        Lead thirdNow = rated.leads().get(third.id());
        assertThatThrownBy(() -> merges.merge(ann.id(), null, third.id(), null))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("LEAD_CONVERTED"));
        assertThat(rated.leads().get(third.id())).isEqualTo(thirdNow);
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void ofTwoMergesAtOnceOfOnePairOnlyOneSucceedsWhicheverWayRoundAndOnWhicheverServer() throws Exception {
        // another server instance: its own pool and in-process turns, so only the database orders them
        LeadMerges otherServer = HearthCore.on(testDatabase.anotherServer())
                .clock(clock)
                .probability(new RuleProbability())
                .build()
                .merges();
        List<LeadMerges> servers = List.of(merges, otherServer);
        for (int round = 0; round < 8; round++) {
            // the same person twice, field for field: merging changes neither's fields
            Lead a = lead(LeadFixtures.person("Twin", "Round" + round).email("twin" + round + "@example.com"), true);
            Lead b = lead(LeadFixtures.person("Twin", "Round" + round).email("twin" + round + "@example.com"), true);
            boolean oppositeWays = round % 2 == 0;
            AtomicInteger next = new AtomicInteger();
            List<String> outcomes = Concurrently.run(2, () -> {
                int i = next.getAndIncrement();
                boolean reversed = oppositeWays && i == 1;
                try {
                    servers.get(i).merge(reversed ? b.id() : a.id(), null, reversed ? a.id() : b.id(), null);
                    return "merged";
                } catch (FailedPreconditionException e) {
                    return e.reason();
                } catch (StaleEtagException e) {
                    return "ABORTED";
                }
            });

            assertThat(outcomes).as("round %d: %s", round, outcomes).containsOnlyOnce("merged");
            assertThat(List.of(
                            rated.leads().get(a.id()).merged(),
                            rated.leads().get(b.id()).merged()))
                    .as("round %d: exactly one of the two is merged away", round)
                    .containsExactlyInAnyOrder(true, false);
        }
    }

    private Lead lead(LeadFields.Builder fields, boolean duplicate) {
        return rated.leads()
                .create(fields.source(LeadSource.TRADE_SHOW).owner("alice").build(), null, duplicate);
    }

    private TouchInput touch(Lead lead, Outcome outcome) {
        return new TouchInput(
                PersonRef.of(lead.id()),
                TouchKind.COLD_CALL,
                Channel.PHONE,
                clock.instant(),
                Duration.ofMinutes(3),
                outcome,
                null,
                "alice");
    }

    private QueueEntry queueEntry(Lead lead) {
        return rated.queue().next(null, 100, "").items().stream()
                .filter(e -> e.personId().equals(lead.id().value()))
                .findFirst()
                .orElseThrow();
    }

    private List<UUID> queueIds() {
        return rated.queue().next(null, 100, "").items().stream()
                .map(QueueEntry::personId)
                .toList();
    }
}
