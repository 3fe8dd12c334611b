package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.TestDatabases;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatabaseHealthTest {
    private final Database database = TestDatabases.hsqldb();
    private final DatabaseHealth health = new DatabaseHealth(database);

    @AfterEach
    void close() {
        health.close();
        database.close();
    }

    @Test
    void aCallAnsweredThatTheDatabaseIsUnavailableMarksItUnreachableAtOnceAndACheckMarksItBack() {
        assertThat(health.available()).isTrue();

        endACallWith(failure(Code.UNAVAILABLE, "DATABASE_UNAVAILABLE"));
        assertThat(health.available()).isFalse();

        health.check(); // this database never went away
        assertThat(health.available()).isTrue();
    }

    @Test
    void otherFailuresLeaveItReachable() {
        endACallWith(failure(Code.UNAVAILABLE, "SOMETHING_ELSE"));
        endACallWith(failure(Code.INTERNAL, "DATABASE_UNAVAILABLE"));
        // every pool connection in use: the server is loaded, the database answers
        endACallWith(failure(Code.UNAVAILABLE, "DATABASE_BUSY"));
        endACallWith(Status.UNAVAILABLE.withDescription("no details").asRuntimeException());

        assertThat(health.available()).isTrue();
    }

    private static StatusRuntimeException failure(Code code, String reason) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage("the database is unavailable; retry")
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason(reason)
                        .setDomain("hearth.io")
                        .build()))
                .build());
    }

    /** Runs a call through the health interceptor whose handler ends it with {@code failure}. */
    private void endACallWith(StatusRuntimeException failure) {
        List<Status> closed = new CopyOnWriteArrayList<>();
        health.interceptor().interceptCall(new RecordingCall(closed), new Metadata(), (call, headers) -> {
            call.close(failure.getStatus(), failure.getTrailers() == null ? new Metadata() : failure.getTrailers());
            return new ServerCall.Listener<>() {};
        });
        assertThat(closed)
                .extracting(Status::getCode)
                .containsExactly(failure.getStatus().getCode());
    }

    private static final class RecordingCall extends ServerCall<String, String> {
        private final List<Status> closed;

        RecordingCall(List<Status> closed) {
            this.closed = closed;
        }

        @Override
        public void request(int numMessages) {}

        @Override
        public void sendHeaders(Metadata headers) {}

        @Override
        public void sendMessage(String message) {}

        @Override
        public void close(Status status, Metadata trailers) {
            closed.add(status);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public MethodDescriptor<String, String> getMethodDescriptor() {
            throw new UnsupportedOperationException("not needed");
        }
    }
}
