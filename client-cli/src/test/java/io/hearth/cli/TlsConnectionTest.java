package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.hearth.server.tls.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI over TLS and mutual TLS to a real server on 127.0.0.1, with certificates made for the
 * test: what works, and the one line that says what to change when it does not.
 */
@Timeout(60)
class TlsConnectionTest {

    @TempDir
    Path dir;

    private final TestPki.Authority ca = TestPki.authority("Hearth Test CA");
    private final TestPki.Authority rogue = TestPki.authority("Rogue CA");
    private final List<Server> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Server server : servers) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientTrustingTheCaCallsATlsServer() throws IOException {
        int port = serve(tls(ca.issueServer()));

        CliResult result = cli(port, "--ca-cert", caFile(), "leads", "get", "ada1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Ada Lovelace");
    }

    @Test
    void aPlaintextClientIsToldTheServerMayRequireTls() throws IOException {
        int port = serve(tls(ca.issueServer()));

        assertOneLine(
                cli(port, "leads", "get", "ada1"),
                "error: UNAVAILABLE: Hearth server at 127.0.0.1:"
                        + port
                        + " closed the connection at once: it may require TLS; connect with"
                        + " --ca-cert FILE, or --tls if a public certificate authority signed its"
                        + " certificate");
    }

    @Test
    void anUntrustedServerCertificateAsksForTheCa() throws IOException {
        int port = serve(tls(ca.issueServer()));

        assertOneLine(
                cli(port, "--tls", "leads", "get", "ada1"),
                "error: UNAVAILABLE: Hearth server at 127.0.0.1:"
                        + port
                        + " shows a certificate that no certificate authority this client trusts"
                        + " has signed: give the one that signed it with --ca-cert FILE (or"
                        + " $HEARTH_CA_CERT)");
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws IOException {
        int port = serve(tls(ca.issueServerFor("hearth.example")));

        assertOneLine(
                cli(port, "--ca-cert", caFile(), "leads", "get", "ada1"),
                "error: UNAVAILABLE: Hearth server at 127.0.0.1:"
                        + port
                        + " shows a certificate for other names (DNS:hearth.example): call it by a"
                        + " name its certificate lists in --server, or have its certificate"
                        + " issued for this one");
    }

    @Test
    void anExpiredServerCertificateIsNamed() throws IOException {
        Instant now = Instant.now();
        int port = serve(tls(ca.issueServer(now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(1)))));

        CliResult result = cli(port, "--ca-cert", caFile(), "leads", "get", "ada1");

        assertOneLine(
                result,
                "error: UNAVAILABLE: Hearth server at 127.0.0.1:" + port + " shows an expired certificate (NotAfter: ");
        assertThat(result.err()).contains("): the server needs a renewed one");
    }

    @Test
    void aTlsClientOfAPlaintextServerIsToldToDropTls() throws IOException {
        int port = serve(InsecureServerCredentials.create());

        assertOneLine(
                cli(port, "--ca-cert", caFile(), "leads", "get", "ada1"),
                "error: UNAVAILABLE: Hearth server at 127.0.0.1:"
                        + port
                        + " does not speak TLS: leave out --tls and --ca-cert (and $HEARTH_TLS,"
                        + " $HEARTH_CA_CERT), or start the server with --tls-cert and --tls-key");
    }

    @Test
    void mutualTlsLetsInOnlyAClientWithACertificateFromTheClientCa() throws IOException {
        int port = serve(mutualTls(ca.issueServer()));
        TestPki.Issued alice = ca.issueClient("alice");
        TestPki.Issued mallory = rogue.issueClient("mallory");

        CliResult withCertificate = cli(
                port,
                "--ca-cert",
                caFile(),
                "--client-cert",
                alice.writeCertificate(dir.resolve("alice.pem")).toString(),
                "--client-key",
                alice.writeKey(dir.resolve("alice.key")).toString(),
                "leads",
                "get",
                "ada1");
        assertThat(withCertificate.exitCode()).as(withCertificate.err()).isZero();

        assertOneLine(
                cli(port, "--ca-cert", caFile(), "leads", "get", "ada1"),
                "error: UNAVAILABLE: Hearth server at 127.0.0.1:"
                        + port
                        + " requires a client certificate: give --client-cert FILE and"
                        + " --client-key FILE (or $HEARTH_CLIENT_CERT and $HEARTH_CLIENT_KEY)");
        assertOneLine(
                cli(
                        port,
                        "--ca-cert",
                        caFile(),
                        "--client-cert",
                        mallory.writeCertificate(dir.resolve("mallory.pem")).toString(),
                        "--client-key",
                        mallory.writeKey(dir.resolve("mallory.key")).toString(),
                        "leads",
                        "get",
                        "ada1"),
                "error: UNAVAILABLE: Hearth server at 127.0.0.1:"
                        + port
                        + " refused this client's certificate (--client-cert): it is not signed by"
                        + " a certificate authority the server trusts, or it expired");
    }

    @Test
    void aCreateRefusedByTlsIsNotRetried() throws IOException {
        int port = serve(tls(ca.issueServer()));

        CliResult result = cli(port, "--tls", "leads", "create", "--given-name", "Ada", "--email", "ada@example.com");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).doesNotContain("note:").contains("--ca-cert FILE");
    }

    @Test
    void unusableTlsFilesAreUsageErrorsThatNameThem() throws IOException {
        Path missing = dir.resolve("missing-ca.pem");
        assertUsageError(
                cli(1, "--ca-cert", missing.toString(), "leads", "list"),
                "Invalid value for option '--ca-cert': '" + missing + "': no such file");

        Path notACertificate = Files.writeString(dir.resolve("ca.txt"), "hello");
        assertUsageError(
                cli(1, "--ca-cert", notACertificate.toString(), "leads", "list"),
                "Invalid value for option '--ca-cert': '"
                        + notACertificate
                        + "': no PEM certificate (-----BEGIN CERTIFICATE-----) in the file");

        TestPki.Issued alice = ca.issueClient("alice");
        Path certificate = alice.writeCertificate(dir.resolve("alice.pem"));
        assertUsageError(
                cli(1, "--client-cert", certificate.toString(), "leads", "list"),
                "Invalid value for option '--client-cert': '" + certificate + "': needs --client-key, its private key");

        Path traditional = alice.writeTraditionalKey(dir.resolve("alice-sec1.key"));
        assertUsageError(
                cli(
                        1,
                        "--client-cert",
                        certificate.toString(),
                        "--client-key",
                        traditional.toString(),
                        "leads",
                        "list"),
                "Invalid value for option '--client-key': '"
                        + traditional
                        + "': the key is in the older PKCS#1/SEC1 form (BEGIN RSA/EC PRIVATE KEY),"
                        + " gRPC reads PKCS#8 (BEGIN PRIVATE KEY); convert it with: openssl pkcs8"
                        + " -topk8 -nocrypt -in "
                        + traditional
                        + " -out key.pk8.pem");
    }

    private String caFile() {
        return ca.writeCertificate(dir.resolve("ca.pem")).toString();
    }

    private ServerCredentials tls(TestPki.Issued certificate) throws IOException {
        return TlsServerCredentials.create(
                certificate.writeCertificate(dir.resolve("server.pem")).toFile(),
                certificate.writeKey(dir.resolve("server.key")).toFile());
    }

    private ServerCredentials mutualTls(TestPki.Issued certificate) throws IOException {
        return TlsServerCredentials.newBuilder()
                .keyManager(
                        certificate.writeCertificate(dir.resolve("server.pem")).toFile(),
                        certificate.writeKey(dir.resolve("server.key")).toFile())
                .trustManager(ca.writeCertificate(dir.resolve("client-ca.pem")).toFile())
                .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                .build();
    }

    private int serve(ServerCredentials credentials) throws IOException {
        Server server = Grpc.newServerBuilderForPort(0, credentials)
                .addService(new RecordingLeadService())
                .build()
                .start();
        servers.add(server);
        return server.getPort();
    }

    private static CliResult cli(int port, String... args) {
        List<String> line = new ArrayList<>(List.of("--server", "127.0.0.1:" + port));
        line.addAll(List.of(args));
        return CliResult.run(ChannelFactory.NETWORK, line.toArray(String[]::new));
    }

    private static void assertOneLine(CliResult result, String start) {
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).hasSize(1).first().asString().startsWith(start);
    }

    private static void assertUsageError(CliResult result, String start) {
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith(start + System.lineSeparator());
    }
}
