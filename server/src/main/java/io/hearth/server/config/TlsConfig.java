package io.hearth.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The files the server's TLS is made of, read again every {@code reloadPeriod} so a renewed
 * certificate is served without a restart.
 *
 * @param certificate the server's certificate chain (PEM), its own certificate first
 * @param privateKey the certificate's private key (PEM, PKCS#8)
 * @param clientCa present: mutual TLS, a client must show a certificate signed by one of these
 *     certificate authorities (PEM) or its handshake is refused
 */
public record TlsConfig(Path certificate, Path privateKey, Optional<Path> clientCa, Duration reloadPeriod) {
    public static final Duration DEFAULT_RELOAD_PERIOD = Duration.ofSeconds(60);

    public TlsConfig {
        requireNonNull(certificate, "certificate is null");
        requireNonNull(privateKey, "privateKey is null");
        requireNonNull(clientCa, "clientCa is null");
        requireNonNull(reloadPeriod, "reloadPeriod is null");
        if (reloadPeriod.isNegative() || reloadPeriod.isZero()) {
            throw new IllegalArgumentException("reloadPeriod must be positive, got " + reloadPeriod);
        }
    }

    public boolean mutual() {
        return clientCa.isPresent();
    }
}
