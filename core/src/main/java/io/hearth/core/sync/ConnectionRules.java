package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.Connector;
import io.hearth.core.error.Excerpts;
import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.opportunity.PipelineStages;
import io.hearth.core.resource.ControlCharacters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a connection must be before it is stored. Every violation names its field relative to the
 * connection ({@code display_name}, {@code config.<key>}, {@code secret_refs.<key>}...). A secret
 * is accepted only as a reference ({@link SecretReference}), and a value that is not one is never
 * echoed: it may be the secret itself.
 */
public final class ConnectionRules {
    public static final int MAX_DISPLAY_NAME = 100;
    public static final int MAX_CONFIG_KEYS = 50;
    public static final int MAX_SECRET_REFS = 20;
    public static final int MAX_KEY_LENGTH = 100;
    public static final int MAX_VALUE_LENGTH = 2000;
    /** A schedule more often than this would start a run before the last one's batches are stored. */
    public static final int MIN_EVERY_MINUTES = 1;
    /** Seven days: a connection synced more rarely is better run by hand. */
    public static final int MAX_EVERY_MINUTES = 7 * 24 * 60;

    private final ConnectorRegistry connectors;

    private final PipelineStages pipeline;

    /** Checks deal stage mappings ({@code stage.*}) against the default pipeline. */
    public ConnectionRules(ConnectorRegistry connectors) {
        this(connectors, PipelineStages.DEFAULT);
    }

    /** @param pipeline the stages a connection's {@code stage.*} settings may map onto */
    public ConnectionRules(ConnectorRegistry connectors, PipelineStages pipeline) {
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
    }

