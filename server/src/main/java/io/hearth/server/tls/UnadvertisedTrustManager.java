package io.hearth.server.tls;

import static java.util.Objects.requireNonNull;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks client certificates against the certificate authorities in use now, without naming them
 * in the server's certificate request. Netty reads those names once, when the server's TLS context
 * is built; a client that chooses its certificate by them (as Java's key managers do) would never
 * offer one issued by a certificate authority added to {@code --tls-client-ca} later. Named none,
 * every client offers its certificate, and the handshake still refuses one the file does not vouch for.
 */
final class UnadvertisedTrustManager extends X509ExtendedTrustManager {
    private static final X509Certificate[] NONE = new X509Certificate[0];

    private final X509ExtendedTrustManager delegate;

    UnadvertisedTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }
}
