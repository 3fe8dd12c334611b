package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How syncs run on this server.
 *
 * @param importFolder the only folder whose files a sync may be pointed at over the API
 * @param lease how long a run stays its source's holder without a sign of life; a running sync
 *     renews it a few times per lease, and any server marks a run whose lease ran out INTERRUPTED
 */
public record SyncSettings(ImportFolder importFolder, Duration lease) {
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    public SyncSettings {
        requireNonNull(importFolder, "importFolder is null");
        requireNonNull(lease, "lease is null");
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lease must be at least 1 s, got " + lease);
        }
    }
}
