package io.hearth.server.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

/** The certificate chain the server shows its clients, and the private key that proves it is the server's. */
record ServerIdentity(X509Certificate[] chain, PrivateKey key) {

    /**
     * Checks the pair read from the two files: both PEM, the key the certificate's own, the
     * certificate not expired.
     */
    static ServerIdentity parse(
            TlsFile certificateFile, byte[] certificatePem, TlsFile keyFile, byte[] keyPem, Instant now)
            throws UnusableTlsFileException {
        X509Certificate[] chain;
        PrivateKey key;
        try {
            chain = PemParsing.certificates(certificatePem);
        } catch (PemParsing.ProblemException e) {
            throw certificateFile.problem(e.getMessage());
        }
        try {
            key = PemParsing.privateKey(keyPem, keyFile.path().toString());
        } catch (PemParsing.ProblemException e) {
            throw keyFile.problem(e.getMessage());
        }
        if (!PemParsing.belongTogether(chain[0], key)) {
            throw keyFile.problem("does not match the certificate in " + certificateFile.option() + " "
                    + certificateFile.path() + " (a key of another certificate?)");
        }
        if (chain[0].getNotAfter().before(Date.from(now))) {
            throw certificateFile.problem(
                    "the certificate expired at " + chain[0].getNotAfter().toInstant());
        }
        return new ServerIdentity(chain, key);
    }

    /** Which certificate this is, for the log: subject, serial number and end of validity. */
    String describe() {
        return CertificateText.describe(chain[0]);
    }
}
