package io.hearth.core.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.Concurrently;
import io.hearth.core.HearthCore;
import io.hearth.core.app.ContactMerges;
import io.hearth.core.app.Opportunities;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityFields;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqPersonMatchStore;
import io.hearth.core.persistence.JooqTransactor;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonField;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.QueueFixture;
import io.hearth.core.resource.Money;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.FollowUp;
import io.hearth.core.touch.FollowUpState;
import io.hearth.core.touch.Hearth;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.PersonCadence;
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

/** MergeContacts against a real database, run on each database by a subclass. */
public abstract class ContactMergeContract {
    private final TickingClock clock = new TickingClock(Instant.parse("2026-11-02T09:00:00Z"), Duration.ofMillis(1));
    private TestDatabase testDatabase;
    private Database database;
    private QueueFixture rated;
    private Hearth hearth;
    private ContactMerges merges;

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
        merges = core.contactMerges();
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void theSurvivorTakesTheDuplicatesHistoryLinksAndWhatItLackedAndTheDuplicateIsArchivedPointingAtIt() {
        Contact survivor = contact(ContactFields.builder()
                .givenName("Ann")
                .familyName("Lee")
                .email("ann@acme.com")
                .kind(ContactKind.PROSPECT)
                .tags(List.of("expo")));
        Contact duplicate = contact(ContactFields.builder()
                .givenName("Annie")
                .familyName("Lee")
                .phone("415 555 0142")
                .company("Acme")
                .notes("prefers mornings")
                .source(LeadSource.REFERRAL)
                .kind(ContactKind.ACTIVE_CLIENT)
                .tags(List.of("vip")));
        hearth.followUps().logTouch(touch(duplicate, Outcome.CONNECTED));
        hearth.followUps().logTouch(touch(duplicate, Outcome.NO_ANSWER));
        FollowUp survivorsStep = openStep(survivor);
        FollowUp duplicatesStep = openStep(duplicate);
        JooqPersonMatchStore matches = new JooqPersonMatchStore(database.dsl());
        new JooqTransactor(database.dsl()).inTransaction(() -> {
            matches.link("hubspot", Map.of("hs-77", PersonRef.of(duplicate.id())));
            return null;
        });
        assertThat(queueIds()).contains(survivor.id().value(), duplicate.id().value());

        ContactMerges.Merge merge = merges.merge(survivor.id(), survivor.etag(), duplicate.id(), duplicate.etag());

        Contact kept = hearth.contacts().get(survivor.id());
        assertThat(merge.survivor()).isEqualTo(kept);
        assertThat(kept.fields().givenName())
                .as("the survivor's own value stays")
                .isEqualTo("Ann");
        assertThat(kept.fields().kind()).isEqualTo(ContactKind.PROSPECT);
        assertThat(kept.fields().phone()).as("what it lacked comes over").isEqualTo("+14155550142");
        assertThat(kept.fields().company()).isEqualTo("Acme");
        assertThat(kept.fields().source()).as("it had no source").isEqualTo(LeadSource.REFERRAL);
        assertThat(kept.fields().tags()).containsExactly("expo", "vip");
        assertThat(kept.fields().notes()).isEqualTo("From " + duplicate.id().name() + ": prefers mornings");
        assertThat(merge.touchesMoved()).isEqualTo(2);
        assertThat(hearth.followUps()
                        .listTouches(PersonRef.of(survivor.id()), null, null, null, 10, "")
                        .items())
                .hasSize(2);
        assertThat(hearth.followUps()
                        .listTouches(PersonRef.of(duplicate.id()), null, null, null, 10, "")
                        .items())
                .isEmpty();
        assertThat(merge.followUpsMoved()).as("its open first step").isEqualTo(1);
        assertThat(hearth.followUps().get(duplicatesStep.id()).state())
                .as("one person, one next step: the survivor's")
                .isEqualTo(FollowUpState.CANCELLED);
        PersonCadence standing = hearth.followUps()
                .cadencesOf(PersonKind.CONTACT, List.of(survivor.id().value()))
                .get(0);
        assertThat(standing.nextStep().id()).isEqualTo(survivorsStep.id());
        assertThat(merge.externalIdsMoved()).isEqualTo(1);
        assertThat(matches.linked("hubspot", List.of("hs-77"))).containsEntry("hs-77", PersonRef.of(survivor.id()));

        Contact gone = hearth.contacts().get(duplicate.id());
        assertThat(merge.duplicate()).isEqualTo(gone);
        assertThat(gone.archived()).isTrue();
        assertThat(gone.mergedInto()).isEqualTo(survivor.id().name());
        assertThat(gone.fields().phone()).as("the duplicate keeps its values").isEqualTo("+14155550142");
        assertThat(queueIds())
                .contains(survivor.id().value())
                .doesNotContain(duplicate.id().value());
        assertThat(hearth.contacts().list("", false, 10, "").items())
                .extracting(Contact::id)
                .containsExactly(survivor.id());
    }

