package io.hearth.core.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.Concurrently;
import io.hearth.core.app.AuditLog;
import io.hearth.core.app.Contacts;
import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.TeamRoster;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqContactStore;
import io.hearth.core.persistence.JooqTransactor;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonField;
import io.hearth.core.person.PhoneNumbers;
import io.hearth.core.query.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contact use cases and store, run against each database by a subclass. */
public abstract class ContactsContract {
    private final TickingClock clock = new TickingClock(Instant.parse("2026-11-02T09:00:00Z"), Duration.ofMillis(1));
    private TestDatabase testDatabase;
    protected Database database;
    private Contacts contacts;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        database = testDatabase.database();
        contacts = new Contacts(
                new JooqContactStore(database.dsl()),
                new JooqTransactor(database.dsl()),
                new ContactRules(new PhoneNumbers("US")),
                clock,
                LeadFixtures.duplicateGuard(database),
                List.of(),
                CurrentCaller.NONE,
                AuditLog.disabled(),
                TeamRoster.NONE);
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void directContactReadsBackCleanedAndMarkedDirect() {
        Contact created = contacts.create(ContactFields.builder()
                .givenName(" Sam ")
                .company("Paper Co")
                .phone("(415) 555-0100")
                .kind(ContactKind.SUPPLIER)
                .tags(List.of("Paper", "paper"))
                .build());

        Contact read = contacts.get(created.id());

        assertThat(read).isEqualTo(created);
        assertThat(read.fields().givenName()).isEqualTo("Sam");
        assertThat(read.fields().phone()).isEqualTo("+14155550100");
        assertThat(read.fields().tags()).containsExactly("paper");
        assertThat(read.origin()).isEqualTo(ContactOrigin.DIRECT);
        assertThat(read.convertedFrom()).isNull();
        assertThatThrownBy(() -> contacts.get(new ContactId(UUID.randomUUID()))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aCallAsTheApiSendsItUpdatesTheMaskedOrSetFieldsAndNamesWhatIsWrong() {
        Contact created = contacts.create(ContactFields.builder()
                .givenName("Sam")
                .company("Paper Co")
                .phone("(415) 555-0100")
                .kind(ContactKind.SUPPLIER)
                .owner("alice")
                .build());
        ContactFields changes =
                ContactFields.builder().owner("bob").notes("prefers email").build();

        Contact set =
                contacts.update(created.id().name(), changes, List.of(), EnumSet.of(PersonField.NOTES), null, false);
        Contact masked = contacts.update(
                created.id().name(), changes, List.of("owner"), EnumSet.of(PersonField.NOTES), set.etag(), false);

        assertThat(set.fields().notes()).isEqualTo("prefers email");
        assertThat(set.fields().owner()).isEqualTo("alice");
        assertThat(masked.fields().owner()).isEqualTo("bob");
        assertThatThrownBy(() -> contacts.create(null, null, false))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("contact"));
        assertThatThrownBy(() -> contacts.update(
                        created.id().name(), null, List.of("owner"), EnumSet.noneOf(ContactField.class), null, false))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("contact"));
        assertThatThrownBy(() -> contacts.update(
                        "leads/x", changes, List.of("owner"), EnumSet.noneOf(ContactField.class), null, false))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("contact.name"));
        assertThatThrownBy(() -> contacts.update(
                        created.id().name(), changes, List.of(), EnumSet.noneOf(ContactField.class), null, false))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.description())
                                .containsExactly(
                                        "nothing to update: name fields in update_mask or set them on the contact"));
    }

    @Test
    void retryWithSameRequestIdReturnsTheFirstContact() {
        ContactFields sam = ContactFields.builder()
                .givenName("Sam")
                .kind(ContactKind.SUPPLIER)
                .build();
        Contact first = contacts.create(sam, "req-1");
        Contact retry = contacts.create(sam, " req-1 ");
        // other calls are other contacts: two more Sams, entered knowingly
        Contact other = contacts.create(sam, "req-2", true);
        Contact unkeyed = contacts.create(sam, "", true);

        assertThat(retry).isEqualTo(first);
        assertThat(List.of(other.id(), unkeyed.id())).doesNotContain(first.id());
        assertThat(contacts.list("", true, 100, "").items()).hasSize(3);
    }

    @Test
    void concurrentRetriesWithOneRequestIdCreateOneContact() throws Exception {
        ContactFields ann = ContactFields.builder()
                .givenName("Ann")
                .kind(ContactKind.PARTNER)
                .build();
        List<ContactId> ids =
                Concurrently.run(6, () -> contacts.create(ann, "same").id());

        assertThat(ids).containsOnly(ids.get(0));
        assertThat(contacts.list("", true, 100, "").items()).hasSize(1);
    }

    @Test
    void theStoreAnswersARequestIdAnotherCallTookWithFalseAndTheTransactionGoesOn() {
        Contact first = contacts.create(
                ContactFields.builder()
                        .givenName("Ann")
                        .kind(ContactKind.PARTNER)
                        .build(),
                "req-taken");
        JooqContactStore store = new JooqContactStore(database.dsl());
        Contact racer = new Contact(
                new ContactId(UUID.randomUUID()),
                first.fields(),
                first.origin(),
                null,
                first.createdAt(),
                first.createdAt(),
                null,
                1);

        // as a call that lost the race sees it: its own insert of the request id, inside its transaction
        boolean inserted = new JooqTransactor(database.dsl()).inTransaction(() -> {
            boolean made = store.insert(racer, "req-taken");
            // the transaction still takes statements (PostgreSQL refuses any after a failed one)
            assertThat(store.findByCreateRequestId("req-taken"))
                    .map(Contact::id)
                    .contains(first.id());
            return made;
        });

        assertThat(inserted).isFalse();
        assertThat(contacts.list("", true, 100, "").items()).hasSize(1);
    }

    @Test
    void anOverlongRequestIdIsNamed() {
        assertThatThrownBy(() -> contacts.create(
                        ContactFields.builder()
                                .givenName("Sam")
                                .kind(ContactKind.PARTNER)
                                .build(),
                        "x".repeat(101)))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("request_id"));
    }

    @Test
    void kindIsRequiredAndBadFieldsAreNamed() {
        assertThatThrownBy(() ->
                        contacts.create(ContactFields.builder().email("sam@").build()))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("contact.kind", "contact.email"));
    }

    @Test
    void updateHonoursMaskAndEtag() {
        Contact created = contacts.create(ContactFields.builder()
                .givenName("Sam")
                .kind(ContactKind.PARTNER)
                .owner("alice")
                .build());
        Contact updated = contacts.update(
                created.id(),
                ContactFields.builder().owner("bob").kind(ContactKind.ASSOCIATE).build(),
                EnumSet.of(PersonField.OWNER),
                created.etag());

        assertThat(updated.fields().owner()).isEqualTo("bob");
        assertThat(updated.fields().kind()).isEqualTo(ContactKind.PARTNER);
        assertThatThrownBy(() -> contacts.update(
                        created.id(),
                        ContactFields.builder().owner("carol").build(),
                        EnumSet.of(PersonField.OWNER),
                        created.etag()))
                .isInstanceOf(StaleEtagException.class);
    }

    @Test
    void listFiltersByKindAndOwnerAndPagesOnce() {
        List<ContactId> suppliers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            suppliers.add(contacts.create(ContactFields.builder()
                            .company("Supplier " + i)
                            .kind(ContactKind.SUPPLIER)
                            .owner("alice")
                            .build())
                    .id());
            contacts.create(ContactFields.builder()
                    .company("Client " + i)
                    .kind(ContactKind.ACTIVE_CLIENT)
                    .owner("alice")
                    .build());
        }
        List<ContactId> walked = new ArrayList<>();
        String token = "";
        do {
            Page<Contact> page = contacts.list("kind = supplier AND owner = alice", false, 2, token);
            page.items().forEach(c -> walked.add(c.id()));
            token = page.nextPageToken().orElse("");
        } while (!token.isEmpty());

        assertThat(walked).isEqualTo(suppliers);
        assertThatThrownBy(() -> contacts.list("colour = red", false, 0, ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("filter"));
    }

    @Test
    void listFiltersBySourceAndTagAsLeadListsDo() {
        Contact referredVip = contacts.create(ContactFields.builder()
                .company("Referred VIP")
                .kind(ContactKind.PROSPECT)
                .source(LeadSource.REFERRAL)
                .tags(List.of("VIP", "expo"))
                .build());
        contacts.create(ContactFields.builder()
                .company("Referred")
                .kind(ContactKind.PROSPECT)
                .source(LeadSource.REFERRAL)
                .tags(List.of("expo"))
                .build());
        contacts.create(ContactFields.builder()
                .company("Web VIP")
                .kind(ContactKind.PROSPECT)
                .source(LeadSource.WEB_FORM)
                .tags(List.of("vip"))
                .build());

        assertThat(contacts.list("source = referral AND tag = vip", false, 0, "")
                        .items())
                .extracting(Contact::id)
                .containsExactly(referredVip.id());
        assertThat(contacts.list("tag = expo AND tag = vip", false, 0, "").items())
                .extracting(Contact::id)
                .containsExactly(referredVip.id());
        assertThat(contacts.list("source = referral", false, 0, "").items()).hasSize(2);
    }

    @Test
    void archivedContactsLeaveListsAndRefuseChangesUntilRestored() {
        Contact archived = contacts.archive(
                contacts.create(ContactFields.builder()
                                .company("Old Co")
                                .kind(ContactKind.DORMANT_CLIENT)
                                .build())
                        .id(),
                null);

        assertThat(contacts.list("", false, 10, "").items()).isEmpty();
        assertThat(contacts.list("", true, 10, "").items()).hasSize(1);
        assertThatThrownBy(() -> contacts.update(
                        archived.id(), ContactFields.builder().owner("x").build(), EnumSet.of(PersonField.OWNER), null))
                .isInstanceOf(FailedPreconditionException.class);
        assertThat(contacts.restore(archived.id(), archived.etag()).archived()).isFalse();
    }
}
