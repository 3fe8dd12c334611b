package io.hearth.server.tls;

import io.grpc.util.CertificateUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Reads certificates and private keys from PEM text, with a problem an operator can act on when
 * they are not what the server needs. Keys are read by grpc's {@link CertificateUtils}, which takes
 * unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) RSA and EC keys only, as grpc's own TLS does; the
 * older PKCS#1 and SEC1 forms are refused with the command that converts them.
 */
final class PemParsing {
    private static final byte[] SIGNED = "proof that the key matches the certificate".getBytes(StandardCharsets.UTF_8);

    private PemParsing() {}

    /** One or more certificates; the first is the server's (or the one CA) when it is a chain. */
    static X509Certificate[] certificates(byte[] pem) throws ProblemException {
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new ProblemException(
                    text.contains("PRIVATE KEY-----")
                            ? "holds a private key, not a certificate (-----BEGIN CERTIFICATE-----)"
                            : "no PEM certificate (-----BEGIN CERTIFICATE-----) in the file");
        }
        try {
            X509Certificate[] certificates = CertificateUtils.getX509Certificates(new ByteArrayInputStream(pem));
            if (certificates.length == 0) {
                throw new ProblemException("no PEM certificate (-----BEGIN CERTIFICATE-----) in the file");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new ProblemException("not a readable PEM certificate (" + e.getMessage() + ")");
        }
    }

    static PrivateKey privateKey(byte[] pem, String fileName) throws ProblemException {
        String text = new String(pem, StandardCharsets.US_ASCII);
        String convert = "; convert it with: openssl pkcs8 -topk8 -nocrypt -in " + fileName + " -out key.pk8.pem";
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new ProblemException("the key is in the older PKCS#1/SEC1 form (BEGIN RSA/EC PRIVATE KEY), "
                    + "the server reads PKCS#8 (BEGIN PRIVATE KEY)" + convert);
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new ProblemException("the key is encrypted; the server needs it unencrypted" + convert);
        }
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new ProblemException(
                    text.contains("-----BEGIN CERTIFICATE-----")
                            ? "holds a certificate, not a private key (-----BEGIN PRIVATE KEY-----)"
                            : "no PEM private key (-----BEGIN PRIVATE KEY-----) in the file");
        }
        try {
            return CertificateUtils.getPrivateKey(new ByteArrayInputStream(pem));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // IllegalArgumentException: the Base64 between the markers is damaged
            throw new ProblemException("not a readable RSA or EC private key (" + e.getMessage() + ")");
        }
    }

    /**
     * Whether {@code key} is the private half of {@code certificate}'s public key: a mismatched pair
     * would only show later, as every client's handshake failing.
     */
    static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null
                || !key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(SIGNED);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(SIGNED);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** What is wrong with the text, to be prefixed with the option and file it came from. */
    static final class ProblemException extends Exception {
        ProblemException(String problem) {
            super(problem);
        }
    }
}
