package io.hearth.core.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.Concurrently;
import io.hearth.core.app.Leads;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqLeadStore;
import io.hearth.core.persistence.JooqTransactor;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonField;
import io.hearth.core.query.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lead use cases and store, run against each database by a subclass. */
public abstract class LeadsContract {
    protected final TickingClock clock = new TickingClock(Instant.parse("2026-11-02T09:00:00Z"), Duration.ofMillis(1));
    private TestDatabase testDatabase;
    protected Database database;
    protected Leads leads;

    /** A fresh, migrated database, closed after the test. */
    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        database = testDatabase.database();
        leads = LeadFixtures.leads(database, clock);
    }

    @AfterEach
    void close() {
        // null when the database was skipped (PostgreSQL not configured)
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void createdLeadReadsBackWithEveryField() {
        Lead created = leads.create(
                LeadFixtures.person(" Ada ", "Lovelace")
                        .company("Analytical Engines")
                        .title("CTO")
                        .email("ada@example.com")
                        .phone("(415) 555-0100")
                        .source(LeadSource.WEB_FORM)
                        .owner("alice")
                        .temperature(Temperature.HOT)
                        .notes("asked for pricing")
                        .tags(List.of("Enterprise", "q4", "enterprise"))
                        .build(),
                null);

        Lead read = leads.get(created.id());

        assertThat(read).isEqualTo(created);
        assertThat(read.fields().givenName()).isEqualTo("Ada");
        assertThat(read.fields().phone()).isEqualTo("+14155550100");
        assertThat(read.fields().tags()).containsExactlyInAnyOrder("enterprise", "q4");
        assertThat(read.fields().status()).isEqualTo(LeadStatus.NEW);
        assertThat(read.displayName()).isEqualTo("Ada Lovelace");
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.archived()).isFalse();
    }

    @Test
    void unknownLeadIsNotFound() {
        LeadId missing = new LeadId(UUID.randomUUID());
        assertThatThrownBy(() -> leads.get(missing))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(missing.name());
    }

    @Test
    void retryWithSameRequestIdReturnsTheFirstLead() {
        Lead first = leads.create(LeadFixtures.person("Grace", "Hopper").build(), "req-1");
        Lead retry = leads.create(LeadFixtures.person("Grace", "Hopper").build(), "req-1");
        // another request id is another call: a second Grace Hopper, entered knowingly
        Lead other = leads.create(LeadFixtures.person("Grace", "Hopper").build(), "req-2", true);

        assertThat(retry).isEqualTo(first);
        assertThat(other.id()).isNotEqualTo(first.id());
    }

    @Test
    void concurrentRetriesWithOneRequestIdCreateOneLead() throws Exception {
        List<Leads.Created> results = Concurrently.run(
                6, () -> leads.createCall(LeadFixtures.person("Alan", "Turing").build(), "same", false));

        assertThat(results)
                .extracting(c -> c.lead().id())
                .containsOnly(results.get(0).lead().id());
        assertThat(leads.list("", "", true, 100, "").items()).hasSize(1);
        // the create API answers a lead made just now without reading its cadence: only one call made it
        assertThat(results).filteredOn(Leads.Created::madeByThisCall).hasSize(1);
        assertThat(leads.createCall(LeadFixtures.person("Alan", "Turing").build(), "same", false)
                        .madeByThisCall())
                .isFalse();
    }

    @Test
    void theStoreAnswersARequestIdAnotherCallTookWithFalseAndTheTransactionGoesOn() {
        Lead first = leads.create(LeadFixtures.person("Grace", "Hopper").build(), "req-taken");
        JooqLeadStore store = new JooqLeadStore(database.dsl());
        Lead racer =
                new Lead(new LeadId(UUID.randomUUID()), first.fields(), first.createdAt(), first.createdAt(), null, 1);

        // as a call that lost the race sees it: its own insert of the request id, inside its transaction
        boolean inserted = new JooqTransactor(database.dsl()).inTransaction(() -> {
            boolean made = store.insert(racer, "req-taken");
            // the transaction still takes statements (PostgreSQL refuses any after a failed one)
            assertThat(store.findByCreateRequestId("req-taken")).map(Lead::id).contains(first.id());
            return made;
        });

        assertThat(inserted).isFalse();
        assertThat(store.find(racer.id())).isEmpty();
        assertThat(leads.list("", "", true, 100, "").items()).hasSize(1);
    }

    @Test
    void updateChangesOnlyMaskedFieldsAndBumpsEtag() {
        Lead created = leads.create(
                LeadFixtures.person("Ada", "Lovelace")
                        .email("ada@example.com")
                        .owner("alice")
                        .build(),
                null);
        LeadFields changes =
                LeadFields.builder().owner("bob").email("ignored@example.com").build();

        Lead updated = leads.update(created.id(), changes, EnumSet.of(PersonField.OWNER), created.etag());

        assertThat(updated.fields().owner()).isEqualTo("bob");
        assertThat(updated.fields().email()).isEqualTo("ada@example.com");
        assertThat(updated.etag()).isNotEqualTo(created.etag());
        assertThat(updated.updatedAt()).isAfter(created.updatedAt());
        assertThat(leads.get(created.id())).isEqualTo(updated);
    }

    @Test
    void updateThatChangesNothingKeepsTheEtag() {
        Lead created = leads.create(
                LeadFixtures.person("Ada", "Lovelace").owner("alice").build(), null);
        Lead same = leads.update(
                created.id(), LeadFields.builder().owner("alice").build(), EnumSet.of(PersonField.OWNER), "");
        assertThat(same.etag()).isEqualTo(created.etag());
    }

    @Test
    void theCurrentEtagSentWithoutItsQuotesIsCurrentAndAStaleOneStaysStale() {
        // `--etag "1"` typed in a shell arrives without the quotes the etag is written with
        Lead created = leads.create(
                LeadFixtures.person("Ada", "Lovelace").owner("alice").build(), null);
        String unquoted = created.etag().replace("\"", "");
        Lead updated = leads.update(
                created.id(), LeadFields.builder().owner("bob").build(), EnumSet.of(PersonField.OWNER), unquoted);
        assertThat(updated.fields().owner()).isEqualTo("bob");
        assertThatThrownBy(() -> leads.update(
                        created.id(),
                        LeadFields.builder().owner("carol").build(),
                        EnumSet.of(PersonField.OWNER),
                        unquoted))
                .isInstanceOf(StaleEtagException.class);
    }

    @Test
    void updateWithStaleEtagIsRejectedAndChangesNothing() {
        Lead created = leads.create(
                LeadFixtures.person("Ada", "Lovelace").owner("alice").build(), null);
        leads.update(created.id(), LeadFields.builder().owner("bob").build(), EnumSet.of(PersonField.OWNER), null);

        assertThatThrownBy(() -> leads.update(
                        created.id(),
                        LeadFields.builder().owner("carol").build(),
                        EnumSet.of(PersonField.OWNER),
                        created.etag()))
                .isInstanceOf(StaleEtagException.class);
        assertThat(leads.get(created.id()).fields().owner()).isEqualTo("bob");
    }

    @Test
    void concurrentUpdatesNeverLoseOneSilently() throws Exception {
        Lead created = leads.create(LeadFixtures.person("Ada", "Lovelace").build(), null);
        List<String> outcomes = Concurrently.run(6, () -> {
            String owner = "rep-" + Thread.currentThread().getId();
            try {
                leads.update(
                        created.id(),
                        LeadFields.builder().owner(owner).build(),
                        EnumSet.of(PersonField.OWNER),
                        created.etag());
                return owner;
            } catch (StaleEtagException e) {
                return "stale";
            }
        });

        List<String> winners = outcomes.stream().filter(o -> !o.equals("stale")).toList();
        assertThat(winners).hasSize(1);
        Lead stored = leads.get(created.id());
        assertThat(stored.fields().owner()).isEqualTo(winners.get(0));
        assertThat(stored.version()).isEqualTo(2);
    }

    @Test
    void updateCannotRemoveTheLastWayToReachTheLead() {
        Lead created =
                leads.create(LeadFields.builder().email("ada@example.com").build(), null);
        assertThatThrownBy(() ->
                        leads.update(created.id(), LeadFields.builder().build(), EnumSet.of(PersonField.EMAIL), null))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("lead.given_name", "lead.email", "lead.phone"));
    }

    @Test
    void aCallAsTheApiSendsItUpdatesTheMaskedOrSetFieldsAndNamesWhatIsWrong() {
        Lead created = leads.create(
                LeadFixtures.person("Ada", "Lovelace").owner("alice").build(), null);
        LeadFields changes =
                LeadFields.builder().owner("bob").notes("met at the expo").build();

        Lead set = leads.update(created.id().name(), changes, List.of(), EnumSet.of(PersonField.NOTES), null, false);
        Lead masked = leads.update(
                created.id().name(), changes, List.of("owner"), EnumSet.of(PersonField.NOTES), set.etag(), false);

        assertThat(set.fields().notes()).isEqualTo("met at the expo");
        assertThat(set.fields().owner()).isEqualTo("alice");
        assertThat(masked.fields().owner()).isEqualTo("bob");
        assertViolation(() -> leads.create(null, null), "lead", "required: the lead to create");
        assertViolation(
                () -> leads.update(
                        created.id().name(), null, List.of("owner"), EnumSet.noneOf(LeadField.class), null, false),
                "lead",
                "required: the lead with its name and new values");
        assertViolation(
                () -> leads.update("", changes, List.of("owner"), EnumSet.noneOf(LeadField.class), null, false),
                "lead.name",
                null);
        assertViolation(
                () -> leads.update(
                        created.id().name(), changes, List.of(), EnumSet.noneOf(LeadField.class), null, false),
                "update_mask",
                "nothing to update: name fields in update_mask or set them on the lead");
    }

    private static void assertViolation(Runnable call, String field, String description) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
            assertThat(e.violations()).extracting(v -> v.field()).containsExactly(field);
            if (description != null) {
                assertThat(e.violations().get(0).description()).isEqualTo(description);
            }
        });
    }

    @Test
    void archivedLeadsLeaveDefaultListsAndComeBackOnRestore() {
        Lead kept = leads.create(LeadFixtures.person("Kept", "Lead").build(), null);
        Lead archived = leads.archive(
                leads.create(LeadFixtures.person("Old", "Lead").build(), null).id(), null);

        assertThat(archived.archived()).isTrue();
        assertThat(leads.list("", "", false, 10, "").items())
                .extracting(Lead::id)
                .containsExactly(kept.id());
        assertThat(leads.list("", "", true, 10, "").items()).hasSize(2);
        assertThat(leads.archive(archived.id(), null)).isEqualTo(archived);
        assertThatThrownBy(() -> leads.update(
                        archived.id(), LeadFields.builder().owner("x").build(), EnumSet.of(PersonField.OWNER), null))
                .isInstanceOf(FailedPreconditionException.class);

        Lead restored = leads.restore(archived.id(), archived.etag());
        assertThat(restored.archived()).isFalse();
        assertThat(leads.list("", "", false, 10, "").items()).hasSize(2);
    }

    @Test
    void filtersCombineWithAnd() {
        Lead match = leads.create(
                LeadFixtures.person("Hot", "Alice")
                        .owner("alice")
                        .temperature(Temperature.HOT)
                        .source(LeadSource.REFERRAL)
                        .tags(List.of("vip"))
                        .build(),
                null);
        leads.create(
                LeadFixtures.person("Cold", "Alice")
                        .owner("alice")
                        .temperature(Temperature.COLD)
                        .source(LeadSource.REFERRAL)
                        .tags(List.of("vip"))
                        .build(),
                null);
        leads.create(
                LeadFixtures.person("Hot", "Bob")
                        .owner("bob")
                        .temperature(Temperature.HOT)
                        .source(LeadSource.REFERRAL)
                        .build(),
                null);
        leads.create(
                LeadFixtures.person("Hot", "NoTag")
                        .owner("alice")
                        .temperature(Temperature.HOT)
                        .source(LeadSource.REFERRAL)
                        .build(),
                null);

        Page<Lead> page = leads.list(
                "owner = \"alice\" AND temperature = hot AND status = NEW AND "
                        + "source = LEAD_SOURCE_REFERRAL AND tag = VIP",
                "",
                false,
                10,
                "");

        assertThat(page.items()).extracting(Lead::id).containsExactly(match.id());
    }

    @Test
    void everyOrderPagesThroughEachLeadExactlyOnce() {
        List<Lead> seeded = new ArrayList<>();
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            // 7 leads share every timestamp and 13 share every name: ties must be broken by id
            Instant at = base.plusSeconds(i / 7);
            LeadFields fields = LeadFixtures.person("Person", "N" + (i % 769))
                    .owner("team")
                    .source(LeadSource.PURCHASED_LIST)
                    .status(LeadStatus.NEW)
                    .temperature(Temperature.COLD)
                    .build();
            seeded.add(new Lead(new LeadId(UUID.randomUUID()), fields, at, at.plusSeconds(i % 11), null, 1));
        }
        new JooqLeadStore(database.dsl()).insertAll(seeded);
        Set<LeadId> all = new HashSet<>(seeded.stream().map(Lead::id).toList());

        for (String order : List.of("create_time", "create_time desc", "update_time", "display_name desc")) {
            List<LeadId> walked = walk("owner = team", order, 997);
            assertThat(walked).as(order).hasSize(10_000).doesNotHaveDuplicates();
            assertThat(new HashSet<>(walked)).as(order).isEqualTo(all);
            assertThat(walk("owner = team", order, 997))
                    .as("same order on a second walk: " + order)
                    .isEqualTo(walked);
        }
    }

    @Test
    void pageTokenOnlyContinuesTheQueryThatMadeIt() {
        for (int i = 0; i < 3; i++) {
            leads.create(LeadFixtures.person("P", "" + i).owner("alice").build(), null);
        }
        String token =
                leads.list("owner = alice", "", false, 1, "").nextPageToken().orElseThrow();

        assertThat(leads.list("owner = alice", "", false, 1, token).items()).hasSize(1);
        assertPageTokenRejected(() -> leads.list("owner = bob", "", false, 1, token), "another filter");
        assertPageTokenRejected(
                () -> leads.list("owner = alice", "create_time desc", false, 1, token), "another filter");
        assertPageTokenRejected(() -> leads.list("owner = alice", "", true, 1, token), "another filter");
        assertPageTokenRejected(() -> leads.list("owner = alice", "", false, 1, "garbage!!"), "not a page token");
        assertPageTokenRejected(() -> leads.list("owner = alice", "", false, 1, "Zm9vYmFy"), "not a page token");
    }

    @Test
    void badListArgumentsNameTheirField() {
        assertThatThrownBy(() -> leads.list("", "", false, -1, ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("page_size"));
        assertThatThrownBy(() -> leads.list("colour = red", "", false, 0, ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("filter"));
        assertThatThrownBy(() -> leads.list("", "priority", false, 0, ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("order_by"));
    }

    private List<LeadId> walk(String filter, String order, int pageSize) {
        List<LeadId> walked = new ArrayList<>();
        String token = "";
        do {
            Page<Lead> page = leads.list(filter, order, false, pageSize, token);
            page.items().forEach(l -> walked.add(l.id()));
            token = page.nextPageToken().orElse("");
        } while (!token.isEmpty());
        return walked;
    }

    private static void assertPageTokenRejected(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
            assertThat(e.violations().get(0).field()).isEqualTo("page_token");
            assertThat(e.violations().get(0).description()).contains(messagePart);
        });
    }
}
