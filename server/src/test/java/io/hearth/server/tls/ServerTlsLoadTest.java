package io.hearth.server.tls;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.config.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the server cannot use are refused at start, in one line that names the option and the file. */
class ServerTlsLoadTest {
    @TempDir
    Path dir;

    private final TestPki.Authority ca = TestPki.authority("Hearth Test CA");
    private final TestPki.Issued served = ca.issueServer();
    private Path certFile;
    private Path keyFile;

    @BeforeEach
    void writeServerFiles() {
        certFile = served.writeCertificate(dir.resolve("server.pem"));
        keyFile = served.writeKey(dir.resolve("server.key"));
    }

    @Test
    void aMissingOrEmptyFileIsNamed() throws Exception {
        Path missing = dir.resolve("nowhere.key");
        assertRefused(certFile, missing, null, "--tls-key " + missing + ": no such file");

        Path empty = Files.createFile(dir.resolve("empty.pem"));
        assertRefused(
                empty,
                keyFile,
                null,
                "--tls-cert " + empty + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in the file");
    }

    @Test
    void garbageAndSwappedFilesAreNamed() throws Exception {
        Path garbage = Files.writeString(
                dir.resolve("garbage.pem"),
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        assertRefused(garbage, keyFile, null, "--tls-cert " + garbage + ": not a readable PEM certificate (");
        assertRefused(
                keyFile,
                certFile,
                null,
                "--tls-cert " + keyFile + ": holds a private key, not a certificate (-----BEGIN CERTIFICATE-----)");
        Path damagedKey = Files.writeString(
                dir.resolve("damaged.key"), "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n");
        assertRefused(
                certFile, damagedKey, null, "--tls-key " + damagedKey + ": not a readable RSA or EC private key (");
    }

    @Test
    void anOlderKeyFormatIsRefusedWithTheCommandThatConvertsIt() {
        Path traditional = served.writeTraditionalKey(dir.resolve("server-sec1.key"));

        assertRefused(
                certFile,
                traditional,
                null,
                "--tls-key " + traditional + ": the key is in the older PKCS#1/SEC1 "
                        + "form (BEGIN RSA/EC PRIVATE KEY), the server reads PKCS#8 (BEGIN PRIVATE KEY); convert it with: "
                        + "openssl pkcs8 -topk8 -nocrypt -in " + traditional + " -out key.pk8.pem");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        Path otherKey = ca.issueServer().writeKey(dir.resolve("other.key"));

        assertRefused(
                certFile,
                otherKey,
                null,
                "--tls-key " + otherKey + ": does not match the certificate in " + "--tls-cert " + certFile
                        + " (a key of another certificate?)");
    }

    @Test
    void anExpiredCertificateIsRefused() {
        TestPki.Issued expired = ca.issueServer(
                Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)));
        Path expiredFile = expired.writeCertificate(dir.resolve("expired.pem"));

        assertRefused(
                expiredFile,
                expired.writeKey(dir.resolve("expired.key")),
                null,
                "--tls-cert " + expiredFile + ": the certificate expired at "
                        + expired.certificate().getNotAfter().toInstant());
    }

    @Test
    void unusableClientCertificateAuthoritiesAreNamed() throws Exception {
        Path notCas = Files.writeString(dir.resolve("cas.pem"), "hello");
        assertRefused(
                certFile,
                keyFile,
                notCas,
                "--tls-client-ca " + notCas + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in the file");
        Path missing = dir.resolve("missing-ca.pem");
        assertRefused(certFile, keyFile, missing, "--tls-client-ca " + missing + ": no such file");
    }

    private static void assertRefused(Path cert, Path key, Path clientCa, String message) {
        assertThatThrownBy(() -> ServerTls.load(new TlsConfig(
                                cert, key, Optional.ofNullable(clientCa), TlsConfig.DEFAULT_RELOAD_PERIOD))
                        .close())
                .isInstanceOf(UnusableTlsFileException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("\n");
    }
}
