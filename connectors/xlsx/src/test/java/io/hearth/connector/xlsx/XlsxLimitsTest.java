package io.hearth.connector.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounds on what a workbook may unzip to are config keys with defaults, checked before a sync. */
class XlsxLimitsTest {
    private static final long MiB = 1 << 20;
    private final XlsxConnector connector = new XlsxConnector();

    @Test
    void theBoundsAreDeclaredWithDefaults() {
        assertThat(connector.configKeys()).extracting(ConfigKey::name).contains("max_part_bytes", "max_cell_chars",
                "max_rows", "max_columns", "max_shared_strings", "max_shared_string_chars");
        assertThat(connector.configKeys()).filteredOn(k -> k.name().startsWith("max_"))
                .allSatisfy(k -> assertThat(k.required()).isFalse())
                .extracting(ConfigKey::defaultValue)
                .containsExactly("104857600", "32767", "1048576", "16384", "2097152", "67108864");
        assertThat(XlsxLimits.DEFAULTS).isEqualTo(new XlsxLimits(100 * MiB, 32_767, 1_048_576, 16_384, 2 * MiB, 64 * MiB));
    }

    @Test
    void boundsThatAreNotPositiveWholeNumbersAreConfigProblems() {
        Map<String, String> config = Map.of("path", "/tmp/x.xlsx", "max_part_bytes", "lots", "max_cell_chars", "0",
                "max_rows", "-5", "max_columns", "100");

        List<ConfigProblem> problems = connector.validate(config);

        assertThat(problems).extracting(ConfigProblem::key).containsExactly("max_part_bytes", "max_cell_chars",
                "max_rows");
        assertThat(problems).extracting(ConfigProblem::message).containsExactly("must be a whole number, got 'lots'",
                "must be a positive whole number, got '0'", "must be a positive whole number, got '-5'");
        assertThat(connector.validate(Map.of("path", "/tmp/x.xlsx", "max_rows", "10", "max_shared_strings", " 7 ")))
                .isEmpty();
    }
}
