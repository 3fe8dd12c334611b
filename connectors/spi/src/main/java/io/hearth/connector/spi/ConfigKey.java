package io.hearth.connector.spi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One declared config key. Declaring keys lets the server validate a config before a sync starts,
 * list the keys to users, and redact the secret ones everywhere it shows a config.
 *
 * @param defaultValue {@code null} when the key has none
 */
public record ConfigKey(
        String name, ConfigType type, boolean required, String defaultValue, boolean secret, String doc) {
    public static final String REDACTED = "***";

    public ConfigKey {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(doc, "doc is null");
        if (defaultValue != null && type.problemWith(defaultValue) != null) {
            throw new IllegalArgumentException("default of " + name + " " + type.problemWith(defaultValue));
        }
    }

    public static ConfigKey required(String name, ConfigType type, String doc) {
        return new ConfigKey(name, type, true, null, false, doc);
    }

    public static ConfigKey optional(String name, ConfigType type, String defaultValue, String doc) {
        return new ConfigKey(name, type, false, defaultValue, false, doc);
    }

    /** A required key whose value is never logged or echoed (API tokens, passwords). */
    public static ConfigKey secret(String name, String doc) {
        return new ConfigKey(name, ConfigType.STRING, true, null, true, doc);
    }

    /** The value of this key in {@code config}, else its default. */
    public Optional<String> valueIn(Map<String, String> config) {
        String value = config.get(name);
        return Optional.ofNullable(value == null || value.isBlank() ? defaultValue : value);
    }

    /** Missing required keys, values of the wrong type and keys nobody declared, each with its reason. */
    public static List<ConfigProblem> check(Collection<ConfigKey> keys, Map<String, String> config) {
        Map<String, ConfigKey> byName = byName(keys);
        List<ConfigProblem> problems = new ArrayList<>();
        for (ConfigKey key : keys) {
            String value = config.get(key.name());
            if (value == null || value.isBlank()) {
                if (key.required()) {
                    problems.add(new ConfigProblem(key.name(), "is required: " + key.doc()));
                }
                continue;
            }
            String problem = key.type().problemWith(value);
            if (problem != null) {
                // a secret's value stays out of the message even when it is malformed
                problems.add(new ConfigProblem(key.name(), key.secret() ? "is not a valid " + key.type() : problem));
            }
        }
        new TreeMap<>(config)
                .keySet().stream()
                        .filter(name -> !byName.containsKey(name))
                        .forEach(name -> problems.add(new ConfigProblem(
                                Excerpt.of(name),
                                "is not a key of this connector; known keys: " + String.join(", ", byName.keySet()))));
        return problems;
    }

    /** A copy of {@code config} fit for logs and answers: secret values replaced by {@value #REDACTED}. */
    public static Map<String, String> redact(Collection<ConfigKey> keys, Map<String, String> config) {
        Map<String, ConfigKey> byName = byName(keys);
        Map<String, String> result = new TreeMap<>();
        config.forEach((name, value) -> {
            ConfigKey key = byName.get(name);
            // an undeclared key might be a misspelt secret: hide it too
            result.put(name, key == null || key.secret() ? REDACTED : value);
        });
        return result;
    }

    private static Map<String, ConfigKey> byName(Collection<ConfigKey> keys) {
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        keys.forEach(key -> byName.put(key.name(), key));
        return byName;
    }
}