    /**
     * The fields, with the display name stripped, when a connection may be stored with them.
     *
     * @throws InvalidArgumentException with every violation found
     */
    public ConnectionFields check(ConnectionFields input) {
        List<FieldViolation> violations = new ArrayList<>();
        String displayName = displayName(input.displayName(), violations);
        Connector connector = connector(input.connector(), violations);
        checkEntries(input.config(), MAX_CONFIG_KEYS, "config", violations);
        checkEntries(input.secretRefs(), MAX_SECRET_REFS, "secret_refs", violations);
        checkSchedule(input.schedule(), violations);
        if (connector != null) {
            checkDirection(connector, input.direction(), violations);
            checkAgainst(connector, input.config(), input.secretRefs(), violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidArgumentException(violations);
        }
        return new ConnectionFields(
                displayName,
                connector.name(),
                input.config(),
                input.secretRefs(),
                input.schedule(),
                input.direction(),
                input.enabled());
    }

    private static String displayName(String name, List<FieldViolation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new FieldViolation("display_name", "required: a name for the connection, e.g. \"HubSpot\""));
            return null;
        }
        String stripped = name.strip();
        String problem = ControlCharacters.lineProblem(stripped);
        if (problem != null) {
            violations.add(new FieldViolation("display_name", problem));
        } else if (stripped.length() > MAX_DISPLAY_NAME) {
            violations.add(new FieldViolation(
                    "display_name", "is " + stripped.length() + " characters; at most " + MAX_DISPLAY_NAME));
        }
        return stripped;
    }

    private Connector connector(String name, List<FieldViolation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new FieldViolation("connector", "required: the connector, e.g. connectors/hubspot"));
            return null;
        }
        try {
            return connectors.get(ConnectorRegistry.connectorName(name, "connector"));
        } catch (InvalidArgumentException e) {
            violations.addAll(e.violations());
        } catch (NotFoundException e) {
            violations.add(new FieldViolation(
                    "connector",
                    "no connector " + Excerpts.quoted(name)
                            + " is installed on the server; 'hearth connectors list' shows those that are"));
        }
        return null;
    }

    private static void checkEntries(
            Map<String, String> entries, int maxEntries, String field, List<FieldViolation> violations) {
        if (entries.size() > maxEntries) {
            violations.add(new FieldViolation(field, "has " + entries.size() + " keys; at most " + maxEntries));
            return;
        }
        new TreeMap<>(entries).forEach((key, value) -> {
            String path = field + "." + Excerpts.of(key);
            if (key.isBlank() || key.length() > MAX_KEY_LENGTH || ControlCharacters.lineProblem(key) != null) {
                violations.add(new FieldViolation(
                        path, "is not a key: 1 to " + MAX_KEY_LENGTH + " characters without control characters"));
            } else if (value.length() > MAX_VALUE_LENGTH) {
                violations.add(
                        new FieldViolation(path, "is " + value.length() + " characters; at most " + MAX_VALUE_LENGTH));
            } else if (ControlCharacters.lineProblem(value) != null) {
                violations.add(new FieldViolation(path, "must not contain control characters"));
            }
        });
    }

    private static void checkSchedule(ConnectionSchedule schedule, List<FieldViolation> violations) {
        int minutes = schedule.everyMinutes();
        if (!schedule.manual() && (minutes < MIN_EVERY_MINUTES || minutes > MAX_EVERY_MINUTES)) {
            violations.add(new FieldViolation(
                    "every_minutes",
                    "is " + minutes + "; a schedule runs every " + MIN_EVERY_MINUTES + " to " + MAX_EVERY_MINUTES
                            + " minutes (7 days), or 0 for manual runs only"));
        }
    }

    private static void checkDirection(
            Connector connector, ConnectionDirection direction, List<FieldViolation> violations) {
        Set<Capability> can = connector.capabilities();
        if (direction.reads() && !can.contains(Capability.READ)) {
            violations.add(
                    new FieldViolation("direction", "connector " + connector.name() + " cannot read; use WRITE"));
        } else if (direction.writes() && !can.contains(Capability.WRITE)) {
            violations.add(
                    new FieldViolation("direction", "connector " + connector.name() + " cannot write; use READ"));
        }
    }

    /**
     * Secrets only by reference and only for keys the connector declares secret, then the
     * connector's own validation. Secret values are not known until a run resolves them, so their
     * keys take a stand-in here and the connector's remarks on the stand-in are dropped.
     */
    private void checkAgainst(
            Connector connector,
            Map<String, String> config,
            Map<String, String> secretRefs,
            List<FieldViolation> violations) {
        Map<String, ConfigKey> keys = connector.configKeys().stream()
                .collect(Collectors.toMap(ConfigKey::name, k -> k, (a, b) -> a, TreeMap::new));
        for (String key : new TreeMap<>(config).keySet()) {
            ConfigKey declared = keys.get(key);
            if (declared != null && declared.secret()) {
                violations.add(new FieldViolation(
                        "config." + key,
                        "is a secret of connector " + connector.name() + ": give it in secret_refs as a reference ("
                                + SecretReference.FORM + "), never as a value"));
            }
        }
        for (Map.Entry<String, String> ref : new TreeMap<>(secretRefs).entrySet()) {
            String path = "secret_refs." + Excerpts.of(ref.getKey());
            ConfigKey declared = keys.get(ref.getKey());
            if (declared == null || !declared.secret()) {
                violations.add(new FieldViolation(
                        path,
                        "is not a secret key of connector " + connector.name() + "; its secret keys: "
                                + keys.values().stream()
                                        .filter(ConfigKey::secret)
                                        .map(ConfigKey::name)
                                        .collect(Collectors.joining(", "))));
            } else if (SecretReference.parse(ref.getValue()).isEmpty()) {
                // not echoed: a value that is not a reference may be the secret itself
                violations.add(new FieldViolation(
                        path, "must be a reference, " + SecretReference.FORM + "; a secret's value is never stored"));
            }
        }
        violations.addAll(FieldOwnership.violations(config));
        violations.addAll(DealSettings.violations(config, connector, pipeline, "config"));
        Map<String, String> standIn =
                new HashMap<>(DealSettings.connectorConfig(FieldOwnership.connectorConfig(config)));
        secretRefs.keySet().forEach(key -> standIn.put(key, "secret-reference"));
        for (ConfigProblem problem : connector.validate(standIn)) {
            ConfigKey declared = keys.get(problem.key());
            if (declared != null && declared.secret()) {
                if (!secretRefs.containsKey(problem.key()) && !config.containsKey(problem.key())) {
                    violations.add(new FieldViolation("secret_refs." + problem.key(), problem.message()));
                }
            } else if (!secretRefs.containsKey(problem.key())) {
                violations.add(new FieldViolation("config." + problem.key(), problem.message()));
            }
        }
    }
}
