package io.hearth.cli;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.util.CertificateUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;

/**
 * How the CLI secures its connection: plaintext, TLS ({@code --tls}, or {@code --ca-cert} to trust
 * one certificate authority) or mutual TLS ({@code --client-cert} and {@code --client-key}). The
 * files are read and checked here, so a wrong one is a usage error that names it rather than a
 * failure deep in the transport.
 */
record ChannelSecurity(ChannelSecurity.Mode mode, ChannelCredentials credentials) {

    enum Mode {
        PLAINTEXT,
        TLS,
        MUTUAL_TLS
    }

    /** Far more than any certificate chain or key; a larger file is not one. */
    static final int MAX_FILE_BYTES = 1 << 20;

    static ChannelSecurity from(GlobalOptions options) throws UnusableOptionException {
        if (options.clientCert != null && options.clientKey == null) {
            throw new UnusableOptionException(
                    "--client-cert", options.clientCert, "needs --client-key, its private key");
        }
        if (options.clientKey != null && options.clientCert == null) {
            throw new UnusableOptionException(
                    "--client-key", options.clientKey, "needs --client-cert, its certificate");
        }
        boolean mutual = options.clientCert != null;
        if (!Boolean.TRUE.equals(options.tls) && options.caCert == null && !mutual) {
            return new ChannelSecurity(Mode.PLAINTEXT, InsecureChannelCredentials.create());
        }
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        byte[] ca = options.caCert == null ? null : certificates("--ca-cert", options.caCert);
        byte[] certificate = mutual ? certificates("--client-cert", options.clientCert) : null;
        byte[] key = mutual ? privateKey("--client-key", options.clientKey) : null;
        try {
            if (ca != null) {
                tls.trustManager(new ByteArrayInputStream(ca));
            }
            if (mutual) {
                tls.keyManager(new ByteArrayInputStream(certificate), new ByteArrayInputStream(key));
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory cannot fail", e);
        }
        return new ChannelSecurity(mutual ? Mode.MUTUAL_TLS : Mode.TLS, tls.build());
    }

    private static byte[] certificates(String option, Path file) throws UnusableOptionException {
        byte[] pem = read(option, file);
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new UnusableOptionException(
                    option, file, "no PEM certificate (-----BEGIN CERTIFICATE-----) in the file");
        }
        try {
            if (CertificateUtils.getX509Certificates(new ByteArrayInputStream(pem)).length == 0) {
                throw new UnusableOptionException(option, file, "no PEM certificate in the file");
            }
        } catch (CertificateException e) {
            throw new UnusableOptionException(option, file, "not a readable PEM certificate (" + e.getMessage() + ")");
        }
        return pem;
    }

    private static byte[] privateKey(String option, Path file) throws UnusableOptionException {
        byte[] pem = read(option, file);
        String text = new String(pem, StandardCharsets.US_ASCII);
        String convert = "; convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pk8.pem";
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new UnusableOptionException(
                    option,
                    file,
                    "the key is in the older PKCS#1/SEC1 form (BEGIN RSA/EC PRIVATE KEY), gRPC"
                            + " reads PKCS#8 (BEGIN PRIVATE KEY)"
                            + convert);
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new UnusableOptionException(
                    option, file, "the key is encrypted; the CLI needs it unencrypted" + convert);
        }
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new UnusableOptionException(
                    option, file, "no PEM private key (-----BEGIN PRIVATE KEY-----) in the file");
        }
        try {
            CertificateUtils.getPrivateKey(new ByteArrayInputStream(pem));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // IllegalArgumentException: the Base64 between the markers is damaged
            throw new UnusableOptionException(
                    option, file, "not a readable RSA or EC private key (" + e.getMessage() + ")");
        }
        return pem;
    }

    private static byte[] read(String option, Path file) throws UnusableOptionException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(MAX_FILE_BYTES + 1);
            if (content.length > MAX_FILE_BYTES) {
                throw new UnusableOptionException(
                        option, file, "larger than " + MAX_FILE_BYTES + " bytes: not a certificate or key file");
            }
            return content;
        } catch (NoSuchFileException e) {
            throw new UnusableOptionException(option, file, "no such file");
        } catch (AccessDeniedException e) {
            throw new UnusableOptionException(option, file, "cannot be read: permission denied");
        } catch (IOException e) {
            throw new UnusableOptionException(option, file, "cannot be read: " + e.getMessage());
        }
    }

    /** A TLS option whose file cannot be used: picocli reports it as an invalid option value. */
    static final class UnusableOptionException extends Exception {
        UnusableOptionException(String option, Path file, String problem) {
            super("Invalid value for option '" + option + "': '" + file + "': " + problem);
        }
    }
}
