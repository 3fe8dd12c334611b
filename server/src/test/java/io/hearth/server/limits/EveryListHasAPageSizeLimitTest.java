package io.hearth.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.hearth.proto.v1.AdminServiceGrpc;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.SyncServiceGrpc;
import io.hearth.server.InProcessHearth;
import io.hearth.server.config.LimitsConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every RPC whose request has a {@code page_size}, found through the descriptors (so a new List RPC
 * is checked without a line here), refuses a negative one naming the field and takes a huge one
 * (lowered to the maximum, AIP-158) rather than reading without bound.
 */
@Timeout(120)
class EveryListHasAPageSizeLimitTest {
    private static final String ADMIN = "hth_every-list-page-size-admin-token-01234";
    private static final List<ServiceDescriptor> SERVICES = List.of(
            LeadServiceGrpc.getServiceDescriptor(),
            QueueServiceGrpc.getServiceDescriptor(),
            ContactServiceGrpc.getServiceDescriptor(),
            FollowUpServiceGrpc.getServiceDescriptor(),
            io.hearth.proto.v1.OpportunityServiceGrpc.getServiceDescriptor(),
            SyncServiceGrpc.getServiceDescriptor(),
            AdminServiceGrpc.getServiceDescriptor(),
            io.hearth.proto.v1.ServerServiceGrpc.getServiceDescriptor(),
            io.hearth.proto.v1.TeamServiceGrpc.getServiceDescriptor());

    @Test
    void aNegativePageSizeIsInvalidNamingItAndAHugeOneIsTaken() throws Exception {
        List<String> checked = new ArrayList<>();
        try (InProcessHearth hearth =
                InProcessHearth.withLimits(Clock.systemUTC(), LimitsConfig.UNLIMITED, Optional.of(ADMIN))) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + ADMIN);
            io.grpc.Channel channel = io.grpc.ClientInterceptors.intercept(
                    hearth.channel(), MetadataUtils.newAttachHeadersInterceptor(headers));
            for (ServiceDescriptor service : SERVICES) {
                for (MethodDescriptor<?, ?> method : service.getMethods()) {
                    Message prototype = prototype(method);
                    FieldDescriptor pageSize = prototype.getDescriptorForType().findFieldByName("page_size");
                    if (pageSize == null) {
                        continue;
                    }
                    checked.add(method.getBareMethodName());
                    FieldDescriptor parent = prototype.getDescriptorForType().findFieldByName("parent");
                    if (parent != null) {
                        // the only List RPC under a parent lists a sync run's rejected records
                        prototype = prototype.toBuilder()
                                .setField(parent, "syncRuns/01938c00-0000-7000-8000-000000000000")
                                .build();
                    }
                    Status negative = call(
                            channel,
                            method,
                            prototype.toBuilder().setField(pageSize, -1).build());
                    assertThat(negative.getCode())
                            .as(method.getFullMethodName())
                            .isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(negative.getDescription())
                            .as(method.getFullMethodName())
                            .contains("page_size");

                    Status huge = call(
                            channel,
                            method,
                            prototype.toBuilder().setField(pageSize, 1_000_000).build());
                    assertThat(huge.getCode())
                            .as(method.getFullMethodName() + ": " + huge.getDescription())
                            .isIn(Status.Code.OK, Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND);
                    if (huge.getCode() == Status.Code.INVALID_ARGUMENT) {
                        assertThat(huge.getDescription()).doesNotContain("page_size");
                    }
                }
            }
        }
        assertThat(checked)
                .as("the List RPCs found")
                .contains(
                        "ListLeads",
                        "ListContacts",
                        "ListQueue",
                        "ListTokens",
                        "ListSyncRuns",
                        "ListConnections",
                        "ListOpportunities")
                .hasSizeGreaterThanOrEqualTo(11);
    }

    private static Message prototype(MethodDescriptor<?, ?> method) {
        return (Message)
                ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller()).getMessagePrototype();
    }

    @SuppressWarnings("unchecked")
    private static Status call(io.grpc.Channel channel, MethodDescriptor<?, ?> method, Message request) {
        MethodDescriptor<Object, Object> any = (MethodDescriptor<Object, Object>) method;
        ClientCall<Object, Object> call =
                channel.newCall(any, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
        try {
            ClientCalls.blockingUnaryCall(call, request);
            return Status.OK;
        } catch (io.grpc.StatusRuntimeException e) {
            com.google.rpc.Status details = StatusProto.fromThrowable(e);
            StringBuilder violations = new StringBuilder();
            if (details != null) {
                for (var detail : details.getDetailsList()) {
                    if (detail.is(BadRequest.class)) {
                        try {
                            detail.unpack(BadRequest.class)
                                    .getFieldViolationsList()
                                    .forEach(v -> violations.append(" field ").append(v.getField()));
                        } catch (com.google.protobuf.InvalidProtocolBufferException impossible) {
                            throw new AssertionError(impossible);
                        }
                    }
                }
            }
            return e.getStatus().withDescription(e.getStatus().getDescription() + violations);
        }
    }
}
