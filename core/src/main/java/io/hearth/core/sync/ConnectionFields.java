package io.hearth.core.sync;

import java.util.Map;
import java.util.Set;

/**
 * What a caller gives for a connection, as received and not yet checked ({@link ConnectionRules}
 * checks it). Maps are copied; {@code null} strings stay {@code null} for the rules to refuse.
 *
 * @param config     the non-secret settings, key to value
 * @param secretRefs the secret settings, key to a reference ({@code env:NAME} or {@code file:/path})
 */
public record ConnectionFields(
        String displayName,
        String connector,
        Map<String, String> config,
        Map<String, String> secretRefs,
        ConnectionSchedule schedule,
        ConnectionDirection direction,
        boolean enabled) {
    public ConnectionFields {
        config = config == null ? Map.of() : Map.copyOf(config);
        secretRefs = secretRefs == null ? Map.of() : Map.copyOf(secretRefs);
        schedule = schedule == null ? ConnectionSchedule.MANUAL : schedule;
        direction = direction == null ? ConnectionDirection.READ : direction;
    }

    /** These fields with the {@code mask}ed ones taken from {@code changes}. */
    public ConnectionFields with(ConnectionFields changes, Set<ConnectionField> mask) {
        return new ConnectionFields(
                mask.contains(ConnectionField.DISPLAY_NAME) ? changes.displayName() : displayName,
                connector,
                mask.contains(ConnectionField.CONFIG) ? changes.config() : config,
                mask.contains(ConnectionField.SECRET_REFS) ? changes.secretRefs() : secretRefs,
                mask.contains(ConnectionField.SCHEDULE) ? changes.schedule() : schedule,
                mask.contains(ConnectionField.DIRECTION) ? changes.direction() : direction,
                mask.contains(ConnectionField.ENABLED) ? changes.enabled() : enabled);
    }
}
