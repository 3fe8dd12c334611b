package io.hearth.server.grpc;

import com.google.protobuf.Timestamp;
import io.hearth.core.resource.ApiTimes;
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

    /** @param field the request field, named when the duration is out of range */
    static Duration toDuration(com.google.protobuf.Duration proto, String field) {
        return ApiTimes.duration(proto.getSeconds(), proto.getNanos(), field);
    }

    /** @param field the request field, named when the time is out of range */
    static Instant toInstant(Timestamp proto, String field) {
        return ApiTimes.instant(proto.getSeconds(), proto.getNanos(), field);
    }

    static Timestamp toProto(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