    @Test
    void theDuplicatesDealsBecomeTheSurvivorsWithANewVersion() {
        Contact survivor = contact(
                ContactFields.builder().givenName("Ann").email("ann@acme.com").kind(ContactKind.PROSPECT));
        Contact duplicate = contact(ContactFields.builder()
                .givenName("Annie")
                .email("annie@acme.com")
                .kind(ContactKind.PROSPECT));
        Opportunities opportunities =
                HearthCore.on(database).clock(clock).build().opportunities();
        Opportunity deal = opportunities.create(
                duplicate.id().name(),
                new OpportunityFields(
                        "Pilot", Money.of("EUR", 1000, 0, "amount"), LocalDate.of(2027, 3, 31), null, null),
                null,
                null);

        merges.merge(survivor.id(), survivor.etag(), duplicate.id(), duplicate.etag());

        Opportunity moved = opportunities.get(deal.id());
        assertThat(moved.contact()).isEqualTo(survivor.id());
        assertThat(moved.version()).isGreaterThan(deal.version());
        assertThat(moved.history()).isEqualTo(deal.history());
    }

    @Test
    void syncsAndHandEntryThatMatchTheMergedDuplicateFindTheSurvivor() {
        Contact survivor = contact(
                ContactFields.builder().givenName("Ann").email("ann@acme.com").kind(ContactKind.PROSPECT));
        Contact duplicate = contact(ContactFields.builder()
                .givenName("Annie")
                .email("annie@home.example")
                .kind(ContactKind.PROSPECT));
        Contact later = contact(ContactFields.builder()
                .givenName("Ann")
                .familyName("Leigh")
                .phone("415 555 0150")
                .kind(ContactKind.PROSPECT));
        merges.merge(survivor.id(), null, duplicate.id(), null);
        merges.merge(later.id(), null, survivor.id(), null);

        // a sync record or a hand entry with the first duplicate's email: the merges' last survivor
        DuplicateGuard guard = LeadFixtures.duplicateGuard(database);
        DuplicateGuard.Duplicate found = new JooqTransactor(database.dsl())
                .inTransaction(() -> guard.find(new MatchKeys(null, "annie@home.example", null, null)))
                .orElseThrow();
        assertThat(found.person()).isEqualTo(PersonRef.of(later.id()));
        assertThat(found.archived()).isFalse();
        assertThatThrownBy(() -> hearth.contacts()
                        .create(ContactFields.builder()
                                .givenName("A")
                                .email("Annie@home.example")
                                .kind(ContactKind.SUPPLIER)
                                .build()))
                .hasMessageStartingWith(later.id().name());
        assertThatThrownBy(() -> rated.leads()
                        .create(
                                LeadFixtures.person("A", "Lee")
                                        .email("annie@home.example")
                                        .build(),
                                null))
                .hasMessageStartingWith(later.id().name());
    }

    @Test
    void aPersonWhoUnsubscribedAsTheDuplicateIsUnsubscribedAsTheSurvivor() {
        Contact survivor = contact(
                ContactFields.builder().givenName("Ann").email("ann@acme.com").kind(ContactKind.ACTIVE_CLIENT));
        Contact duplicate = contact(
                ContactFields.builder().givenName("Ann").phone("415 555 0142").kind(ContactKind.ACTIVE_CLIENT));
        hearth.followUps().logTouch(touch(duplicate, Outcome.UNSUBSCRIBED));

        merges.merge(survivor.id(), null, duplicate.id(), null);

        PersonCadence standing = hearth.followUps()
                .cadencesOf(PersonKind.CONTACT, List.of(survivor.id().value()))
                .get(0);
        assertThat(standing.cadence().state()).isEqualTo(CadenceState.UNSUBSCRIBED);
        assertThat(standing.nextStep()).isNull();
        assertThat(queueIds()).doesNotContain(survivor.id().value());
    }

