package io.hearth.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Explains a failed call on stderr: one {@code error: CODE: description} line, then the field
 * violations and error reason the server attached as {@code google.rpc.Status} details. A
 * connection that TLS (or its absence) broke says what to change ({@link TlsFailures}).
 */
final class RpcErrors {

    private RpcErrors() {}

    /**
     * The same as one JSON object on one line, for {@code --output json}: {@code {"error": {"code":
     * "INVALID_ARGUMENT", "message": ..., "reason": ..., "domain": ..., "metadata": {...},
     * "fieldViolations": [{"field": ..., "description": ...}], "existing": ...}}}; a key whose
     * detail the server did not send is left out.
     */
    static void printJson(
            StatusRuntimeException failure,
            String server,
            ChannelSecurity.Mode security,
            Duration deadline,
            PrintWriter err) {
        Status status = failure.getStatus();
        com.google.rpc.Status details = StatusProto.fromThrowable(failure);
        boolean fromServer = details != null && details.getDetailsCount() > 0;
        ObjectNode error = CliErrors.JSON.objectNode();
        error.put("code", status.getCode().name());
        error.put("message", describe(status, fromServer, server, security, deadline));
        if (details != null) {
            ArrayNode violations = CliErrors.JSON.arrayNode();
            for (Any detail : details.getDetailsList()) {
                try {
                    if (detail.is(ErrorInfo.class)) {
                        ErrorInfo info = detail.unpack(ErrorInfo.class);
                        error.put("reason", info.getReason());
                        error.put("domain", info.getDomain());
                        ObjectNode metadata = error.putObject("metadata");
                        info.getMetadataMap().forEach(metadata::put);
                    } else if (detail.is(BadRequest.class)) {
                        detail.unpack(BadRequest.class)
                                .getFieldViolationsList()
                                .forEach(v -> violations
                                        .addObject()
                                        .put("field", v.getField())
                                        .put("description", v.getDescription()));
                    } else if (detail.is(ResourceInfo.class) && status.getCode() == Status.Code.ALREADY_EXISTS) {
                        error.put("existing", detail.unpack(ResourceInfo.class).getResourceName());
                    }
                } catch (InvalidProtocolBufferException e) {
                    // a garbled detail adds nothing to the code and message
                }
            }
            if (!violations.isEmpty()) {
                error.set("fieldViolations", violations);
            }
        }
        CliErrors.printJson(error, err);
    }

    static void print(
            StatusRuntimeException failure,
            String server,
            ChannelSecurity.Mode security,
            Duration deadline,
            PrintWriter err) {
        Status status = failure.getStatus();
        com.google.rpc.Status details = StatusProto.fromThrowable(failure);
        boolean fromServer = details != null && details.getDetailsCount() > 0;
        err.println("error: " + status.getCode() + ": " + describe(status, fromServer, server, security, deadline));
        if (details != null) {
            details.getDetailsList().forEach(detail -> printDetail(detail, err));
            if (status.getCode() == Status.Code.ALREADY_EXISTS) {
                details.getDetailsList().stream()
                        .filter(detail -> detail.is(ResourceInfo.class))
                        .forEach(detail -> printExisting(detail, err));
            }
        }
    }

    /**
     * @param fromServer whether the server answered with details: an UNAVAILABLE it sent itself
     *     (its database is away) says so, rather than that the server could not be reached
     */
    private static String describe(
            Status status, boolean fromServer, String server, ChannelSecurity.Mode security, Duration deadline) {
        return switch (status.getCode()) {
            case UNAVAILABLE ->
                fromServer && status.getDescription() != null
                        ? "Hearth server at " + server + ": " + status.getDescription()
                        : TlsFailures.explain(status, security)
                                .map(tls -> "Hearth server at " + server + tls)
                                .orElse("cannot reach Hearth server at " + server + reason(status));
            case DEADLINE_EXCEEDED ->
                "no answer from Hearth server at " + server + " within " + deadline.toSeconds() + "s";
            default -> status.getDescription() == null ? "(no description)" : status.getDescription();
        };
    }

    /** Why the server was unreachable: the transport's cause says more than "io exception". */
    private static String reason(Status status) {
        Throwable cause = status.getCause();
        while (cause != null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason = cause != null ? cause.getMessage() : status.getDescription();
        return reason == null ? "" : " (" + reason + ")";
    }

    /** The one that exists, alone on its line, so a script can pick it up. */
    private static void printExisting(Any detail, PrintWriter err) {
        try {
            err.println("  existing: " + detail.unpack(ResourceInfo.class).getResourceName());
        } catch (InvalidProtocolBufferException e) {
            // the status line already names it
        }
    }

    private static void printDetail(Any detail, PrintWriter err) {
        try {
            if (detail.is(BadRequest.class)) {
                for (BadRequest.FieldViolation violation :
                        detail.unpack(BadRequest.class).getFieldViolationsList()) {
                    err.println("  field " + violation.getField() + ": " + violation.getDescription());
                }
            } else if (detail.is(ErrorInfo.class)) {
                err.println("  reason: " + detail.unpack(ErrorInfo.class).getReason());
            }
        } catch (InvalidProtocolBufferException e) {
            // A garbled detail adds nothing to the status line, which is already printed.
        }
    }
}
