package io.hearth.core.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonField;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadRulesTest {
    private final LeadRules rules = LeadFixtures.rules();

    @Test
    void fillsDefaultsAndCleansText() {
        LeadFields cleaned = rules.forCreate(LeadFields.builder()
                .givenName("  Ada ")
                .familyName("")
                .email(" ada@example.com ")
                .phone("415-555-0100")
                .tags(List.of(" VIP", "vip", "", "Q4"))
                .build());

        assertThat(cleaned.givenName()).isEqualTo("Ada");
        assertThat(cleaned.familyName()).isNull();
        assertThat(cleaned.email()).isEqualTo("ada@example.com");
        assertThat(cleaned.phone()).isEqualTo("+14155550100");
        assertThat(cleaned.tags()).containsExactly("vip", "q4");
        assertThat(cleaned.source()).isEqualTo(LeadSource.OTHER);
        assertThat(cleaned.status()).isEqualTo(LeadStatus.NEW);
        assertThat(cleaned.temperature()).isEqualTo(Temperature.COLD);
    }

    @Test
    void anyOneOfNameEmailOrPhoneIsEnough() {
        assertThat(rules.forCreate(LeadFields.builder().familyName("Lovelace").build())
                        .displayName())
                .isEqualTo("Lovelace");
        assertThat(rules.forCreate(LeadFields.builder().email("a@b.io").build()).displayName())
                .isEqualTo("a@b.io");
        assertThat(rules.forCreate(LeadFields.builder()
                                .phone("+44 20 7946 0958")
                                .company("Acme")
                                .build())
                        .displayName())
                .isEqualTo("Acme");
    }

    @Test
    void companyAloneIsNotALead() {
        assertThatThrownBy(() -> rules.forCreate(
                        LeadFields.builder().company("Acme").notes("  ").build()))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("given_name", "email", "phone"));
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        List<String> tooManyTags = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooManyTags.add("t" + i);
        }
        assertThatThrownBy(() -> rules.forCreate(LeadFields.builder()
                        .givenName("x".repeat(101))
                        .email("nope")
                        .phone("nope")
                        .status(LeadStatus.CONVERTED)
                        .tags(tooManyTags)
                        .build()))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactlyInAnyOrder("status", "given_name", "email", "phone", "tags"));
    }

    @Test
    void rejectsTagsWithOddCharacters() {
        assertThatThrownBy(() -> rules.forCreate(LeadFields.builder()
                        .givenName("Ada")
                        .tags(List.of("-lead"))
                        .build()))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("tags"));
    }

    @Test
    void statusMovesToOrFromConvertedOnlyByConversion() {
        LeadFields open = rules.forCreate(LeadFields.builder().givenName("Ada").build());
        LeadFields converted = open.toBuilder().status(LeadStatus.CONVERTED).build();

        assertThatThrownBy(() -> rules.forUpdate(open, converted)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> rules.forUpdate(converted, open)).isInstanceOf(InvalidArgumentException.class);
        assertThat(rules.forUpdate(
                                open,
                                open.toBuilder().status(LeadStatus.QUALIFIED).build())
                        .status())
                .isEqualTo(LeadStatus.QUALIFIED);
    }

    @Test
    void unsetEnumsInAnUpdateKeepThePreviousValue() {
        LeadFields previous = rules.forCreate(LeadFields.builder()
                .givenName("Ada")
                .source(LeadSource.REFERRAL)
                .temperature(Temperature.WARM)
                .build());
        LeadFields merged =
                previous.toBuilder().source(null).temperature(null).status(null).build();

        LeadFields result = rules.forUpdate(previous, merged);

        assertThat(result.source()).isEqualTo(LeadSource.REFERRAL);
        assertThat(result.temperature()).isEqualTo(Temperature.WARM);
        assertThat(result.status()).isEqualTo(LeadStatus.NEW);
    }

    @Test
    void maskCopiesOnlyNamedFields() {
        LeadFields base = LeadFields.builder()
                .givenName("Ada")
                .owner("alice")
                .title("CTO")
                .build();
        LeadFields changes =
                LeadFields.builder().givenName("Grace").owner("bob").title(null).build();

        LeadFields merged = base.with(changes, List.of(PersonField.OWNER, PersonField.TITLE));

        assertThat(merged.givenName()).isEqualTo("Ada");
        assertThat(merged.owner()).isEqualTo("bob");
        assertThat(merged.title()).isNull();
    }

    @Test
    void unknownMaskPathIsNamed() {
        assertThat(LeadFields.fromPaths(List.of("given_name", "tags"), "update_mask"))
                .containsExactlyInAnyOrder(PersonField.GIVEN_NAME, PersonField.TAGS);
        assertThatThrownBy(() -> LeadFields.fromPaths(List.of("etag"), "update_mask"))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.violations().get(0).field()).isEqualTo("update_mask");
                    assertThat(e.violations().get(0).description()).contains("'etag'");
                });
    }
}
