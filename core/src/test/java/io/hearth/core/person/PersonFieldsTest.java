package io.hearth.core.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.dedup.LeadMergeRules;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.Violations;
import io.hearth.core.lead.LeadFields;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonFieldsTest {
    private final PersonFieldCleaner cleaner = new PersonFieldCleaner(new PhoneNumbers("US"));

    @Test
    void leadsAndContactsHandOutAndTakeBackTheSameSharedFields() {
        PersonFields ada = new PersonFields(
                "Ada",
                "Lovelace",
                "Analytical",
                "CTO",
                "ada@example.com",
                "+14155550142",
                LeadSource.REFERRAL,
                "alice",
                "met at expo",
                List.of("vip"));
        LeadFields lead = LeadFields.builder().tags(List.of()).build().withPerson(ada);
        ContactFields contact = ContactFields.builder()
                .kind(ContactKind.PARTNER)
                .tags(List.of())
                .build()
                .withPerson(ada);

        assertThat(lead.person()).isEqualTo(ada);
        assertThat(contact.person()).isEqualTo(ada);
        assertThat(contact.kind()).isEqualTo(ContactKind.PARTNER);
        assertThat(lead.displayName()).isEqualTo(contact.displayName()).isEqualTo("Ada Lovelace");
    }

    @Test
    void oneCleaningRuleForEveryPersonReportingEachFieldInOrder() {
        Violations violations = new Violations();
        PersonFields cleaned = cleaner.clean(
                new PersonFields(
                        "  Ada ",
                        "x".repeat(101),
                        " ",
                        null,
                        "not-an-email",
                        "12",
                        null,
                        null,
                        "notes\n",
                        List.of("vip")),
                "lead",
                violations);

        assertThat(cleaned.givenName()).isEqualTo("Ada");
        assertThat(cleaned.company()).isNull();
        assertThatThrownBy(violations::throwIfAny)
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("family_name", "email", "phone"));
    }

    @Test
    void aPersonWithoutNameEmailOrPhoneIsNameless() {
        assertThat(new PersonFields(null, null, "Acme", null, null, null, null, "bob", null, List.of()).nameless())
                .isTrue();
        assertThat(new PersonFields(null, null, null, null, null, "+14155550142", null, null, null, List.of())
                        .nameless())
                .isFalse();
    }

    @Test
    void aMergeFillsTheSurvivorsGapsFromTheDuplicateOnceForLeadsAndContacts() {
        PersonFields survivor = new PersonFields(
                "Ann",
                "Lee",
                null,
                null,
                "ann@acme.com",
                null,
                LeadSource.WEB_FORM,
                null,
                "likes tea",
                List.of("expo"));
        PersonFields duplicate = new PersonFields(
                "Annie",
                "Lee",
                "Acme",
                "CFO",
                null,
                "+14155550142",
                LeadSource.REFERRAL,
                "bob",
                "prefers mornings",
                List.of("vip"));

        PersonFields merged = LeadMergeRules.person(survivor, duplicate, "leads/2");

        assertThat(merged.givenName()).isEqualTo("Ann");
        assertThat(merged.company()).isEqualTo("Acme");
        assertThat(merged.phone()).isEqualTo("+14155550142");
        assertThat(merged.tags()).containsExactly("expo", "vip");
        assertThat(merged.notes())
                .startsWith("likes tea")
                .contains("prefers mornings")
                .contains("leads/2");
    }
}
