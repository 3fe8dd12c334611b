package io.hearth.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.ImportFileHeader;
import io.hearth.proto.v1.ImportFileRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.SyncServiceGrpc;
import io.hearth.server.InProcessHearth;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Bytes that are no request message, sent raw through the real service definitions: each is
 * INVALID_ARGUMENT with one log line, where grpc-java alone answered UNKNOWN and logged a stack trace.
 */
class UnparseableRequestTest {
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<byte[], byte[]> CREATE_LEAD = raw(LeadServiceGrpc.getCreateLeadMethod());
    private static final MethodDescriptor<byte[], byte[]> IMPORT_FILE = raw(SyncServiceGrpc.getImportFileMethod());

    private final Logger logger = (Logger) LoggerFactory.getLogger(UnparseableRequests.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private InProcessHearth hearth;

    @BeforeEach
    void start() throws Exception {
        events.start();
        logger.addAppender(events);
        hearth = new InProcessHearth(Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        logger.detachAppender(events);
        hearth.close();
    }

    @Test
    void invalidUtf8InAStringFieldIsAnInvalidArgument() {
        // lead { given_name: 0xC3 0x28 }: a two-byte sequence cut short
        byte[] request = {0x0A, 0x04, 0x22, 0x02, (byte) 0xC3, 0x28};

        assertRefused(request, "invalid UTF-8");
    }

    @Test
    void truncatedBytesAreAnInvalidArgument() {
        byte[] whole = CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName("Ada")
                        .setFamilyName("Lovelace")
                        .setEmail("ada@example.com"))
                .build()
                .toByteArray();

        assertRefused(Arrays.copyOf(whole, whole.length - 5), "input ended unexpectedly");
    }

    @Test
    void nestingDeeperThanTheRecursionLimitIsAnInvalidArgument() {
        // 1,000 groups of unknown field 15, one inside the other: protobuf stops at 100
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            request.write(15 << 3 | 3);
        }
        for (int i = 0; i < 1000; i++) {
            request.write(15 << 3 | 4);
        }

        assertRefused(request.toByteArray(), "too many levels of nesting");
    }

    @Test
    void wellFormedBytesStillReachTheService() throws Exception {
        byte[] request = CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder().setGivenName("Ada"))
                .build()
                .toByteArray();

        Lead created = Lead.parseFrom(
                ClientCalls.blockingUnaryCall(hearth.channel(), CREATE_LEAD, CallOptions.DEFAULT, request));

        assertThat(created.getGivenName()).isEqualTo("Ada");
        assertThat(events.list).isEmpty();
    }

    @Test
    void aStreamThatTurnsUnparseableIsRefusedAndTheUploadEnds() throws Exception {
        CompletableFuture<Status> closed = new CompletableFuture<>();
        StreamObserver<byte[]> upload = ClientCalls.asyncBidiStreamingCall(
                hearth.channel().newCall(IMPORT_FILE, CallOptions.DEFAULT), new StreamObserver<>() {
                    @Override
                    public void onNext(byte[] run) {}

                    @Override
                    public void onError(Throwable failure) {
                        closed.complete(Status.fromThrowable(failure));
                    }

                    @Override
                    public void onCompleted() {
                        closed.complete(Status.OK);
                    }
                });
        upload.onNext(ImportFileRequest.newBuilder()
                .setHeader(ImportFileHeader.newBuilder().setFileName("x.csv"))
                .build()
                .toByteArray());
        upload.onNext(new byte[] {0x12, 0x10, 'a', 'b'});
        upload.onCompleted();

        Status status = closed.get(10, TimeUnit.SECONDS);
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).startsWith("the request message cannot be parsed: ");
    }

    @Test
    void reflectionStillDescribesTheGuardedServices() throws Exception {
        List<String> services = reflect(
                        ServerReflectionRequest.newBuilder().setListServices("").build())
                .getListServicesResponse()
                .getServiceList()
                .stream()
                .map(ServiceResponse::getName)
                .toList();
        ServerReflectionResponse file = reflect(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("hearth.v1.LeadService")
                .build());

        assertThat(services).contains("hearth.v1.LeadService", "hearth.v1.SyncService", "grpc.health.v1.Health");
        assertThat(file.getFileDescriptorResponse().getFileDescriptorProtoCount())
                .isPositive();
    }

    private ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> ask = ServerReflectionGrpc.newStub(hearth.channel())
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        answer.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {}
                });
        ask.onNext(request);
        ask.onCompleted();
        return answer.get(10, TimeUnit.SECONDS);
    }

    private void assertRefused(byte[] request, String why) {
        assertThatThrownBy(() ->
                        ClientCalls.blockingUnaryCall(hearth.channel(), CREATE_LEAD, CallOptions.DEFAULT, request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription())
                            .startsWith("the request message cannot be parsed: ")
                            .contains(why)
                            .hasSizeLessThan(200);
                    assertThat(GrpcAssertions.errorReason(e)).isEqualTo("UNPARSEABLE_REQUEST");
                });
        assertThat(events.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getThrowableProxy()).isNull();
            assertThat(event.getFormattedMessage())
                    .startsWith("hearth.v1.LeadService/CreateLead: the request " + "message cannot be parsed");
        });
    }

    private static MethodDescriptor<byte[], byte[]> raw(MethodDescriptor<?, ?> method) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(method.getType())
                .setFullMethodName(method.getFullMethodName())
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
    }
}
