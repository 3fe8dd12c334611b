package io.hearth.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.hearth.server.config.TlsConfig;
import io.hearth.server.tls.ReloadedFiles.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The server's TLS and mutual TLS over real connections on 127.0.0.1, with certificates made for the test. */
@Timeout(60)
class ServerTlsTest {
    /** Long enough that no scheduled reload runs unless a test starts one. */
    private static final Duration NO_RELOAD = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final TestPki.Authority ca = TestPki.authority("Hearth Test CA");
    private final TestPki.Authority rogue = TestPki.authority("Rogue CA");
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Path caFile;
    private Path certFile;
    private Path keyFile;
    private TestPki.Issued served;

    @BeforeEach
    void writeServerFiles() {
        caFile = ca.writeCertificate(dir.resolve("ca.pem"));
        served = ca.issueServer();
        certFile = served.writeCertificate(dir.resolve("server.pem"));
        keyFile = served.writeKey(dir.resolve("server.key"));
        log.start();
        ((Logger) LoggerFactory.getLogger(ReloadedFiles.class)).addAppender(log);
    }

    @AfterEach
    void detachLog() {
        ((Logger) LoggerFactory.getLogger(ReloadedFiles.class)).detachAppender(log);
    }

    @Test
    void aClientThatTrustsTheCaCallsOverTls() throws Exception {
        try (ServerTls tls = ServerTls.load(new TlsConfig(certFile, keyFile, Optional.empty(), NO_RELOAD));
                TlsTestServer server = new TlsTestServer(tls.credentials(), dir)) {
            TlsClient.Answer answer = TlsClient.trusting(caFile).check(server.port());

            assertThat(answer.status()).isEqualTo(ServingStatus.SERVING);
            assertThat(answer.serverSerial()).isEqualTo(served.serial());
            assertThat(tls.describe()).startsWith("TLS as CN=localhost (serial " + served.serial() + ", valid until ");
        }
    }

    @Test
    void aPlaintextClientOrOneTrustingAnotherCaIsRefused() throws Exception {
        try (ServerTls tls = ServerTls.load(new TlsConfig(certFile, keyFile, Optional.empty(), NO_RELOAD));
                TlsTestServer server = new TlsTestServer(tls.credentials(), dir)) {
            assertUnavailable(TlsClient.plaintext(), server);
            assertUnavailable(TlsClient.trusting(rogue.writeCertificate(dir.resolve("rogue-ca.pem"))), server);
        }
    }

    @Test
    void mutualTlsAcceptsOnlyClientsWithACertificateFromTheClientCa() throws Exception {
        TestPki.Issued alice = ca.issueClient("alice");
        TestPki.Issued mallory = rogue.issueClient("mallory");
        try (ServerTls tls = ServerTls.load(new TlsConfig(certFile, keyFile, Optional.of(caFile), NO_RELOAD));
                TlsTestServer server = new TlsTestServer(tls.credentials(), dir)) {
            assertThat(TlsClient.withCertificate(
                                    caFile,
                                    alice.writeCertificate(dir.resolve("alice.pem")),
                                    alice.writeKey(dir.resolve("alice.key")))
                            .check(server.port())
                            .status())
                    .isEqualTo(ServingStatus.SERVING);

            assertUnavailable(TlsClient.trusting(caFile), server);
            assertUnavailable(
                    TlsClient.withCertificate(
                            caFile,
                            mallory.writeCertificate(dir.resolve("mallory.pem")),
                            mallory.writeKey(dir.resolve("mallory.key"))),
                    server);
            assertThat(tls.describe())
                    .startsWith("mutual TLS as CN=localhost")
                    .endsWith("; clients need a certificate signed by CN=Hearth Test CA");
        }
    }

    @Test
    void aRenewedCertificateIsServedToNewConnectionsWithoutARestart() throws Exception {
        try (ServerTls tls = ServerTls.load(new TlsConfig(certFile, keyFile, Optional.empty(), Duration.ofMillis(50)));
                TlsTestServer server = new TlsTestServer(tls.credentials(), dir)) {
            TlsClient client = TlsClient.trusting(caFile);
            assertThat(client.check(server.port()).serverSerial()).isEqualTo(served.serial());
            tls.startReloading();

            TestPki.Issued renewed = ca.issueServer();
            // as a certificate tool renews: the key first, then the certificate (a moment without a match)
            renewed.writeKey(keyFile);
            renewed.writeCertificate(certFile);

            String seen = served.serial();
            for (long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    !seen.equals(renewed.serial()) && System.nanoTime() < deadline; ) {
                Thread.sleep(50); // polls the observable result: a new connection's certificate
                seen = client.check(server.port()).serverSerial();
            }
            assertThat(seen).isEqualTo(renewed.serial());
            assertThat(messages())
                    .anyMatch(line -> line.startsWith(
                            "TLS: reloaded the server certificate: now CN=localhost (serial " + renewed.serial()));
        }
    }

