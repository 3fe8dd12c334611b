package io.hearth.server.grpc;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** {@link Instant} to and from {@code google.protobuf.Timestamp}. */
final class ProtoTimes {
    private ProtoTimes() {
    }

    static Timestamp toProto(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
