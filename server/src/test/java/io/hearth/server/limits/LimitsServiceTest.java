package io.hearth.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.persistence.TestDatabases;
import io.hearth.proto.v1.AdminServiceGrpc;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.CreateTokenRequest;
import io.hearth.proto.v1.ImportFileRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.QueueSnapshot;
import io.hearth.proto.v1.Role;
import io.hearth.proto.v1.WatchQueueRequest;
import io.hearth.server.CoreModule;
import io.hearth.server.GrpcModule;
import io.hearth.server.HearthServer;
import io.hearth.server.InProcessHearth;
import io.hearth.server.NettyTransportModule;
import io.hearth.server.config.LimitsConfig;
import io.hearth.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The limits through the real server wiring: rate, open streams and message size, each a clear error. */
@Timeout(60)
class LimitsServiceTest {
    private static final String ADMIN = "hth_limits-service-test-admin-token-01234";

    @Test
    void overTheRateACallIsRefusedResourceExhaustedWithWhenToRetryAndOtherTokensGoOn() throws Exception {
        LimitsConfig limits = new LimitsConfig(0.5, 3, 8, LimitsConfig.DEFAULT_MAX_MESSAGE_BYTES);
        try (InProcessHearth hearth = InProcessHearth.withLimits(Clock.systemUTC(), limits, Optional.of(ADMIN))) {
            String alice = AdminServiceGrpc.newBlockingStub(withToken(hearth, ADMIN))
                    .createToken(CreateTokenRequest.newBuilder()
                            .setUser("alice")
                            .setRole(Role.ROLE_ADMIN)
                            .build())
                    .getToken();
            LeadServiceGrpc.LeadServiceBlockingStub asAlice = LeadServiceGrpc.newBlockingStub(withToken(hearth, alice));
            for (int i = 0; i < 3; i++) {
                asAlice.listLeads(ListLeadsRequest.getDefaultInstance());
            }

            StatusRuntimeException refused =
                    catchStatus(() -> asAlice.listLeads(ListLeadsRequest.getDefaultInstance()));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(refused.getStatus().getDescription())
                    .startsWith("rate limit: token ")
                    .contains("more than 0.5 calls per second (bursts of 3)", "--rate-limit")
                    .doesNotContain(alice);
            com.google.rpc.Status details = StatusProto.fromThrowable(refused);
            assertThat(details.getDetailsList()).hasSize(2);
            ErrorInfo rateLimited = details.getDetails(0).unpack(ErrorInfo.class);
            assertThat(rateLimited.getReason()).isEqualTo(LimitsInterceptor.RATE_LIMITED);
            // the keys the README's error reasons table documents
            assertThat(rateLimited.getMetadataMap())
                    .containsOnlyKeys(ErrorReason.RATE_LIMITED.metadataKeys())
                    .containsEntry("burst", "3");
            RetryInfo retry = details.getDetails(1).unpack(RetryInfo.class);
            long retryNanos = retry.getRetryDelay().getSeconds() * 1_000_000_000L
                    + retry.getRetryDelay().getNanos();
            assertThat(retryNanos).as("the next call is at most 2 s away").isBetween(1L, 2_000_000_000L);
            assertThat(LeadServiceGrpc.newBlockingStub(withToken(hearth, ADMIN))
                            .listLeads(ListLeadsRequest.getDefaultInstance())
                            .getLeadsList())
                    .as("the admin token has a bucket of its own")
                    .isEmpty();
        }
    }

