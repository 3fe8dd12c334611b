package io.hearth.cli;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import java.time.Instant;

/** Between protobuf timestamps and java.time; shown in UTC like {@code 2026-11-23T10:00:00Z}. */
final class Times {

    private Times() {}

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    static String format(Timestamp timestamp) {
        return Timestamps.toString(timestamp);
    }
}
