package io.hearth.server.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.server.InProcessHearth;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(60)
class AccessLogTest {
    private final Logger access = (Logger) LoggerFactory.getLogger("hearth.access");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private InProcessHearth hearth;

    private ch.qos.logback.classic.Level levelBefore;

    @BeforeEach
    void start() throws Exception {
        levelBefore = access.getLevel();
        access.setLevel(ch.qos.logback.classic.Level.INFO);
        lines.start();
        access.addAppender(lines);
        hearth = new InProcessHearth(Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        access.detachAppender(lines);
        access.setLevel(levelBefore);
        hearth.close();
    }

    @Test
    void eachCallIsOneLineWithMethodStatusDurationAndARequestIdReturnedInTheTrailers() {
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        AtomicReference<Metadata> headers = new AtomicReference<>();
        LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(ClientInterceptors.intercept(
                hearth.channel(), MetadataUtils.newCaptureMetadataInterceptor(headers, trailers)));

        Lead created = leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName("Ada")
                        .setFamilyName("Lovelace")
                        .setEmail("ada@example.com")
                        .setPhone("+14155550100"))
                .build());

        assertThat(lines.list).hasSize(1);
        ILoggingEvent line = lines.list.get(0);
        String requestId = trailers.get().get(AccessLog.REQUEST_ID);
        assertThat(requestId).matches("[0-9a-f]{24}");
        assertThat(headers.get().get(AccessLog.REQUEST_ID)).isEqualTo(requestId);
        assertThat(line.getFormattedMessage())
                .matches("hearth\\.v1\\.LeadService/CreateLead OK \\d+\\.\\d ms caller=- request_id=" + requestId)
                .as("no personal data at info level")
                .doesNotContain("Ada", "Lovelace", "ada@example.com", "4155550100", created.getName());
        assertThat(line.getKeyValuePairs())
                .extracting(pair -> pair.key)
                .containsExactly("method", "status", "duration_ms", "caller", "request_id");
    }

    @Test
    void aCallersOwnRequestIdIsKeptAndAFailureIsLoggedWithItsCodeButNotItsMessage() {
        Metadata sent = new Metadata();
        sent.put(AccessLog.REQUEST_ID, "web-form-42");
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(ClientInterceptors.intercept(
                hearth.channel(),
                MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers),
                MetadataUtils.newAttachHeadersInterceptor(sent)));

        assertThatThrownBy(() -> leads.getLead(GetLeadRequest.newBuilder()
                        .setName("leads/nobody@example.com")
                        .build()))
                .isInstanceOf(StatusRuntimeException.class);

        assertThat(trailers.get().get(AccessLog.REQUEST_ID)).isEqualTo("web-form-42");
        assertThat(lines.list)
                .singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage())
                        .startsWith("hearth.v1.LeadService/GetLead INVALID_ARGUMENT ")
                        .endsWith("request_id=web-form-42")
                        .doesNotContain("nobody@example.com"));
    }

    @Test
    void aFailedCallNamesItsCallerToo() throws Exception {
        String admin = "hth_access-log-admin-token-0123456789abcdef";
        try (InProcessHearth secured =
                InProcessHearth.listeningOn(Clock.systemUTC(), "127.0.0.1", java.util.Optional.of(admin))) {
            Metadata token = new Metadata();
            token.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + admin);
            LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(
                    ClientInterceptors.intercept(secured.channel(), MetadataUtils.newAttachHeadersInterceptor(token)));

            assertThatThrownBy(() -> leads.getLead(GetLeadRequest.newBuilder()
                            .setName("leads/not-an-id")
                            .build()))
                    .isInstanceOf(StatusRuntimeException.class);
            leads.createLead(CreateLeadRequest.newBuilder()
                    .setLead(Lead.newBuilder().setGivenName("Ada").setEmail("ada@example.com"))
                    .build());
        }

        assertThat(lines.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("hearth.v1.LeadService/GetLead INVALID_ARGUMENT ")
                        .contains(" caller=admin "))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("hearth.v1.LeadService/CreateLead OK ")
                        .contains(" caller=admin "));
    }

    @Test
    void anIdThatCouldForgeLogLinesIsReplaced() {
        assertThat(AccessLog.requestId("abc-123")).isEqualTo("abc-123");
        assertThat(AccessLog.requestId("evil\nhearth.v1.LeadService/DeleteEverything OK"))
                .matches("[0-9a-f]{24}");
        assertThat(AccessLog.requestId("x".repeat(65))).matches("[0-9a-f]{24}");
        assertThat(AccessLog.requestId(null)).matches("[0-9a-f]{24}");
    }

    @Test
    void newIdsAreTwentyFourHexDigitsAndDoNotRepeatAcrossThreads() throws Exception {
        java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        ids.add(AccessLog.newRequestId());
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(ids).hasSize(20_000).allMatch(id -> id.matches("[0-9a-f]{24}"));
    }

    @Test
    void durationsPrintAsPercentOnePointFOfTheMillisecondsWould() {
        for (long micros : new long[] {
            0, 1, 49, 50, 51, 99, 149, 150, 949, 950, 999, 1_000, 1_049, 1_050, 12_345, 99_950, 3_600_000_000L
        }) {
            assertThat(AccessLog.milliseconds(micros))
                    .as("%d µs", micros)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0));
        }
    }
}
