package io.hearth.core.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.Concurrently;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.error.AlreadyExistsException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonField;
import io.hearth.core.touch.CadencePolicy;
import io.hearth.core.touch.Hearth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A person entered by hand who is already in Hearth, as a lead or a contact, is refused and the one
 * already there named; run against each database by a subclass.
 */
public abstract class DuplicateEntryContract {
    private final TickingClock clock = new TickingClock(Instant.parse("2026-12-01T09:00:00Z"), Duration.ofMillis(1));
    private TestDatabase testDatabase;
    private Hearth hearth;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        Database database = testDatabase.database();
        hearth = Hearth.on(database, clock, CadencePolicy.DEFAULT);
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void aLeadWithTheEmailOfALeadIsRefusedNamingIt() {
        Lead ann = hearth.leads()
                .create(LeadFixtures.person("Ann", "Lee").email("ann@acme.com").build(), null);

        assertRefused(
                () -> hearth.leads()
                        .create(
                                LeadFixtures.person("Annie", "Lee-Smith")
                                        .email(" ANN@Acme.com ")
                                        .build(),
                                null),
                ann.id().name(),
                "the email ann@acme.com");
    }

    @Test
    void aLeadWithThePhoneOfAContactIsRefusedNamingTheContact() {
        Contact sam = hearth.contacts()
                .create(ContactFields.builder()
                        .givenName("Sam")
                        .familyName("Ode")
                        .phone("+1 415 555 0100")
                        .kind(ContactKind.SUPPLIER)
                        .build());

        assertRefused(
                () -> hearth.leads()
                        .create(
                                LeadFixtures.person("Samuel", "Ode")
                                        .phone("(415) 555-0100")
                                        .build(),
                                null),
                sam.id().name(),
                "the phone +14155550100");
    }

    @Test
    void aLeadWithTheNameAndCompanyOfALeadIsRefused() {
        Lead ann = hearth.leads()
                .create(LeadFixtures.person("Ann", "Lee").company("Acme").build(), null);

        assertRefused(
                () -> hearth.leads()
                        .create(
                                LeadFixtures.person("ann", "LEE")
                                        .company("ACME")
                                        .email("ann@elsewhere.com")
                                        .build(),
                                null),
                ann.id().name(),
                "the name 'ann lee' at 'acme'");
    }

    @Test
    void theSameNameAtAnotherCompanyIsSomeoneElse() {
        hearth.leads()
                .create(
                        LeadFixtures.person("Ann", "Lee")
                                .company("Acme")
                                .email("ann@acme.com")
                                .build(),
                        null);

        Lead other = hearth.leads()
                .create(
                        LeadFixtures.person("Ann", "Lee")
                                .company("Globex")
                                .email("ann@globex.com")
                                .build(),
                        null);

        assertThat(hearth.leads().get(other.id())).isEqualTo(other);
    }

