package io.hearth.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {
    @Test
    void idsAreVersion7AndSortByCreationTime() {
        UUID earlier = new TimeOrderedIds(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).next();
        UUID later = new TimeOrderedIds(Clock.fixed(Instant.parse("2026-01-01T00:00:00.001Z"), ZoneOffset.UTC)).next();

        assertThat(earlier.version()).isEqualTo(7);
        assertThat(earlier.variant()).isEqualTo(2);
        assertThat(earlier.toString()).isLessThan(later.toString());
        assertThat(earlier.getMostSignificantBits() >>> 16)
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void idsMadeInTheSameMillisecondDiffer() {
        TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        assertThat(ids.next()).isNotEqualTo(ids.next());
    }

    @Test
    void idsMadeInOneMillisecondSortInTheOrderTheyWereMade() {
        Instant now = Instant.parse("2026-12-06T20:00:00Z");
        TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(now, ZoneOffset.UTC));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next().toString());
        }
        // as text: the order of the bytes, which is how both databases order a UUID column
        assertThat(made).isSorted().doesNotHaveDuplicates();
        UUID last = UUID.fromString(made.get(made.size() - 1));
        assertThat(last.version()).isEqualTo(7);
        assertThat(last.variant()).isEqualTo(2);
        assertThat(last.getMostSignificantBits() >>> 16).isBetween(now.toEpochMilli(), now.toEpochMilli() + 1);
    }

    @Test
    void aClockThatStepsBackDoesNotReorderTheIds() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T20:00:01Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        TimeOrderedIds ids = new TimeOrderedIds(clock);
        String before = ids.next().toString();
        now.set(Instant.parse("2026-12-06T20:00:00Z"));
        String after = ids.next().toString();
        now.set(Instant.parse("2026-12-06T20:00:02Z"));
        String later = ids.next().toString();

        assertThat(List.of(before, after, later)).isSorted().doesNotHaveDuplicates();
    }
}
