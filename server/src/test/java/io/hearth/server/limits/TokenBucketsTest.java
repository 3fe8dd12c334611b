package io.hearth.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(5 * SECOND);

    @Test
    void aBurstIsTakenAtOnceThenCallsComeAtTheRateAndTheWaitIsWhenTheNextOneIs() {
        TokenBuckets buckets = new TokenBuckets(2, 3, now::get);

        assertThat(buckets.take("alice")).isZero();
        assertThat(buckets.take("alice")).isZero();
        assertThat(buckets.take("alice")).isZero();
        assertThat(buckets.take("alice")).isEqualTo(SECOND / 2);
        now.addAndGet(SECOND / 5);
        assertThat(buckets.take("alice")).as("refused calls take nothing").isEqualTo(3 * SECOND / 10);
        now.addAndGet(3 * SECOND / 10);
        assertThat(buckets.take("alice")).isZero();
        assertThat(buckets.take("alice")).isEqualTo(SECOND / 2);
    }

    @Test
    void eachCallerHasABucketOfItsOwn() {
        TokenBuckets buckets = new TokenBuckets(1, 1, now::get);

        assertThat(buckets.take("alice")).isZero();
        assertThat(buckets.take("alice")).isPositive();
        assertThat(buckets.take("bob")).isZero();
    }

    @Test
    void anIdleCallerRefillsOnlyUpToTheBurst() {
        TokenBuckets buckets = new TokenBuckets(10, 2, now::get);
        buckets.take("alice");
        now.addAndGet(3600 * SECOND);

        assertThat(buckets.take("alice")).isZero();
        assertThat(buckets.take("alice")).isZero();
        assertThat(buckets.take("alice")).isPositive();
    }

    @Test
    void bucketsOfCallersIdleLongEnoughToBeFullAreDroppedWhenTheMapGrows() {
        TokenBuckets buckets = new TokenBuckets(10, 20, now::get);
        for (int i = 0; i < TokenBuckets.SWEEP_ABOVE + 500; i++) {
            buckets.take("caller " + i);
        }
        assertThat(buckets.size()).isEqualTo(TokenBuckets.SWEEP_ABOVE + 500);

        now.addAndGet(2 * SECOND); // 20 calls at 10 per second: full again after 2 s
        buckets.take("busy");
        assertThat(buckets.size()).isEqualTo(1);
        buckets.take("busy");
        assertThat(buckets.take("busy")).as("a swept-in caller keeps its count").isZero();
    }
}
