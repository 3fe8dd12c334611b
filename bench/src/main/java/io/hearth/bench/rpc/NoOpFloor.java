package io.hearth.bench.rpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListQueueRequest;
import io.hearth.proto.v1.ListQueueResponse;
import io.hearth.proto.v1.LogTouchRequest;
import io.hearth.proto.v1.LogTouchResponse;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.UpdateLeadRequest;
import java.net.InetSocketAddress;

/**
 * The floor the RPC benchmark measures Hearth against: the same grpc-java Netty server with its
 * default executor, serving Hearth's own service definitions, but answering each call at once with
 * a tiny reply and no work. Whatever Hearth costs above this is Hearth's. Run in a JVM of its own
 * with the same options as the server; prints {@code listening on 127.0.0.1:PORT} like the server.
 */
public final class NoOpFloor {
    private NoOpFloor() {}

    public static void main(String[] args) throws Exception {
        // the same transport and default executor as the Hearth server, on loopback only
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new HealthStatusManager().getHealthService())
                .addService(new Leads())
                .addService(new FollowUps())
                .addService(new Queue())
                .build()
                .start();
        System.out.println("no-op floor listening on 127.0.0.1:" + server.getPort());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        server.awaitTermination();
    }

    private static final class Leads extends LeadServiceGrpc.LeadServiceImplBase {
        @Override
        public void getLead(GetLeadRequest request, StreamObserver<Lead> response) {
            response.onNext(Lead.newBuilder().setName(request.getName()).build());
            response.onCompleted();
        }

        @Override
        public void createLead(CreateLeadRequest request, StreamObserver<Lead> response) {
            response.onNext(Lead.newBuilder().setName("leads/1").build());
            response.onCompleted();
        }

        @Override
        public void updateLead(UpdateLeadRequest request, StreamObserver<Lead> response) {
            response.onNext(
                    Lead.newBuilder().setName(request.getLead().getName()).build());
            response.onCompleted();
        }
    }

    private static final class FollowUps extends FollowUpServiceGrpc.FollowUpServiceImplBase {
        @Override
        public void logTouch(LogTouchRequest request, StreamObserver<LogTouchResponse> response) {
            response.onNext(LogTouchResponse.newBuilder().build());
            response.onCompleted();
        }
    }

    private static final class Queue extends QueueServiceGrpc.QueueServiceImplBase {
        @Override
        public void listQueue(ListQueueRequest request, StreamObserver<ListQueueResponse> response) {
            response.onNext(ListQueueResponse.getDefaultInstance());
            response.onCompleted();
        }
    }
}
