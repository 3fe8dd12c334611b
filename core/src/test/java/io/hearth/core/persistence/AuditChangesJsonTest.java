package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.audit.FieldChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChangesJsonTest {
    @Test
    void changesComeBackAsWrittenInTheirOrder() {
        List<FieldChange> changes = List.of(
                new FieldChange("notes", "said \"no\"\n\\ then left", null),
                new FieldChange("email", null, "ada@example.com"),
                new FieldChange("given_name", "", "日本 🔥 \u0000 \u2028"));

        assertThat(AuditChangesJson.decode(AuditChangesJson.encode(changes))).isEqualTo(changes);
        assertThat(AuditChangesJson.decode(AuditChangesJson.encode(List.of()))).isEmpty();
    }

    @Test
    void aLongValueIsCutWithAMark() {
        String notes = "n".repeat(AuditChangesJson.MAX_VALUE + 5);

        FieldChange read = AuditChangesJson.decode(
                        AuditChangesJson.encode(List.of(new FieldChange("notes", notes, "short"))))
                .get(0);

        assertThat(read.oldValue()).hasSize(AuditChangesJson.MAX_VALUE).endsWith("n…");
        assertThat(read.newValue()).isEqualTo("short");
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String value = "a".repeat(AuditChangesJson.MAX_VALUE - 2) + "🔥🔥";

        String cut = AuditChangesJson.clip(value, AuditChangesJson.MAX_VALUE);

        assertThat(cut).isEqualTo("a".repeat(AuditChangesJson.MAX_VALUE - 2) + "…");
    }

    @Test
    void anEntryTooLargeForItsColumnHasItsValuesCutShorterUntilItFits() {
        List<FieldChange> changes = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            // control characters are written as six-character escapes
            changes.add(new FieldChange("field_" + i, "\u0001".repeat(20_000), "x".repeat(20_000)));
        }

        String text = AuditChangesJson.encode(changes);

        assertThat(text.length()).isLessThanOrEqualTo(AuditChangesJson.MAX_TEXT);
        List<FieldChange> read = AuditChangesJson.decode(text);
        assertThat(read)
                .extracting(FieldChange::field)
                .containsExactlyElementsOf(
                        changes.stream().map(FieldChange::field).toList());
        assertThat(read.get(79).newValue()).startsWith("xxx").endsWith("…");
    }

    @Test
    void textNotWrittenHereIsRefused() {
        assertThatThrownBy(() -> AuditChangesJson.decode("[[\"notes\", 1, null]]"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not as written");
        assertThatThrownBy(() -> AuditChangesJson.decode("{}")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AuditChangesJson.decode("[[null, \"a\", \"b\"]]"))
                .isInstanceOf(IllegalStateException.class);
    }
}
