package io.hearth.server.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import com.google.rpc.Status;
import io.hearth.core.error.AlreadyExistsException;
import io.hearth.core.error.CancelledException;
import io.hearth.core.error.DatabaseUnavailableException;
import io.hearth.core.error.DeadlineExceededException;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.HearthException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.PermissionDeniedException;
import io.hearth.core.error.ResourceExhaustedException;
import io.hearth.core.error.StaleEtagException;

/** The one place that turns domain failures into rich gRPC statuses (AIP-193). */
final class ErrorStatuses {
    static final String DOMAIN = "hearth.io";

    private ErrorStatuses() {
    }

    static Status of(HearthException failure) {
        Status.Builder status = Status.newBuilder()
                .setCode(codeOf(failure).getNumber())
                .setMessage(failure.getMessage())
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(failure.reason()).setDomain(DOMAIN).build()));
        if (failure instanceof InvalidArgumentException invalid) {
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            for (FieldViolation v : invalid.violations()) {
                badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField(v.field()).setDescription(v.description()));
            }
            status.addDetails(Any.pack(badRequest.build()));
        }
        if (failure instanceof NotFoundException notFound) {
            status.addDetails(Any.pack(ResourceInfo.newBuilder()
                    .setResourceName(notFound.resourceName())
                    .setDescription(notFound.getMessage()).build()));
        }
        if (failure instanceof AlreadyExistsException conflict && conflict.existing().isPresent()) {
            status.addDetails(Any.pack(ResourceInfo.newBuilder()
                    .setResourceName(conflict.existing().get())
                    .setDescription(conflict.getMessage()).build()));
        }
        return status.build();
    }

    static Status internal() {
        return Status.newBuilder()
                .setCode(Code.INTERNAL.getNumber())
                .setMessage("internal error; the server log has the details")
                .build();
    }

    private static Code codeOf(HearthException failure) {
        if (failure instanceof InvalidArgumentException) {
            return Code.INVALID_ARGUMENT;
        }
        if (failure instanceof NotFoundException) {
            return Code.NOT_FOUND;
        }
        if (failure instanceof StaleEtagException) {
            return Code.ABORTED;
        }
        if (failure instanceof AlreadyExistsException) {
            return Code.ALREADY_EXISTS;
        }
        if (failure instanceof FailedPreconditionException) {
            return Code.FAILED_PRECONDITION;
        }
        if (failure instanceof PermissionDeniedException) {
            return Code.PERMISSION_DENIED;
        }
        if (failure instanceof ResourceExhaustedException) {
            return Code.RESOURCE_EXHAUSTED;
        }
        if (failure instanceof DatabaseUnavailableException) {
            return Code.UNAVAILABLE;
        }
        if (failure instanceof DeadlineExceededException) {
            return Code.DEADLINE_EXCEEDED;
        }
        if (failure instanceof CancelledException) {
            return Code.CANCELLED;
        }
        throw new IllegalArgumentException("no status code for " + failure.getClass().getName());
    }
}
