package io.hearth.server.tls;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * A client of a test server on 127.0.0.1: one health check on a new connection, and the
 * certificate the server showed. Shared with the CLI's end-to-end tests through the test jar.
 */
public final class TlsClient {
    private final ChannelCredentials credentials;

    private TlsClient(ChannelCredentials credentials) {
        this.credentials = credentials;
    }

    public static TlsClient plaintext() {
        return new TlsClient(InsecureChannelCredentials.create());
    }

    public static TlsClient trusting(Path caFile) {
        try {
            return new TlsClient(TlsChannelCredentials.newBuilder()
                    .trustManager(caFile.toFile())
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TlsClient withCertificate(Path caFile, Path certificateFile, Path keyFile) {
        try {
            return new TlsClient(TlsChannelCredentials.newBuilder()
                    .trustManager(caFile.toFile())
                    .keyManager(certificateFile.toFile(), keyFile.toFile())
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one call on a new connection saw. */
    public record Answer(HealthCheckResponse.ServingStatus status, String serverSerial) {}

    /** Checks the server's health on a connection of its own, so it sees the certificate served now. */
    public Answer check(int port) throws InterruptedException {
        ManagedChannel channel =
                Grpc.newChannelBuilder("127.0.0.1:" + port, credentials).build();
        AtomicReference<SSLSession> session = new AtomicReference<>();
        try {
            Channel recorded = ClientInterceptors.intercept(channel, new SessionRecorder(session));
            HealthCheckResponse response = HealthGrpc.newBlockingStub(recorded)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            return new Answer(response.getStatus(), serial(session.get()));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static String serial(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            return ((X509Certificate) session.getPeerCertificates()[0])
                    .getSerialNumber()
                    .toString(16);
        } catch (SSLPeerUnverifiedException e) {
            throw new AssertionError(e);
        }
    }

    /** Keeps the call's TLS session, which the transport hands over with the response headers. */
    private record SessionRecorder(AtomicReference<SSLSession> session) implements ClientInterceptor {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    ClientCall<Q, R> call = this;
                    super.start(
                            new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                                @Override
                                public void onHeaders(Metadata responseHeaders) {
                                    session.set(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
                                    super.onHeaders(responseHeaders);
                                }
                            },
                            headers);
                }
            };
        }
    }
}