    @Test
    void anInboundInquiryIsNeverRefusedSoTheSpeedToLeadClockRunsAndItNamesWhoItMayBe() {
        Lead ann = hearth.leads()
                .create(
                        LeadFixtures.person("Ann", "Lee")
                                .email("ann@acme.com")
                                .owner("bob")
                                .build(),
                        null);

        Lead inquiry = hearth.leads()
                .create(
                        LeadFixtures.person("Ann", "Lee")
                                .email("ann@acme.com")
                                .source(LeadSource.WEB_FORM)
                                .build(),
                        null);
        Lead routed = hearth.leads()
                .create(
                        LeadFixtures.person("Ann", "Lee")
                                .email("ann@acme.com")
                                .source(LeadSource.WEB_FORM)
                                .owner("carol")
                                .build(),
                        null);
        Lead stranger = hearth.leads()
                .create(
                        LeadFixtures.person("Zed", "Ray")
                                .email("zed@acme.com")
                                .source(LeadSource.WEB_FORM)
                                .build(),
                        null);

        assertThat(inquiry.id()).isNotEqualTo(ann.id());
        assertThat(hearth.leads().get(inquiry.id())).isEqualTo(inquiry);
        assertThat(inquiry.possibleDuplicateOf()).isEqualTo(ann.id().name());
        assertThat(inquiry.fields().owner())
                .as("to the rep who has the person already")
                .isEqualTo("bob");
        assertThat(routed.fields().owner()).as("an inquiry's own rep stays").isEqualTo("carol");
        assertThat(stranger.possibleDuplicateOf()).isNull();
        Lead known = hearth.leads()
                .create(
                        LeadFixtures.person("Ann", "Lee")
                                .email("ann@acme.com")
                                .source(LeadSource.WEB_FORM)
                                .build(),
                        null,
                        true);
        assertThat(known.possibleDuplicateOf())
                .as("entered knowingly as a person of its own")
                .isNull();
        assertThat(hearth.leads()
                        .list("possible_duplicate = true", "", false, 10, "")
                        .items())
                .extracting(Lead::id)
                .containsExactly(inquiry.id(), routed.id());
        assertThat(hearth.leads()
                        .list("possible_duplicate = false", "", false, 10, "")
                        .items())
                .extracting(Lead::id)
                .containsExactly(ann.id(), stranger.id(), known.id());
        assertThatThrownBy(() -> hearth.leads()
                        .create(
                                LeadFixtures.person("Ann", "Lee")
                                        .email("ann@acme.com")
                                        .source(LeadSource.TRADE_SHOW)
                                        .build(),
                                null))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void allowDuplicateEntersASecondPersonAnyway() {
        Lead first = hearth.leads()
                .create(
                        LeadFixtures.person("Front", "Desk")
                                .phone("415 555 0199")
                                .build(),
                        null);

        Lead second = hearth.leads()
                .create(LeadFixtures.person("Pat", "Kim").phone("415 555 0199").build(), null, true);

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(hearth.leads().list("", "", true, 10, "").items()).hasSize(2);
    }

    @Test
    void aConvertedLeadIsFoundAsItsContact() {
        Lead ann = hearth.leads()
                .create(LeadFixtures.person("Ann", "Lee").email("ann@acme.com").build(), null);
        Contact contact = hearth.conversion().convert(ann.id(), null).contact();

        assertRefused(
                () -> hearth.leads()
                        .create(
                                LeadFixtures.person("Ann", "Lee")
                                        .email("ann@acme.com")
                                        .build(),
                                null),
                contact.id().name(),
                "the email ann@acme.com");
    }

    @Test
    void anArchivedLeadIsStillThereAndTheErrorSaysRestoreIt() {
        Lead ann = hearth.leads()
                .create(LeadFixtures.person("Ann", "Lee").email("ann@acme.com").build(), null);
        hearth.leads().archive(ann.id(), null);

        assertThatThrownBy(() -> hearth.leads()
                        .create(
                                LeadFixtures.person("Ann", "Lee")
                                        .email("ann@acme.com")
                                        .build(),
                                null))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("archived: restore it instead");
    }

    @Test
    void aContactWithTheEmailOfALeadIsRefusedNamingTheLead() {
        Lead ann = hearth.leads()
                .create(LeadFixtures.person("Ann", "Lee").email("ann@acme.com").build(), null);

        assertRefused(
                () -> hearth.contacts()
                        .create(ContactFields.builder()
                                .givenName("Ann")
                                .familyName("Lee")
                                .email("ann@acme.com")
                                .kind(ContactKind.PARTNER)
                                .build()),
                ann.id().name(),
                "the email ann@acme.com");
        Contact anyway = hearth.contacts()
                .create(
                        ContactFields.builder()
                                .givenName("Ann")
                                .familyName("Lee")
                                .email("ann@acme.com")
                                .kind(ContactKind.PARTNER)
                                .build(),
                        null,
                        true);
        assertThat(hearth.contacts().get(anyway.id())).isEqualTo(anyway);
    }

    @Test
    void aRetryOfACreateThatWorkedReturnsThatLeadRatherThanRefusingIt() {
        LeadFields ann = LeadFixtures.person("Ann", "Lee").email("ann@acme.com").build();
        Lead first = hearth.leads().create(ann, "req-ann");

        assertThat(hearth.leads().create(ann, "req-ann")).isEqualTo(first);
        assertThat(hearth.leads().list("", "", true, 10, "").items())
                .extracting(Lead::id)
                .containsExactly(first.id());
    }

    @Test
    void aRefusedCreateWritesNothing() {
        hearth.leads()
                .create(LeadFixtures.person("Ann", "Lee").email("ann@acme.com").build(), null);

        assertThatThrownBy(() -> hearth.leads()
                        .create(
                                LeadFixtures.person("Bob", "Lee")
                                        .email("ann@acme.com")
                                        .tags(List.of("vip"))
                                        .build(),
                                "req-bob"))
                .isInstanceOf(AlreadyExistsException.class);

        assertThat(hearth.leads().list("", "", true, 10, "").items()).hasSize(1);
        // the refused call kept no request id: the same key, allowed, makes a new lead
        Lead bob = hearth.leads()
                .create(LeadFixtures.person("Bob", "Lee").email("ann@acme.com").build(), "req-bob", true);
        assertThat(bob.fields().givenName()).isEqualTo("Bob");
        assertThat(hearth.leads().list("", "", true, 10, "").items()).hasSize(2);
    }

    @Test
    void anEditThatBringsInSomeoneElsesEmailIsRefusedUnlessAllowed() {
        Lead ann = hearth.leads()
                .create(LeadFixtures.person("Ann", "Lee").email("ann@acme.com").build(), null);
        Lead bob = hearth.leads()
                .create(LeadFixtures.person("Bob", "Ray").email("bob@acme.com").build(), null);
        LeadFields annsEmail = LeadFields.builder().email("Ann@Acme.com").build();

        assertRefused(
                () -> hearth.leads().update(bob.id(), annsEmail, Set.of(PersonField.EMAIL), null),
                ann.id().name(),
                "the email ann@acme.com");
        assertThat(hearth.leads().get(bob.id()).fields().email()).isEqualTo("bob@acme.com");

        Lead changed = hearth.leads().update(bob.id(), annsEmail, Set.of(PersonField.EMAIL), null, true);
        assertThat(changed.fields().email()).isEqualTo("Ann@Acme.com");
    }

    @Test
    void anEditOfOnesOwnKeysOrOfOtherFieldsIsNoDuplicate() {
        Lead ann = hearth.leads()
                .create(LeadFixtures.person("Ann", "Lee").email("ann@acme.com").build(), null);
        // entered knowingly with Ann's email: later edits of its other fields are not refused for it
        Lead twin = hearth.leads()
                .create(LeadFixtures.person("Ann", "Twin").email("ann@acme.com").build(), null, true);

        Lead recased = hearth.leads()
                .update(ann.id(), LeadFields.builder().email("ANN@acme.com").build(), Set.of(PersonField.EMAIL), null);
        Lead retitled = hearth.leads()
                .update(twin.id(), LeadFields.builder().title("CFO").build(), Set.of(PersonField.TITLE), null);

        assertThat(recased.fields().email()).isEqualTo("ANN@acme.com");
        assertThat(retitled.fields().title()).isEqualTo("CFO");
    }

    @Test
    void aContactEditThatBringsInALeadsPhoneIsRefused() {
        Lead ann = hearth.leads()
                .create(LeadFixtures.person("Ann", "Lee").phone("415 555 0123").build(), null);
        Contact sam = hearth.contacts()
                .create(ContactFields.builder()
                        .givenName("Sam")
                        .familyName("Ode")
                        .kind(ContactKind.SUPPLIER)
                        .email("sam@paper.example")
                        .build());

        assertRefused(
                () -> hearth.contacts()
                        .update(
                                sam.id(),
                                ContactFields.builder()
                                        .phone("+1 (415) 555-0123")
                                        .build(),
                                Set.of(PersonField.PHONE),
                                null),
                ann.id().name(),
                "the phone +14155550123");
        assertThat(hearth.contacts()
                        .update(
                                sam.id(),
                                ContactFields.builder()
                                        .phone("+1 (415) 555-0123")
                                        .build(),
                                Set.of(PersonField.PHONE),
                                null,
                                true)
                        .fields()
                        .phone())
                .isEqualTo("+14155550123");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void createsOfOnePersonAtOnceMakeOnePerson() throws Exception {
        // On PostgreSQL, half the callers go through a second server's pool: they share none of the
        // first one's in-process turns, so only the database's key claims order them. Fails on a
        // check-then-insert (measured: 48 rounds of 50 doubled).
        Hearth second = Hearth.on(testDatabase.anotherServer(), clock, CadencePolicy.DEFAULT);
        for (int round = 0; round < 25; round++) {
            String email = "racer" + round + "@example.com";
            AtomicInteger callers = new AtomicInteger();
            List<String> outcomes = Concurrently.run(4, () -> {
                int caller = callers.getAndIncrement();
                Hearth instance = caller % 2 == 0 ? hearth : second;
                try {
                    // a lead and a contact race too: one person, whichever kind comes first
                    return caller == 3
                            ? instance.contacts()
                                    .create(ContactFields.builder()
                                            .givenName("Racer " + email)
                                            .email(email)
                                            .kind(ContactKind.PARTNER)
                                            .build())
                                    .id()
                                    .name()
                            : instance.leads()
                                    .create(
                                            LeadFixtures.person("Racer " + caller, email)
                                                    .email(email)
                                                    .build(),
                                            null)
                                    .id()
                                    .name();
                } catch (AlreadyExistsException e) {
                    return e.reason();
                }
            });
            assertThat(outcomes)
                    .as("round %d", round)
                    .filteredOn(o -> o.contains("/"))
                    .hasSize(1);
            assertThat(outcomes).filteredOn(o -> !o.contains("/")).containsOnly(DuplicateGuard.REASON);
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anEditAndACreateBringingInOneEmailAtOnceLeaveOnePersonWithIt() throws Exception {
        Hearth second = Hearth.on(testDatabase.anotherServer(), clock, CadencePolicy.DEFAULT);
        for (int round = 0; round < 15; round++) {
            String email = "edit" + round + "@example.com";
            Lead edited = hearth.leads()
                    .create(LeadFixtures.person("Edited", "No" + round).build(), null);
            AtomicInteger callers = new AtomicInteger();
            List<String> outcomes = Concurrently.run(2, () -> {
                try {
                    return callers.getAndIncrement() == 0
                            ? hearth.leads()
                                    .update(
                                            edited.id(),
                                            LeadFields.builder().email(email).build(),
                                            Set.of(PersonField.EMAIL),
                                            null)
                                    .id()
                                    .name()
                            : second.leads()
                                    .create(
                                            LeadFixtures.person("Creator", email)
                                                    .email(email)
                                                    .build(),
                                            null)
                                    .id()
                                    .name();
                } catch (AlreadyExistsException e) {
                    return e.reason();
                }
            });
            assertThat(outcomes)
                    .as("round %d", round)
                    .filteredOn(o -> o.contains("/"))
                    .hasSize(1);
            assertThat(outcomes).containsOnlyOnce(DuplicateGuard.REASON);
        }
    }

    private static void assertRefused(ThrowingCallable create, String existing, String sharedKey) {
        assertThatThrownBy(create).isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
            assertThat(e.reason()).isEqualTo(DuplicateGuard.REASON);
            assertThat(e.existing()).contains(existing);
            assertThat(e.getMessage())
                    .startsWith(existing)
                    .contains("already has " + sharedKey)
                    .contains("allow_duplicate");
        });
    }
}
