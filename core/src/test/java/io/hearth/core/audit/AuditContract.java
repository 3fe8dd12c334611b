package io.hearth.core.audit;

import static io.hearth.core.persistence.generated.Tables.AUDIT_CHANGE;
import static io.hearth.core.persistence.generated.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.HearthCore;
import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.IssuedToken;
import io.hearth.core.auth.NewToken;
import io.hearth.core.auth.Principal;
import io.hearth.core.auth.Role;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.error.PermissionDeniedException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadWriteStep;
import io.hearth.core.lead.Temperature;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonField;
import io.hearth.core.priority.Bant;
import io.hearth.core.priority.Qualification;
import io.hearth.core.priority.QualificationField;
import io.hearth.core.priority.ReferralKind;
import io.hearth.core.priority.RuleProbability;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every lead and contact write leaves an audit entry in its own transaction: who (user and token),
 * which RPC, which resource, and each changed field's old and new value. Run against each database
 * by a subclass.
 */
abstract class AuditContract {
    private TestDatabase testDatabase;
    private final AtomicReference<Optional<Principal>> principal = new AtomicReference<>(Optional.empty());
    private final AtomicBoolean failWrites = new AtomicBoolean();
    private HearthCore core;
    private CurrentCaller caller;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        caller = new CurrentCaller() {
            @Override
            public Optional<Principal> principal() {
                return principal.get();
            }

            @Override
            public Optional<String> method() {
                return Optional.of("hearth.v1.LeadService/Test");
            }
        };
        LeadWriteStep failing = (lead, grade) -> {
            if (failWrites.get()) {
                throw new IllegalStateException("a later step of the write failed");
            }
            return lead;
        };
        core = HearthCore.on(testDatabase.database())
                .probability(new RuleProbability())
                .caller(caller)
                .leadWriteSteps(List.of(failing))
                .build();
        principal.set(Optional.of(new Principal("alice", Role.REP, Optional.of("east"), "t-alice")));
    }

    @AfterEach
    void close() {
        if (testDatabase != null) { // null when the test was skipped (no PostgreSQL configured)
            testDatabase.close();
        }
    }

    @Test
    void aCreateAndAnUpdateAreRecordedWithWhoWhatAndTheValues() {
        Lead lead = core.leads()
                .create(
                        LeadFields.builder()
                                .givenName("Ada")
                                .email("ada@example.com")
                                .build(),
                        null);
        core.leads()
                .update(
                        lead.id(),
                        LeadFields.builder().email("ada@engines.example").build(),
                        Set.of(PersonField.EMAIL),
                        lead.etag());

        List<AuditEntry> entries = readAsAdmin(lead.id().name(), null);
        assertThat(entries).extracting(AuditEntry::action).containsExactly("update", "create");
        AuditEntry update = entries.get(0);
        assertThat(update.user()).isEqualTo("alice");
        assertThat(update.tokenId()).isEqualTo("t-alice");
        assertThat(update.method()).isEqualTo("hearth.v1.LeadService/Test");
        assertThat(update.changes())
                .containsExactly(new FieldChange("email", "ada@example.com", "ada@engines.example"));
        assertThat(entries.get(1).changes())
                .contains(new FieldChange("given_name", null, "Ada"), new FieldChange("owner", null, "alice"));
    }

    @Test
    void aCreateIsRecordedWithTheTemperatureItWasRatedAndStoredWith() {
        // the product's own write steps (rating, queueing), not this contract's failing one
        HearthCore rating = HearthCore.on(testDatabase.database())
                .probability(new RuleProbability())
                .caller(caller)
                .build();
        Lead lead = rating.leads()
                .create(
                        LeadFields.builder()
                                .givenName("Ada")
                                .email("ada@example.com")
                                .source(LeadSource.WEB_FORM)
                                .build(),
                        null);
        Temperature stored = rating.leads().get(lead.id()).fields().temperature();

        AuditEntry create = readAsAdmin(lead.id().name(), null).get(0);
        assertThat(create.action()).isEqualTo("create");
        assertThat(create.changes()).contains(new FieldChange("temperature", null, stored.name()));
        // what the rules give before rating: the entry would have shown that
        assertThat(stored).isNotEqualTo(Temperature.COLD);
    }

    @Test
    void aWriteThatFailsLaterInItsTransactionLeavesNoEntry() {
        Lead lead = core.leads().create(LeadFields.builder().givenName("Ada").build(), null);
        failWrites.set(true);

        assertThatThrownBy(() -> core.leads()
                        .update(lead.id(), LeadFields.builder().notes("x").build(), Set.of(PersonField.NOTES), null))
                .hasMessageContaining("a later step");
        assertThat(readAsAdmin(lead.id().name(), null))
                .extracting(AuditEntry::action)
                .containsExactly("create");
    }

    @Test
    void entriesAreFoundByUserAndOnlyAnAdminReadsThem() {
        core.contacts()
                .create(ContactFields.builder()
                        .company("Acme")
                        .kind(ContactKind.SUPPLIER)
                        .build());
        principal.set(Optional.of(new Principal("bob", Role.REP, Optional.of("east"), "t-bob")));
        core.leads().create(LeadFields.builder().givenName("Bea").build(), null);

        assertThat(readAsAdmin(null, "alice"))
                .extracting(AuditEntry::resource)
                .allMatch(r -> r.startsWith("contacts/"));
        assertThat(readAsAdmin(null, "bob")).extracting(AuditEntry::resource).allMatch(r -> r.startsWith("leads/"));
        principal.set(Optional.of(new Principal("bob", Role.REP, Optional.of("east"), "t-bob")));
        assertThatThrownBy(() -> core.audit().list(null, "alice", 10, ""))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void aWriteThatChangesNothingLeavesNoEntry() {
        Lead lead = core.leads()
                .create(LeadFields.builder().givenName("Ada").notes("x").build(), null);
        core.leads().update(lead.id(), LeadFields.builder().notes("x").build(), Set.of(PersonField.NOTES), null);

        assertThat(readAsAdmin(lead.id().name(), null)).hasSize(1);
    }

    @Test
    void aQualificationEditAndATemperatureOverrideAreRecordedWithOldAndNewValues() {
        Lead lead = core.leads().create(LeadFields.builder().givenName("Ada").build(), null);
        core.qualifications()
                .qualify(
                        lead.id(),
                        new Qualification(null, null, ReferralKind.NONE, Bant.UNKNOWN, "budget in Q3", 2),
                        Set.of(QualificationField.NOTE, QualificationField.LEAD_LEVEL),
                        null);
        core.overrides().override(lead.id(), Temperature.HOT, "called twice today", "alice");
        core.overrides().override(lead.id(), null, null, null);

        List<AuditEntry> entries = readAsAdmin(lead.id().name(), null);
        assertThat(entries)
                .extracting(AuditEntry::action)
                .containsExactly("override temperature", "override temperature", "qualify", "create");
        assertThat(entries.get(2).changes())
                .containsExactlyInAnyOrder(
                        new FieldChange("note", null, "budget in Q3"), new FieldChange("lead_level", "0", "2"));
        assertThat(entries.get(1).changes())
                .contains(
                        new FieldChange("grade", null, "HOT"),
                        new FieldChange("reason", null, "called twice today"),
                        new FieldChange("by", null, "alice"));
        assertThat(entries.get(0).changes()).contains(new FieldChange("grade", "HOT", null));
        assertThat(entries.get(0).user()).isEqualTo("alice");
    }

    @Test
    void aTokenMadeAndRevokedIsRecordedNeverWithItsSecret() {
        Optional<Principal> root = Optional.of(new Principal("root", Role.ADMIN, Optional.empty(), "t-root"));
        principal.set(root);
        IssuedToken issued =
                core.apiTokens().create(root, new NewToken("bob", Role.REP, Optional.of("east"), Optional.empty()));
        core.apiTokens().revoke(root, issued.token().id());

        List<AuditEntry> entries = readAsAdmin("tokens/" + issued.token().id(), null);
        assertThat(entries).extracting(AuditEntry::action).containsExactly("revoke", "create");
        assertThat(entries.get(1).user()).isEqualTo("root");
        assertThat(entries.get(1).changes())
                .contains(
                        new FieldChange("user", null, "bob"),
                        new FieldChange("role", null, "rep"),
                        new FieldChange("team", null, "east"));
        assertThat(entries.get(0).changes()).extracting(FieldChange::field).containsExactly("revoked_at");
        assertThat(entries.toString()).doesNotContain(issued.secret());
    }

    @Test
    void anEntryKeepsEveryCharacterOfItsValuesAndTheOrderOfItsFields() {
        String notes = "said \"call me\" \\ then\nleft\t— 日本 🔥 ' ; -- ]";
        Lead lead = core.leads().create(LeadFields.builder().givenName("Ada").build(), null);
        core.leads()
                .update(
                        lead.id(),
                        LeadFields.builder().title("Countess").notes(notes).build(),
                        Set.of(PersonField.TITLE, PersonField.NOTES),
                        null);

        AuditEntry update = readAsAdmin(lead.id().name(), null).get(0);
        assertThat(update.changes())
                .containsExactly(new FieldChange("title", null, "Countess"), new FieldChange("notes", null, notes));
    }

    @Test
    void entriesWrittenBeforeTheirChangesMovedIntoTheEntryAreReadWithTheirChanges() {
        Lead lead = core.leads().create(LeadFields.builder().givenName("Ada").build(), null);
        // as V16 to V30 wrote an entry: its changed fields as rows of audit_change
        UUID older = UUID.fromString("00000000-0000-7000-8000-000000000001");
        DSLContext dsl = testDatabase.database().dsl();
        dsl.insertInto(AUDIT_ENTRY)
                .set(AUDIT_ENTRY.ID, older)
                .set(AUDIT_ENTRY.OCCURRED_AT, OffsetDateTime.parse("2026-11-01T09:00:00Z"))
                .set(AUDIT_ENTRY.USER_NAME, "carol")
                .set(AUDIT_ENTRY.RESOURCE, lead.id().name())
                .set(AUDIT_ENTRY.ACTION, "update")
                .execute();
        dsl.insertInto(AUDIT_CHANGE)
                .columns(
                        AUDIT_CHANGE.ENTRY_ID,
                        AUDIT_CHANGE.SEQ,
                        AUDIT_CHANGE.FIELD,
                        AUDIT_CHANGE.OLD_VALUE,
                        AUDIT_CHANGE.NEW_VALUE)
                .values(older, 1, "notes", "a", null)
                .values(older, 0, "email", null, "ada@example.com")
                .execute();
        core.leads().update(lead.id(), LeadFields.builder().notes("b").build(), Set.of(PersonField.NOTES), null);

        List<AuditEntry> entries = readAsAdmin(lead.id().name(), null);
        assertThat(entries).extracting(AuditEntry::action).containsExactly("update", "create", "update");
        assertThat(entries.get(0).changes()).containsExactly(new FieldChange("notes", null, "b"));
        assertThat(entries.get(2).user()).isEqualTo("carol");
        assertThat(entries.get(2).changes())
                .containsExactly(
                        new FieldChange("email", null, "ada@example.com"), new FieldChange("notes", "a", null));
    }

    private List<AuditEntry> readAsAdmin(String resource, String user) {
        Optional<Principal> was =
                principal.getAndSet(Optional.of(new Principal("root", Role.ADMIN, Optional.empty(), "t-root")));
        try {
            return core.audit().list(resource, user, 100, "").items();
        } finally {
            principal.set(was);
        }
    }
}
