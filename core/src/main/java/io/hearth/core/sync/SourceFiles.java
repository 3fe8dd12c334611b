package io.hearth.core.sync;

import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigType;
import io.hearth.connector.spi.Connector;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The files a sync's config names ({@link ConfigType#PATH} keys), checked and renamed for show. A
 * path a caller gave must lie in the import folder and is handed to the connector as the real
 * file; a file the server wrote itself (an upload) is taken as it is. Wherever the run is shown
 * (its label, its error), a file is named by its place in the import folder or, for an upload,
 * by its own name: never by where it sits on the server's disk.
 */
public record SourceFiles(Map<String, String> config, Map<String, String> shown) {
    public static SourceFiles of(Connector connector, SyncRequest request, ImportFolder folder) {
        Map<String, String> config = new HashMap<>(request.config());
        Map<String, String> shown = new HashMap<>(request.config());
        for (ConfigKey key : connector.configKeys()) {
            String value = request.config().get(key.name());
            if (key.type() != ConfigType.PATH || value == null || value.isBlank()) {
                continue;
            }
            if (request.uploaded()) {
                Path file = Path.of(value).getFileName();
                shown.put(key.name(), file == null ? value : file.toString());
            } else {
                Path real = folder.resolve("config." + key.name(), value);
                config.put(key.name(), real.toString());
                shown.put(key.name(), folder.root().relativize(real).toString());
            }
        }
        return new SourceFiles(Map.copyOf(config), Map.copyOf(shown));
    }

    /** {@code message} (a connector's error) with every file's server path replaced by its shown name. */
    public String hide(String message) {
        if (message == null) {
            return null;
        }
        String hidden = message;
        for (Map.Entry<String, String> entry : config.entrySet()) {
            String shownValue = shown.get(entry.getKey());
            if (!entry.getValue().equals(shownValue) && !entry.getValue().isBlank()) {
                hidden = hidden.replace(entry.getValue(), shownValue);
            }
        }
        return hidden;
    }
}
