package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LeadNameTest {

    @ParameterizedTest
    @CsvSource({"42, leads/42", "leads/42, leads/42", "'  7f3a ', leads/7f3a"})
    void normalizesIdsAndNamesToTheResourceName(String given, String expected) {
        assertThat(LeadName.normalize(given)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "leads/", "contacts/42", "leads/42/notes"})
    void rejectsAnythingElse(String given) {
        assertThatThrownBy(() -> LeadName.normalize(given)).isInstanceOf(IllegalArgumentException.class);
    }
}
