package io.hearth.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class ControlCharactersTest {
    @Test
    void oneLineValuesTakeNoControlCharacterAtAll() {
        assertThat(ControlCharacters.lineProblem("Ada Lovelace-Byron, Ph.D. \u00e9\u4e2d\ud83d\ude00"))
                .isNull();
        assertThat(ControlCharacters.lineProblem(null)).isNull();
        assertThat(ControlCharacters.lineProblem("Ada\u0000"))
                .isEqualTo("must not contain control characters, found U+0000 at position 4");
        assertThat(ControlCharacters.lineProblem("a\tb")).contains("U+0009");
        assertThat(ControlCharacters.lineProblem("a\u0085b")).contains("U+0085");
        assertThat(ControlCharacters.lineProblem("a\u007fb")).contains("U+007F");
    }

    @Test
    void multiLineTextTakesTabsAndLineBreaksOnly() {
        assertThat(ControlCharacters.textProblem("first\r\n\tsecond\nthird")).isNull();
        assertThat(ControlCharacters.textProblem("bell\u0007"))
                .isEqualTo(
                        "must not contain control characters other than tabs and line breaks, found U+0007 at position 5");
    }

    @Test
    void requireLineNamesTheField() {
        assertThatThrownBy(() -> ControlCharacters.requireLine("al\u001bice", "owner"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("owner"));
        assertThat(ControlCharacters.requireLine("alice", "owner")).isEqualTo("alice");
    }

    @Test
    void replacedKeepsTabsAndLineBreaksAndMarksTheRest() {
        assertThat(ControlCharacters.replaced("a\u0000b\tc\r\nd\u0085")).isEqualTo("a\uFFFDb\tc\r\nd\uFFFD");
        assertThat(ControlCharacters.replaced("plain")).isEqualTo("plain");
    }
}
