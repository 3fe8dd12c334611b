package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What to sync.
 *
 * @param mapping   source field name to Hearth field name, on top of the automatic mapping
 * @param sourceKey identifies the source across runs (an uploaded file's content digest); {@code null}
 *                  derives it from the connector and its non-secret config
 * @param dryRun    reads, maps and matches everything but stores no lead, link or cursor
 * @param uploaded  the config's file paths were written by the server itself (an upload), not
 *                  given by a caller: they need not lie in the import folder
 */
public record SyncRequest(
        String connector,
        Map<String, String> config,
        Map<String, String> mapping,
        String sourceKey,
        boolean dryRun,
        boolean uploaded) {
    public SyncRequest {
        requireNonNull(connector, "connector is null");
        config = Map.copyOf(requireNonNull(config, "config is null"));
        mapping = Map.copyOf(requireNonNull(mapping, "mapping is null"));
    }

    public static SyncRequest of(String connector, Map<String, String> config) {
        return new SyncRequest(connector, config, Map.of(), null, false, false);
    }
}
