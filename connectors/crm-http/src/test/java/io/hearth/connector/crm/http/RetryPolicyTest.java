package io.hearth.connector.crm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy exact = RetryPolicy.DEFAULT.withJitter(0);

    @Test
    void defaultsAreBounded() {
        assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(6);
        assertThat(RetryPolicy.DEFAULT.maxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryPolicy.DEFAULT.maxTotalWait()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void backoffDoublesUpToItsCapWithoutOverflow() {
        SplittableRandom random = new SplittableRandom(1);

        assertThat(exact.backoff(1, random)).isEqualTo(Duration.ofSeconds(1));
        assertThat(exact.backoff(2, random)).isEqualTo(Duration.ofSeconds(2));
        assertThat(exact.backoff(5, random)).isEqualTo(Duration.ofSeconds(16));
        assertThat(exact.backoff(6, random)).isEqualTo(Duration.ofSeconds(30));
        assertThat(exact.backoff(1000, random)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterOnlyShortensAndStaysWithinItsFraction() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(RetryPolicy.DEFAULT.backoff(3, random)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        }
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withMaxAttempts(0)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withJitter(1.5)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .hasMessageContaining("exceeds maxBackoff");
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withMaxWait(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("maxWait must be positive");
    }
}