    @Test
    void whatCannotBeMergedIsRefusedAndChangesNothing() {
        Contact ann = contact(ContactFields.builder().givenName("Ann").email("ann@acme.com"));
        Contact twin = contact(ContactFields.builder().givenName("Ann").phone("415 555 0142"));
        Contact third = contact(ContactFields.builder().givenName("Ann").phone("415 555 0143"));

        assertThatThrownBy(() -> merges.merge(ann.id(), null, ann.id(), null))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("duplicate"));
        assertThatThrownBy(() -> merges.merge(ann.id(), "\"99\"", twin.id(), null))
                .isInstanceOf(StaleEtagException.class);
        assertThatThrownBy(() -> merges.merge(ann.id(), null, new ContactId(UUID.randomUUID()), null))
                .isInstanceOf(NotFoundException.class);
        assertThat(hearth.contacts().get(ann.id())).isEqualTo(ann);

        merges.merge(ann.id(), null, twin.id(), null);
        assertReason(() -> merges.merge(third.id(), null, twin.id(), null), "CONTACT_MERGED");
        assertReason(() -> merges.merge(twin.id(), null, third.id(), null), "CONTACT_MERGED");
        assertReason(() -> hearth.contacts().restore(twin.id(), null), "CONTACT_MERGED");
        assertReason(
                () -> hearth.contacts()
                        .update(
                                twin.id(),
                                ContactFields.builder().owner("bob").build(),
                                EnumSet.of(PersonField.OWNER),
                                null),
                "CONTACT_MERGED");
        hearth.contacts().archive(third.id(), null);
        Contact thirdNow = hearth.contacts().get(third.id());
        assertReason(() -> merges.merge(third.id(), null, ann.id(), null), "CONTACT_ARCHIVED");
        assertThat(hearth.contacts().get(third.id())).isEqualTo(thirdNow);
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void ofTwoMergesAtOnceOfOnePairOnlyOneSucceedsWhicheverWayRoundAndOnWhicheverServer() throws Exception {
        // another server instance: its own pool and in-process turns, so only the database orders them
        ContactMerges otherServer = HearthCore.on(testDatabase.anotherServer())
                .clock(clock)
                .probability(new RuleProbability())
                .build()
                .contactMerges();
        List<ContactMerges> servers = List.of(merges, otherServer);
        for (int round = 0; round < 8; round++) {
            // the same person twice, field for field: merging changes neither's fields, so only the
            // merges' own turns keep two of them from both succeeding
            ContactFields same = ContactFields.builder()
                    .givenName("Twin")
                    .familyName("Round" + round)
                    .email("twin" + round + "@example.com")
                    .kind(ContactKind.PROSPECT)
                    .build();
            Contact a = hearth.contacts().create(same, null, true);
            Contact b = hearth.contacts().create(same, null, true);
            boolean oppositeWays = round % 2 == 0;
            AtomicInteger next = new AtomicInteger();
            List<String> outcomes = Concurrently.run(2, () -> {
                int i = next.getAndIncrement();
                boolean reversed = oppositeWays && i == 1;
                try {
                    servers.get(i).merge(reversed ? b.id() : a.id(), null, reversed ? a.id() : b.id(), null);
                    return "merged";
                } catch (FailedPreconditionException | StaleEtagException e) {
                    return e instanceof FailedPreconditionException f ? f.reason() : "ABORTED";
                }
            });

            assertThat(outcomes).as("round %d: %s", round, outcomes).containsOnlyOnce("merged");
            assertThat(outcomes)
                    .filteredOn(o -> !o.equals("merged"))
                    .allMatch(o -> o.equals("CONTACT_MERGED") || o.equals("ABORTED"));
            Contact aNow = hearth.contacts().get(a.id());
            Contact bNow = hearth.contacts().get(b.id());
            assertThat(List.of(aNow.merged(), bNow.merged()))
                    .as("round %d: exactly one of the two is merged away", round)
                    .containsExactlyInAnyOrder(true, false);
        }
    }

    private Contact contact(ContactFields.Builder fields) {
        ContactFields built = fields.owner("alice").build();
        if (built.kind() == null) {
            built = built.toBuilder().kind(ContactKind.PROSPECT).build();
        }
        return hearth.contacts().create(built, null, true);
    }

    private FollowUp openStep(Contact contact) {
        return hearth.followUps()
                .cadencesOf(PersonKind.CONTACT, List.of(contact.id().value()))
                .get(0)
                .nextStep();
    }

    private TouchInput touch(Contact contact, Outcome outcome) {
        return new TouchInput(
                PersonRef.of(contact.id()),
                TouchKind.TOUCH_BASE,
                Channel.PHONE,
                clock.instant(),
                Duration.ofMinutes(3),
                outcome,
                null,
                "alice");
    }

    private List<UUID> queueIds() {
        return rated.queue().next(null, 100, "").items().stream()
                .map(QueueEntry::personId)
                .toList();
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
