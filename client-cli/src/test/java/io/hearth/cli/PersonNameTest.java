package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonNameTest {

    @ParameterizedTest
    @CsvSource({
        "leads/42, leads/42",
        "contacts/42, contacts/42",
        // a bare id is a lead's: the queue and the lead tables show leads so
        "42, leads/42",
        "' 0190b3c2-7f3a ', leads/0190b3c2-7f3a",
        "' contacts/7 ', contacts/7"
    })
    void takesNamesAndALeadsBareId(String given, String expected) {
        assertThat(PersonName.normalize(given)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "leads/", "contacts/", "followUps/42", "leads/42/notes", "contacts/4/2"})
    void refusesAnythingElse(String given) {
        assertThatThrownBy(() -> PersonName.normalize(given)).isInstanceOf(IllegalArgumentException.class);
    }
}
