package io.hearth.core.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {
    private final PhoneNumbers us = new PhoneNumbers("US");

    @ParameterizedTest
    @CsvSource({
        "'(415) 555-0100', +14155550100",
        "415.555.0100, +14155550100",
        "'+1 415 555 0100', +14155550100",
        "'+44 20 7946 0958', +442079460958",
        "'011 49 30 901820', +4930901820",
    })
    void normalizesToE164(String raw, String e164) {
        assertThat(us.toE164(raw)).isEqualTo(e164);
    }

    @Test
    void readsNationalNumbersInTheDefaultRegion() {
        assertThat(new PhoneNumbers("GB").toE164("020 7946 0958")).isEqualTo("+442079460958");
    }

    @Test
    void rejectsWhatIsNotAPhoneNumber() {
        assertThatThrownBy(() -> us.toE164("call me"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a phone number");
        assertThatThrownBy(() -> us.toE164("12")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> us.toE164("+1 415 555 0100 0100 99")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownRegionFailsAtConstruction() {
        assertThatThrownBy(() -> new PhoneNumbers("XX")).hasMessageContaining("unknown phone region");
    }
}
