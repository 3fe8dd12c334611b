package io.hearth.server.config;

import static java.util.Objects.requireNonNull;

import io.hearth.core.persistence.DatabaseConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything the server is started with; see {@code Main} for the flags that fill it.
 *
 * @param tls empty: plaintext, which {@code ListenPolicy} allows beyond loopback only when
 *     {@code insecure}
 * @param insecure the operator's explicit consent to serve plaintext on a non-loopback address
 * @param adminToken the first admin token, stored (as its hash) at start; present: calls need a token
 * @param limits what one caller may ask of this server instance
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        DatabaseConfig database,
        String phoneRegion,
        CadenceConfig cadence,
        ImportConfig imports,
        Optional<TlsConfig> tls,
        boolean insecure,
        Optional<AdminToken> adminToken,
        LimitsConfig limits) {
    public ServerConfig {
        requireNonNull(limits, "limits is null");
        requireNonNull(adminToken, "adminToken is null");
        requireNonNull(host, "host is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(imports, "imports is null");
        requireNonNull(cadence, "cadence is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(database, "database is null");
        requireNonNull(phoneRegion, "phoneRegion is null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
    }

    /** Plaintext. */
    public ServerConfig(
            String host,
            int port,
            Path dataDir,
            DatabaseConfig database,
            String phoneRegion,
            CadenceConfig cadence,
            ImportConfig imports) {
        this(host, port, dataDir, database, phoneRegion, cadence, imports, Optional.empty(), false, Optional.empty());
    }

    /** With the default limits. */
    public ServerConfig(
            String host,
            int port,
            Path dataDir,
            DatabaseConfig database,
            String phoneRegion,
            CadenceConfig cadence,
            ImportConfig imports,
            Optional<TlsConfig> tls,
            boolean insecure,
            Optional<AdminToken> adminToken) {
        this(
                host,
                port,
                dataDir,
                database,
                phoneRegion,
                cadence,
                imports,
                tls,
                insecure,
                adminToken,
                LimitsConfig.DEFAULTS);
    }

    /** The same, started with {@code adminToken}. */
    public ServerConfig withAdminToken(AdminToken adminToken) {
        return new ServerConfig(
                host,
                port,
                dataDir,
                database,
                phoneRegion,
                cadence,
                imports,
                tls,
                insecure,
                Optional.of(adminToken),
                limits);
    }

    /** The same, with {@code limits}. */
    public ServerConfig withLimits(LimitsConfig limits) {
        return new ServerConfig(
                host, port, dataDir, database, phoneRegion, cadence, imports, tls, insecure, adminToken, limits);
    }

    /** With the default follow-up cadence. */
    public ServerConfig(String host, int port, Path dataDir, DatabaseConfig database, String phoneRegion) {
        this(host, port, dataDir, database, phoneRegion, CadenceConfig.DEFAULTS);
    }

    /** With the default import folders (in the data directory) and upload limit. */
    public ServerConfig(
            String host, int port, Path dataDir, DatabaseConfig database, String phoneRegion, CadenceConfig cadence) {
        this(host, port, dataDir, database, phoneRegion, cadence, ImportConfig.in(dataDir));
    }
}