    @Test
    void aReloadThatFailsKeepsServingTheOldCertificateAndSaysSoOnce() throws Exception {
        try (ServerTls tls = ServerTls.load(new TlsConfig(certFile, keyFile, Optional.empty(), NO_RELOAD));
                TlsTestServer server = new TlsTestServer(tls.credentials(), dir)) {
            Files.writeString(certFile, "not a certificate");

            assertThat(tls.reload()).containsExactly(Outcome.KEPT_PREVIOUS);
            assertThat(tls.reload()).containsExactly(Outcome.UNCHANGED);
            assertThat(TlsClient.trusting(caFile).check(server.port()).serverSerial())
                    .isEqualTo(served.serial());
            assertThat(messages())
                    .containsExactly("TLS: the server certificate was not reloaded, still using CN=localhost "
                            + "(serial " + served.serial() + ", valid until "
                            + served.certificate().getNotAfter().toInstant()
                            + "): --tls-cert " + certFile
                            + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in the file");

            TestPki.Issued otherKey = ca.issueServer();
            otherKey.writeKey(keyFile);
            served.writeCertificate(certFile);
            assertThat(tls.reload()).as("a key that is not the certificate's").containsExactly(Outcome.KEPT_PREVIOUS);
            assertThat(messages().get(1))
                    .endsWith("--tls-key " + keyFile + ": does not match the certificate in " + "--tls-cert " + certFile
                            + " (a key of another certificate?)");
            assertThat(TlsClient.trusting(caFile).check(server.port()).serverSerial())
                    .isEqualTo(served.serial());
        }
    }

    @Test
    void aMissingFileDuringARotationIsReportedOnceAndTheServerGoesOn() throws Exception {
        try (ServerTls tls = ServerTls.load(new TlsConfig(certFile, keyFile, Optional.empty(), NO_RELOAD));
                TlsTestServer server = new TlsTestServer(tls.credentials(), dir)) {
            Files.delete(keyFile);

            assertThat(tls.reload()).containsExactly(Outcome.KEPT_PREVIOUS);
            assertThat(tls.reload()).containsExactly(Outcome.KEPT_PREVIOUS);
            assertThat(messages())
                    .hasSize(1)
                    .allMatch(line -> line.endsWith("--tls-key " + keyFile + ": no such file"));

            served.writeKey(keyFile);
            assertThat(tls.reload()).containsExactly(Outcome.UNCHANGED);
            assertThat(TlsClient.trusting(caFile).check(server.port()).status()).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void replacedClientCertificateAuthoritiesDecideTheNextHandshakes() throws Exception {
        TestPki.Issued alice = ca.issueClient("alice");
        TestPki.Issued mallory = rogue.issueClient("mallory");
        TlsClient aliceClient = TlsClient.withCertificate(
                caFile, alice.writeCertificate(dir.resolve("alice.pem")), alice.writeKey(dir.resolve("alice.key")));
        TlsClient malloryClient = TlsClient.withCertificate(
                caFile,
                mallory.writeCertificate(dir.resolve("mallory.pem")),
                mallory.writeKey(dir.resolve("mallory.key")));
        Path clientCaFile = ca.writeCertificate(dir.resolve("client-ca.pem"));
        try (ServerTls tls = ServerTls.load(new TlsConfig(certFile, keyFile, Optional.of(clientCaFile), NO_RELOAD));
                TlsTestServer server = new TlsTestServer(tls.credentials(), dir)) {
            rogue.writeCertificate(clientCaFile);

            assertThat(tls.reload()).containsExactly(Outcome.UNCHANGED, Outcome.RELOADED);
            assertThat(malloryClient.check(server.port()).status()).isEqualTo(ServingStatus.SERVING);
            assertUnavailable(aliceClient, server);
        }
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static void assertUnavailable(TlsClient client, TlsTestServer server) {
        assertThatThrownBy(() -> client.check(server.port()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }
}
