package io.hearth.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExceptionStatusInterceptorTest {
    private Server server;
    private ManagedChannel channel;

    private LeadServiceGrpc.LeadServiceBlockingStub serve(RuntimeException failure) throws Exception {
        String name = InProcessServerBuilder.generateName();
        LeadServiceGrpc.LeadServiceImplBase throwing = new LeadServiceGrpc.LeadServiceImplBase() {
            @Override
            public void getLead(GetLeadRequest request, StreamObserver<Lead> response) {
                throw failure;
            }
        };
        server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(ServerInterceptors.intercept(throwing, new ExceptionStatusInterceptor()))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        return LeadServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void unexpectedFailuresBecomeInternalWithoutLeakingTheirMessage() throws Exception {
        LeadServiceGrpc.LeadServiceBlockingStub stub = serve(new IllegalStateException("db password is hunter2"));

        assertThatThrownBy(() -> stub.getLead(GetLeadRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                    assertThat(e.getStatus().getDescription()).doesNotContain("hunter2");
                });
    }

    @Test
    void businessRuleFailuresBecomeFailedPreconditionWithTheirMessage() throws Exception {
        LeadServiceGrpc.LeadServiceBlockingStub stub = serve(
                new FailedPreconditionException(ErrorReason.LEAD_ARCHIVED, "leads/x is archived; restore it first"));

        assertThatThrownBy(() -> stub.getLead(GetLeadRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).isEqualTo("leads/x is archived; restore it first");
                });
    }
}
