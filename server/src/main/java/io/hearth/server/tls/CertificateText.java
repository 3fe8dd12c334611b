package io.hearth.server.tls;

import java.security.cert.X509Certificate;

/** How a certificate is named in the server's log. */
final class CertificateText {
    private CertificateText() {}

    static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " (serial " + serial(certificate) + ", valid until "
                + certificate.getNotAfter().toInstant() + ")";
    }

    /** Hexadecimal, as {@code openssl x509 -serial} prints it. */
    static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }
}
