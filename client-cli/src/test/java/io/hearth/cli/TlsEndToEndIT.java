package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.ServerProcess.Cli;
import io.hearth.server.tls.TestPki;
import io.hearth.server.tls.TlsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server with mutual TLS, from certificates made for the test, driven by the packaged
 * CLI: it connects with its client certificate, a client without one (or with one from another
 * certificate authority) is refused at the handshake, and a renewed server certificate is served
 * without a restart. The CLI runs as the packaged jar where its environment matters, else through
 * its entry point in this JVM.
 */
@Timeout(300)
class TlsEndToEndIT {

    @TempDir
    Path dir;

    private final TestPki.Authority ca = TestPki.authority("Hearth Test CA");
    private final TestPki.Issued served = ca.issueServer();
    private final TestPki.Issued alice = ca.issueClient("alice");

    @Test
    void theCliCallsAServerThatRequiresClientCertificates() throws Exception {
        Path caFile = ca.writeCertificate(dir.resolve("ca.pem"));
        Path certFile = served.writeCertificate(dir.resolve("server.pem"));
        Path keyFile = served.writeKey(dir.resolve("server.key"));
        Path aliceCert = alice.writeCertificate(dir.resolve("alice.pem"));
        Path aliceKey = alice.writeKey(dir.resolve("alice.key"));
        List<String> aliceOptions = List.of(
                "--ca-cert",
                caFile.toString(),
                "--client-cert",
                aliceCert.toString(),
                "--client-key",
                aliceKey.toString());

        try (ServerProcess server = ServerProcess.start(List.of(
                "--data-dir",
                dir.resolve("data").toString(),
                "--tls-cert",
                certFile.toString(),
                "--tls-key",
                keyFile.toString(),
                "--tls-client-ca",
                caFile.toString(),
                "--tls-reload-period",
                "1s"))) {
            assertThat(server.log())
                    .contains("over mutual TLS as CN=localhost (serial " + served.serial() + ", ")
                    .contains("; clients need a certificate signed by CN=Hearth Test CA");

            Cli created = server.cliInProcess(with(
                    aliceOptions,
                    "leads",
                    "create",
                    "--given-name",
                    "Ada",
                    "--email",
                    "ada@example.com",
                    "--owner",
                    "alice"));
            assertThat(created.exitCode()).as(created.toString()).isZero();
            // the TLS options from the environment need a process of their own; the other commands run
            // the CLI's entry point in this JVM, with the same TLS code
            Cli listed = server.cli(
                    Map.of(
                            "HEARTH_CA_CERT",
                            caFile.toString(),
                            "HEARTH_CLIENT_CERT",
                            aliceCert.toString(),
                            "HEARTH_CLIENT_KEY",
                            aliceKey.toString()),
                    "leads",
                    "list");
            assertThat(listed.exitCode())
                    .as("the TLS options from the environment: " + listed)
                    .isZero();
            assertThat(listed.out()).contains("Ada");

            Cli withoutCertificate = server.cliInProcess("--ca-cert", caFile.toString(), "leads", "list");
            assertThat(withoutCertificate.exitCode()).isEqualTo(1);
            assertThat(withoutCertificate.err().lines())
                    .as(withoutCertificate.toString())
                    .hasSize(1)
                    .first()
                    .asString()
                    .contains(" requires a client certificate: give --client-cert FILE");

            TestPki.Issued mallory = TestPki.authority("Rogue CA").issueClient("mallory");
            Cli rogue = server.cliInProcess(
                    "--ca-cert",
                    caFile.toString(),
                    "--client-cert",
                    mallory.writeCertificate(dir.resolve("mallory.pem")).toString(),
                    "--client-key",
                    mallory.writeKey(dir.resolve("mallory.key")).toString(),
                    "leads",
                    "list");
            assertThat(rogue.exitCode()).isEqualTo(1);
            assertThat(rogue.err().lines())
                    .as(rogue.toString())
                    .hasSize(1)
                    .first()
                    .asString()
                    .contains(" refused this client's certificate (--client-cert)");

            Cli plaintext = server.cliInProcess("leads", "list");
            assertThat(plaintext.exitCode()).isEqualTo(1);
            assertThat(plaintext.err()).contains("closed the connection at once: it may require TLS");

            TestPki.Issued renewed = ca.issueServer();
            renewed.writeKey(keyFile);
            renewed.writeCertificate(certFile);
            TlsClient aliceClient = TlsClient.withCertificate(caFile, aliceCert, aliceKey);
            String seen = served.serial();
            for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    !seen.equals(renewed.serial()) && System.nanoTime() < deadline; ) {
                Thread.sleep(200); // polls what a new connection is shown
                seen = aliceClient.check(server.port()).serverSerial();
            }
            assertThat(seen).as("the serial a new connection sees").isEqualTo(renewed.serial());
            Cli afterRenewal = server.cliInProcess(with(aliceOptions, "leads", "list"));
            assertThat(afterRenewal.exitCode()).as(afterRenewal.toString()).isZero();
        }
    }

    @Test
    void theServerRefusesToStartOnUnusableFilesOrPlaintextBeyondLoopback() throws Exception {
        Path certFile = served.writeCertificate(dir.resolve("server.pem"));
        Path garbage = Files.writeString(dir.resolve("server.key"), "garbage");

        Cli badKey = ServerProcess.refusedStart(List.of(
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--tls-cert",
                certFile.toString(),
                "--tls-key",
                garbage.toString()));
        assertThat(badKey.exitCode()).as(badKey.toString()).isEqualTo(2);
        assertThat(badKey.err())
                .isEqualTo("hearth-server: not started: --tls-key " + garbage
                        + ": no PEM private key (-----BEGIN PRIVATE KEY-----) in the file" + System.lineSeparator());

        Cli everywhere = ServerProcess.refusedStart(List.of(
                "--port",
                "0",
                "--host",
                "0.0.0.0",
                "--data-dir",
                dir.resolve("data").toString()));
        assertThat(everywhere.exitCode()).as(everywhere.toString()).isEqualTo(2);
        assertThat(everywhere.err())
                .startsWith("hearth-server: not started: refusing to listen on 0.0.0.0 without TLS");
        assertThat(dir.resolve("data")).as("nothing was started").doesNotExist();
    }

    private static String[] with(List<String> options, String... args) {
        List<String> line = new ArrayList<>(options);
        line.addAll(List.of(args));
        return line.toArray(String[]::new);
    }
}
