package io.hearth.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the rich error statuses Hearth answers with. */
final class GrpcAssertions {
    private GrpcAssertions() {}

    /** The call fails with INVALID_ARGUMENT naming exactly {@code fields}. */
    static void assertInvalid(ThrowingCallable call, String... fields) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(errorReason(e)).isEqualTo("INVALID_ARGUMENT");
            assertThat(badRequestFields(e)).containsExactlyInAnyOrder(fields);
        });
    }

    static void assertCode(ThrowingCallable call, Status.Code code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }

    static List<String> badRequestFields(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream()
                .filter(any -> any.is(BadRequest.class))
                .flatMap(any -> unpack(any, BadRequest.class).getFieldViolationsList().stream())
                .map(BadRequest.FieldViolation::getField)
                .toList();
    }

    static String errorReason(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream()
                .filter(any -> any.is(ErrorInfo.class))
                .map(any -> unpack(any, ErrorInfo.class).getReason())
                .findFirst()
                .orElse("");
    }

    /** The resource a ResourceInfo detail names, empty without one. */
    static String resourceName(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream()
                .filter(any -> any.is(ResourceInfo.class))
                .map(any -> unpack(any, ResourceInfo.class).getResourceName())
                .findFirst()
                .orElse("");
    }

    private static <T extends Message> T unpack(Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
