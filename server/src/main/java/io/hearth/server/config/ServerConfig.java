package io.hearth.server.config;

import static java.util.Objects.requireNonNull;

import io.hearth.core.persistence.DatabaseConfig;
import java.nio.file.Path;

/** Everything the server is started with; see {@code Main} for the flags that fill it. */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        DatabaseConfig database,
        String phoneRegion,
        CadenceConfig cadence,
        ImportConfig imports) {
    public ServerConfig {
        requireNonNull(host, "host is null");
        requireNonNull(imports, "imports is null");
        requireNonNull(cadence, "cadence is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(database, "database is null");
        requireNonNull(phoneRegion, "phoneRegion is null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
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
