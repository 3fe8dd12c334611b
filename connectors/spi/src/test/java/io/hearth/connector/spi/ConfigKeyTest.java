package io.hearth.connector.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {
    private final List<ConfigKey> keys = List.of(
            ConfigKey.required("path", ConfigType.PATH, "the file"),
            ConfigKey.optional("batch", ConfigType.INTEGER, "500", "rows per batch"),
            ConfigKey.optional("header", ConfigType.BOOLEAN, "true", "first row holds the names"),
            ConfigKey.secret("token", "API token"));

    @Test
    void completeConfigHasNoProblems() {
        assertThat(ConfigKey.check(keys, Map.of("path", "/x.csv", "batch", "10", "header", "FALSE", "token", "s3cr3t")))
                .isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsKey() {
        List<ConfigProblem> problems = ConfigKey.check(keys, Map.of("batch", "ten", "header", "yes", "tokn", "x"));

        assertThat(problems).extracting(ConfigProblem::key).containsExactly("path", "batch", "header", "token", "tokn");
        assertThat(problems.get(1).message()).contains("whole number").contains("'ten'");
        assertThat(problems.get(4).message()).contains("known keys: path, batch, header, token");
    }

    @Test
    void hugeValuesAndUnknownKeysAreEchoedAsShortExcerpts() {
        String huge = "HUGE" + "9x".repeat(20_000);

        List<ConfigProblem> problems =
                ConfigKey.check(keys, Map.of("path", "/x.csv", "token", "t", "batch", huge, huge, "1"));

        assertThat(problems).hasSize(2).allSatisfy(p -> {
            assertThat(p.key()).hasSizeLessThanOrEqualTo(40);
            assertThat(p.message()).hasSizeLessThan(120);
        });
        assertThat(problems.get(0).message()).containsOnlyOnce("HUGE");
    }

    @Test
    void valuesWithControlCharactersOtherThanTabAreRefused() {
        List<ConfigProblem> problems = ConfigKey.check(keys, Map.of("path", "/x\u0000.csv", "token", "t\tab"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("path");
            assertThat(p.message()).isEqualTo("must not contain control characters");
        });
    }

    @Test
    void malformedSecretIsNotEchoed() {
        ConfigKey pin = new ConfigKey("pin", ConfigType.INTEGER, true, null, true, "PIN");

        List<ConfigProblem> problems = ConfigKey.check(List.of(pin), Map.of("pin", "hunter2"));

        assertThat(problems)
                .singleElement()
                .satisfies(p -> assertThat(p.message()).doesNotContain("hunter2"));
    }

    @Test
    void defaultsApplyWhenAKeyIsAbsentOrBlank() {
        assertThat(keys.get(1).valueIn(Map.of())).contains("500");
        assertThat(keys.get(1).valueIn(Map.of("batch", " "))).contains("500");
        assertThat(keys.get(1).valueIn(Map.of("batch", "7"))).contains("7");
        assertThat(keys.get(0).valueIn(Map.of())).isEmpty();
    }

    @Test
    void redactionHidesSecretsAndUnknownKeys() {
        assertThat(ConfigKey.redact(keys, Map.of("path", "/x.csv", "token", "s3cr3t", "tokn", "typo")))
                .isEqualTo(Map.of("path", "/x.csv", "token", "***", "tokn", "***"));
    }

    @Test
    void defaultOfTheWrongTypeIsABug() {
        assertThatThrownBy(() -> ConfigKey.optional("n", ConfigType.INTEGER, "many", "doc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default of n");
    }
}
