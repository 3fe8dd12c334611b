package io.hearth.server.grpc;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** Java time values to and from {@code google.protobuf.Timestamp} and {@code Duration}. */
final class ProtoTimes {
    private ProtoTimes() {}

    static com.google.protobuf.Duration toProto(Duration duration) {
        return com.google.protobuf.Duration.newBuilder()
                .setSeconds(duration.getSeconds())
                .setNanos(duration.getNano())
                .build();
    }

    static Duration toDuration(com.google.protobuf.Duration proto) {
        return Duration.ofSeconds(proto.getSeconds(), proto.getNanos());
    }

    static Instant toInstant(Timestamp proto) {
        return Instant.ofEpochSecond(proto.getSeconds(), proto.getNanos());
    }

    static Timestamp toProto(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