    @Test
    void callsAsFastAsTheyGoForASecondGetTheBurstPlusTheRateAndNoMore() throws Exception {
        LimitsConfig limits = new LimitsConfig(20, 5, 8, LimitsConfig.DEFAULT_MAX_MESSAGE_BYTES);
        try (InProcessHearth hearth = InProcessHearth.withLimits(Clock.systemUTC(), limits, Optional.of(ADMIN))) {
            LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(withToken(hearth, ADMIN));
            int admitted = 0;
            int refused = 0;
            long start = System.nanoTime();
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1)) {
                try {
                    leads.listLeads(ListLeadsRequest.getDefaultInstance());
                    admitted++;
                } catch (StatusRuntimeException e) {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    refused++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "[limits] 20/s, bursts of 5, for %.2f s: %d admitted, %d refused%n", seconds, admitted, refused);
            assertThat(admitted)
                    .isBetween((int) Math.floor(5 + 20 * seconds) - 3, (int) Math.ceil(5 + 20 * seconds) + 1);
            assertThat(refused).isPositive();
        }
    }

    @Test
    void callsWithTokensTheServerRefusesAreRateLimitedByTheirAddress() throws Exception {
        LimitsConfig limits = new LimitsConfig(0.5, 3, 8, LimitsConfig.DEFAULT_MAX_MESSAGE_BYTES);
        try (InProcessHearth hearth = InProcessHearth.withLimits(Clock.systemUTC(), limits, Optional.of(ADMIN))) {
            String guessed = "hth_" + "G".repeat(43);
            LeadServiceGrpc.LeadServiceBlockingStub guessing =
                    LeadServiceGrpc.newBlockingStub(withToken(hearth, guessed));
            for (int i = 0; i < 3; i++) {
                assertThat(catchStatus(() -> guessing.listLeads(ListLeadsRequest.getDefaultInstance()))
                                .getStatus()
                                .getCode())
                        .isEqualTo(Status.Code.UNAUTHENTICATED);
            }
            // another unknown token from the same address shares the bucket
            StatusRuntimeException refused =
                    catchStatus(() -> LeadServiceGrpc.newBlockingStub(withToken(hearth, "hth_" + "H".repeat(43)))
                            .listLeads(ListLeadsRequest.getDefaultInstance()));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(refused.getStatus().getDescription())
                    .startsWith("rate limit: local caller (with tokens the server refused) made more than")
                    .doesNotContain(guessed);
            com.google.rpc.Status details = StatusProto.fromThrowable(refused);
            RetryInfo retry = details.getDetails(1).unpack(RetryInfo.class);
            assertThat(retry.getRetryDelay().getSeconds() * 1_000_000_000L
                            + retry.getRetryDelay().getNanos())
                    .isBetween(1L, 2_000_000_000L);
            assertThat(LeadServiceGrpc.newBlockingStub(withToken(hearth, ADMIN))
                            .listLeads(ListLeadsRequest.getDefaultInstance())
                            .getLeadsList())
                    .as("a valid token counts against itself, not its address")
                    .isEmpty();
        }
    }

    @Test
    void callsWithoutATokenShareTheBucketOfTheirAddress() throws Exception {
        LimitsConfig limits = new LimitsConfig(0.5, 2, 8, LimitsConfig.DEFAULT_MAX_MESSAGE_BYTES);
        try (InProcessHearth hearth = InProcessHearth.withLimits(Clock.systemUTC(), limits, Optional.empty())) {
            LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
            leads.listLeads(ListLeadsRequest.getDefaultInstance());
            QueueServiceGrpc.newBlockingStub(hearth.channel())
                    .listQueue(io.hearth.proto.v1.ListQueueRequest.getDefaultInstance());

            assertThat(catchStatus(() -> leads.listLeads(ListLeadsRequest.getDefaultInstance()))
                            .getStatus()
                            .getDescription())
                    .startsWith("rate limit: local caller made more than");
        }
    }

    @Test
    void overTheStreamCapAStreamIsRefusedAndACancelledOneFreesItsSlot() throws Exception {
        LimitsConfig limits = new LimitsConfig(0, 1, 2, LimitsConfig.DEFAULT_MAX_MESSAGE_BYTES);
        try (InProcessHearth hearth = InProcessHearth.withLimits(Clock.systemUTC(), limits, Optional.of(ADMIN))) {
            Channel channel = withToken(hearth, ADMIN);
            Watch first = Watch.open(channel);
            Watch second = Watch.open(channel);
            first.awaitSnapshot();
            second.awaitSnapshot();

            Watch third = Watch.open(channel);
            Throwable refused = third.awaitEnd();
            assertThat(Status.fromThrowable(refused).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(Status.fromThrowable(refused).getDescription())
                    .startsWith("too many streams: token admin already has 2 streaming calls open")
                    .contains("--max-streams-per-token");
            ErrorInfo tooMany = StatusProto.fromThrowable(refused).getDetails(0).unpack(ErrorInfo.class);
            assertThat(tooMany.getReason()).isEqualTo(LimitsInterceptor.TOO_MANY_STREAMS);
            assertThat(tooMany.getMetadataMap())
                    .containsOnlyKeys(ErrorReason.TOO_MANY_STREAMS.metadataKeys())
                    .containsEntry("max_streams_per_token", "2");
            assertThat(LeadServiceGrpc.newBlockingStub(channel)
                            .listLeads(ListLeadsRequest.getDefaultInstance())
                            .getLeadsList())
                    .as("unary calls are not capped")
                    .isEmpty();

            first.cancel();
            LimitsInterceptor interceptor = hearth.get(LimitsInterceptor.class);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (interceptor.openStreams("token admin") > 1 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(interceptor.openStreams("token admin")).isEqualTo(1);
            Watch fourth = Watch.open(channel);
            fourth.awaitSnapshot();
            second.cancel();
            fourth.cancel();
        }
    }

    @Test
    void aRequestLargerThanTheLargestMessageIsRefusedResourceExhaustedNamingTheSizes(@TempDir Path dataDir)
            throws Exception {
        // the in-process transport does not count message sizes: this takes the server's own Netty transport
        LimitsConfig limits = new LimitsConfig(0, 1, 0, LimitsConfig.MIN_MAX_MESSAGE_BYTES);
        try (TestDatabases.TestDatabase database = TestDatabases.openHsqldb()) {
            ServerConfig config = new ServerConfig(
                            "127.0.0.1", 0, dataDir, database.database().config(), "US")
                    .withLimits(limits);
            HearthServer server = Guice.createInjector(
                            new CoreModule(config, database.database(), Clock.systemUTC()),
                            new GrpcModule(),
                            new NettyTransportModule(InsecureServerCredentials.create()))
                    .getInstance(HearthServer.class)
                    .start();
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port())
                    .usePlaintext()
                    .build();
            try {
                Lead huge = Lead.newBuilder()
                        .setGivenName("Ada")
                        .setNotes("x".repeat(LimitsConfig.MIN_MAX_MESSAGE_BYTES + 1))
                        .build();

                StatusRuntimeException refused = catchStatus(() -> LeadServiceGrpc.newBlockingStub(channel)
                        .createLead(CreateLeadRequest.newBuilder().setLead(huge).build()));

                assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                assertThat(refused.getStatus().getDescription())
                        .contains("exceeds maximum size " + LimitsConfig.MIN_MAX_MESSAGE_BYTES);
                assertThat(LeadServiceGrpc.newBlockingStub(channel)
                                .listLeads(ListLeadsRequest.getDefaultInstance())
                                .getLeadsList())
                        .as("the connection goes on serving")
                        .isEmpty();
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                server.stop(1);
            }
        }
    }

    @Test
    void anUploadInChunksOfTheCliIsWellBelowTheDefaultLargestMessage() {
        ImportFileRequest chunk = ImportFileRequest.newBuilder()
                .setChunk(ByteString.copyFrom(new byte[64 * 1024]))
                .build();
        assertThat(chunk.getSerializedSize()).isLessThan(LimitsConfig.DEFAULT_MAX_MESSAGE_BYTES / 32);
    }

    private static Channel withToken(InProcessHearth hearth, String token) {
        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(
                io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return io.grpc.ClientInterceptors.intercept(
                hearth.channel(), io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static StatusRuntimeException catchStatus(Runnable call) {
        List<StatusRuntimeException> caught = new ArrayList<>();
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, caught::add);
        return caught.get(0);
    }

    /** A WatchQueue stream of its own, cancellable by the client. */
    private static final class Watch implements StreamObserver<QueueSnapshot> {
        private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        private final Context.CancellableContext context = Context.current().withCancellation();

        static Watch open(Channel channel) {
            Watch watch = new Watch();
            watch.context.run(
                    () -> QueueServiceGrpc.newStub(channel).watchQueue(WatchQueueRequest.getDefaultInstance(), watch));
            return watch;
        }

        void awaitSnapshot() throws InterruptedException {
            assertThat(events.poll(10, TimeUnit.SECONDS)).isInstanceOf(QueueSnapshot.class);
        }

        Throwable awaitEnd() throws InterruptedException {
            Object event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).isInstanceOf(Throwable.class);
            return (Throwable) event;
        }

        void cancel() {
            context.cancel(null);
        }

        @Override
        public void onNext(QueueSnapshot snapshot) {
            events.add(snapshot);
        }

        @Override
        public void onError(Throwable error) {
            events.add(error);
        }

        @Override
        public void onCompleted() {
            events.add("completed");
        }
    }
}
