package io.hearth.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.person.LeadSource;
import org.junit.jupiter.api.Test;

/** API enum values to domain constants. */
class EnumValuesTest {
    @Test
    void aKnownNameIsItsConstant() {
        assertThat(EnumValues.known(LeadSource.class, "WEB_FORM", "lead.source"))
                .isEqualTo(LeadSource.WEB_FORM);
    }

    @Test
    void aNameTheDomainLacksIsAValueThisServerDoesNotKnow() {
        for (String name : new String[] {"UNRECOGNIZED", "web_form", "", "CARRIER_PIGEON"}) {
            assertThatThrownBy(() -> EnumValues.known(LeadSource.class, name, "lead.source"))
                    .isInstanceOfSatisfying(
                            InvalidArgumentException.class,
                            e -> assertThat(e.violations())
                                    .containsExactly(new FieldViolation(
                                            "lead.source", "unknown enum value; this server does not know it")));
        }
    }
}
