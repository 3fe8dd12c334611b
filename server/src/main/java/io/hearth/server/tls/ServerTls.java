package io.hearth.server.tls;

import static java.util.Objects.requireNonNull;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import io.hearth.server.config.TlsConfig;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS: its certificate and key, and for mutual TLS the certificate authorities its
 * clients' certificates must be signed by. They live in grpc's key and trust managers, which take
 * new credentials while serving: every period the files are read again and, when they changed and
 * check out, the next handshake uses them; connections already open keep theirs.
 *
 * <p>The files are watched here rather than by the managers' own file schedules, which reload
 * at most once a minute, only when both the certificate's and the key's modification times
 * changed, never check that the two belong together, and log a failure with a stack trace.
 */
public final class ServerTls implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private final TlsConfig config;
    private final AdvancedTlsX509KeyManager keyManager = new AdvancedTlsX509KeyManager();
    private final Optional<AdvancedTlsX509TrustManager> trustManager;
    private final ReloadedFiles identity;
    private final Optional<ReloadedFiles> clientCas;
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hearth-tls-reload");
        thread.setDaemon(true);
        return thread;
    });

    private ServerTls(TlsConfig config, Clock clock) throws GeneralSecurityException {
        this.config = config;
        TlsFile certificateFile = new TlsFile("--tls-cert", config.certificate());
        TlsFile keyFile = new TlsFile("--tls-key", config.privateKey());
        identity = new ReloadedFiles("server certificate", List.of(certificateFile, keyFile), contents -> {
            ServerIdentity loaded =
                    ServerIdentity.parse(certificateFile, contents.get(0), keyFile, contents.get(1), clock.instant());
            keyManager.updateIdentityCredentials(loaded.chain(), loaded.key());
            return loaded.describe();
        });
        if (config.clientCa().isPresent()) {
            AdvancedTlsX509TrustManager trust =
                    AdvancedTlsX509TrustManager.newBuilder().build();
            TlsFile caFile = new TlsFile("--tls-client-ca", config.clientCa().get());
            trustManager = Optional.of(trust);
            clientCas = Optional.of(new ReloadedFiles(
                    "client certificate authorities",
                    List.of(caFile),
                    contents -> trust(trust, caFile, contents.get(0))));
        } else {
            trustManager = Optional.empty();
            clientCas = Optional.empty();
        }
    }

    /**
     * Reads and checks the files.
     *
     * @throws UnusableTlsFileException naming the option and file that cannot be used
     */
    public static ServerTls load(TlsConfig config) throws UnusableTlsFileException {
        return load(config, Clock.systemUTC());
    }

    static ServerTls load(TlsConfig config, Clock clock) throws UnusableTlsFileException {
        requireNonNull(config, "config is null");
        ServerTls tls;
        try {
            tls = new ServerTls(config, clock);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make an X.509 trust manager", e);
        }
        tls.identity.load();
        if (tls.clientCas.isPresent()) {
            tls.clientCas.get().load();
        }
        return tls;
    }

    private static String trust(AdvancedTlsX509TrustManager trust, TlsFile caFile, byte[] pem)
            throws UnusableTlsFileException {
        X509Certificate[] cas;
        try {
            cas = PemParsing.certificates(pem);
            trust.updateTrustCredentials(cas);
        } catch (PemParsing.ProblemException e) {
            throw caFile.problem(e.getMessage());
        } catch (IOException | GeneralSecurityException e) {
            throw caFile.problem("cannot trust these certificates: " + e.getMessage());
        }
        return Arrays.stream(cas)
                .map(ca -> ca.getSubjectX500Principal().getName())
                .collect(Collectors.joining("; "));
    }

    /** For the server builder: TLS, and with client certificate authorities a client certificate is required. */
    public ServerCredentials credentials() {
        TlsServerCredentials.Builder credentials =
                TlsServerCredentials.newBuilder().keyManager(keyManager);
        trustManager.ifPresent(trust -> credentials
                .trustManager(new UnadvertisedTrustManager(trust))
                .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE));
        return credentials.build();
    }

    /** Reads the files again every {@link TlsConfig#reloadPeriod()} until closed. */
    public void startReloading() {
        long periodMillis = config.reloadPeriod().toMillis();
        reloader.scheduleWithFixedDelay(this::reloadGuarded, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** A task that throws is never run again: whatever goes wrong, the next period tries anew. */
    private void reloadGuarded() {
        try {
            reload();
        } catch (RuntimeException e) {
            log.warn(
                    "TLS: reading the certificate files again failed, still using the previous ones: {}", e.toString());
        }
    }

    /** One round of the reload: the server certificate, then the client certificate authorities. */
    List<ReloadedFiles.Outcome> reload() {
        return clientCas.isPresent()
                ? List.of(identity.reloadIfChanged(), clientCas.get().reloadIfChanged())
                : List.of(identity.reloadIfChanged());
    }

    /** For the start line: "TLS as CN=...", or "mutual TLS as CN=..., clients need a certificate from CN=...". */
    public String describe() {
        return clientCas
                .map(cas ->
                        "mutual TLS as " + identity.inUse() + "; clients need a certificate signed by " + cas.inUse())
                .orElse("TLS as " + identity.inUse());
    }

    @Override
    public void close() {
        reloader.shutdownNow();
    }
}
