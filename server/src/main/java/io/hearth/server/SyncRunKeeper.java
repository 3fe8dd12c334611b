package io.hearth.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.hearth.core.app.SyncEngine;
import io.hearth.core.diagnostics.FailureSummary;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.sync.SyncSettings;
import io.hearth.server.config.ImportConfig;
import io.hearth.server.grpc.Upload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sees that no sync run outlives its server as RUNNING. At start it clears the uploads a stopped
 * server left and marks abandoned runs INTERRUPTED: on the embedded database every run still
 * RUNNING (this server is its only one), on PostgreSQL the runs whose lease ran out, then again
 * every lease period, since another instance may die at any time. On stop it asks this server's
 * runs to end INTERRUPTED after their current batch, before the database closes under them.
 */
public final class SyncRunKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncRunKeeper.class);

    private final SyncEngine engine;
    private final ImportConfig imports;
    private final boolean embedded;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hearth-sync-keeper");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public SyncRunKeeper(SyncEngine engine, ImportConfig imports, Database database) {
        this.engine = requireNonNull(engine, "engine is null");
        this.imports = requireNonNull(imports, "imports is null");
        this.embedded = database.config().kind() == DatabaseConfig.Kind.HSQLDB;
    }

    public void start() {
        try {
            // made at start, so an operator sees where files for StartSync go
            Files.createDirectories(imports.importsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the import folder " + imports.importsDir(), e);
        }
        int cleared = Upload.clearFolder(imports.uploadsDir());
        if (cleared > 0) {
            log.info("removed {} upload(s) left by a stopped server", cleared);
        }
        engine.interruptAbandoned(embedded);
        long period = SyncSettings.DEFAULT_LEASE.toMillis();
        scheduler.scheduleWithFixedDelay(this::reap, period, period, TimeUnit.MILLISECONDS);
    }

    private void reap() {
        try {
            engine.interruptAbandoned(false);
        } catch (RuntimeException e) {
            log.warn("cannot check for abandoned sync runs: {}", FailureSummary.of(e));
            log.debug("cannot check for abandoned sync runs", e);
        }
    }

    /** Ends this server's runs INTERRUPTED, waiting up to {@code wait} for their current batches. */
    public void stopRuns(Duration wait) {
        scheduler.shutdownNow();
        engine.stopRunning(wait);
    }

    @Override
    public void close() {
        stopRuns(Duration.ofSeconds(10));
    }
}
