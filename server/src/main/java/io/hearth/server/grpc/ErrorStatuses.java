package io.hearth.server.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import com.google.rpc.Status;
import io.hearth.core.error.AlreadyExistsException;
import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.HearthException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;

/** The one place that turns domain failures into rich gRPC statuses (AIP-193). */
final class ErrorStatuses {
    static final String DOMAIN = "hearth.io";

    private ErrorStatuses() {}

    static Status of(HearthException failure) {
        Status.Builder status = Status.newBuilder()
                .setCode(codeOf(failure).getNumber())
                .setMessage(failure.getMessage())
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason(failure.reason())
                        .setDomain(DOMAIN)
                        .build()));
        if (failure instanceof InvalidArgumentException invalid) {
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            for (FieldViolation v : invalid.violations()) {
                badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField(v.field())
                        .setDescription(v.description()));
            }
            status.addDetails(Any.pack(badRequest.build()));
        }
        if (failure instanceof NotFoundException notFound) {
            status.addDetails(Any.pack(ResourceInfo.newBuilder()
                    .setResourceName(notFound.resourceName())
                    .setDescription(notFound.getMessage())
                    .build()));
        }
        if (failure instanceof AlreadyExistsException conflict
                && conflict.existing().isPresent()) {
            status.addDetails(Any.pack(ResourceInfo.newBuilder()
                    .setResourceName(conflict.existing().get())
                    .setDescription(conflict.getMessage())
                    .build()));
        }
        return status.build();
    }

    static Status internal() {
        return Status.newBuilder()
                .setCode(Code.INTERNAL.getNumber())
                .setMessage("internal error; the server log has the details")
                .build();
    }

    /** Exhaustive over the sealed failures' kinds: javac refuses a kind without its code. */
    private static Code codeOf(HearthException failure) {
        return switch (failure.kind()) {
            case INVALID_ARGUMENT -> Code.INVALID_ARGUMENT;
            case NOT_FOUND -> Code.NOT_FOUND;
            case ALREADY_EXISTS -> Code.ALREADY_EXISTS;
            case ABORTED -> Code.ABORTED;
            case FAILED_PRECONDITION -> Code.FAILED_PRECONDITION;
            case PERMISSION_DENIED -> Code.PERMISSION_DENIED;
            case UNAUTHENTICATED -> Code.UNAUTHENTICATED;
            case RESOURCE_EXHAUSTED -> Code.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Code.UNAVAILABLE;
            case DEADLINE_EXCEEDED -> Code.DEADLINE_EXCEEDED;
            case CANCELLED -> Code.CANCELLED;
        };
    }
}
