package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The text PostgreSQL's COPY reads for each kind of value. */
class BulkSqlCsvTest {
    @Test
    void nullIsNothingAndTextIsAlwaysQuoted() {
        assertThat(csv(null)).isEmpty();
        assertThat(csv("")).isEqualTo("\"\"");
        assertThat(csv("say \"hi\", then\nleave")).isEqualTo("\"say \"\"hi\"\", then\nleave\"");
    }

    @Test
    void timesKeepMicrosecondsAndTheirOffset() {
        assertThat(csv(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 6_000, ZoneOffset.UTC)))
                .isEqualTo("2026-01-02 03:04:05.000006Z");
        assertThat(csv(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(5, 30))))
                .isEqualTo("2026-01-02 03:04:05.000000+05:30");
    }

    @Test
    void numbersDatesBooleansAndIds() {
        assertThat(csv(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(csv(1.0E-4)).isEqualTo("1.0E-4");
        assertThat(csv((short) 7)).isEqualTo("7");
        assertThat(csv(Boolean.TRUE)).isEqualTo("true");
        assertThat(csv(LocalDate.of(2026, 12, 24))).isEqualTo("2026-12-24");
        assertThat(csv(new UUID(1, 2))).isEqualTo("00000000-0000-0001-0000-000000000002");
    }

    @Test
    void aTypeWithoutAKnownTextIsRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> csv(new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no COPY text");
    }

    private static String csv(Object value) {
        StringBuilder out = new StringBuilder();
        BulkSql.appendCsv(out, value);
        return out.toString();
    }
}
