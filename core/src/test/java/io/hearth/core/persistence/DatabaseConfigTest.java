package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {
    @Test
    void aCallWaitsThreeSecondsForAConnectionByDefault() {
        assertThat(new DatabaseConfig("jdbc:postgresql://db/hearth", "u", "p", 10).connectTimeout())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(DatabaseConfig.embedded(Path.of("data"), 10).connectTimeout())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theConnectTimeoutIsBetweenTheFloorOfThePoolAndFiveMinutes() {
        DatabaseConfig config = new DatabaseConfig("jdbc:postgresql://db/hearth", "u", "p", 10);

        assertThat(config.withConnectTimeout(Duration.ofMillis(250)).connectTimeout())
                .isEqualTo(Duration.ofMillis(250));
        assertThat(config.withConnectTimeout(Duration.ofMinutes(5)).connectTimeout())
                .isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> config.withConnectTimeout(Duration.ofMillis(249)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the database connect timeout must be between 250ms and 5 minutes, got 249ms");
        assertThatThrownBy(() -> config.withConnectTimeout(Duration.ofMinutes(5).plusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withConnectTimeout(Duration.ofSeconds(-3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withConnectTimeout(null)).isInstanceOf(NullPointerException.class);
    }
}
