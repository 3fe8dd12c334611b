package io.hearth.connector.pipedrive;

import io.hearth.connector.spi.StandardFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names that stand for Hearth's temperatures in Pipedrive: lead labels (Pipedrive ships Hot, Warm
 * and Cold) or the options of a custom field. One distinct name per temperature, so that a name read
 * back means one temperature and what Hearth wrote reads back unchanged.
 */
final class TemperatureLabels {
    static final String DEFAULT = "hot=Hot,warm=Warm,cool=Cool,cold=Cold";

    private final Map<String, String> nameByTemperature;

    private TemperatureLabels(Map<String, String> nameByTemperature) {
        this.nameByTemperature = nameByTemperature;
    }

    /** Parses {@code hot=Hot,warm=Warm,...}; throws with the reason when it is not one name per temperature. */
    static TemperatureLabels parse(String text) {
        Map<String, String> names = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String pair : text.split(",")) {
            int equals = pair.indexOf('=');
            String temperature = equals < 0
                    ? pair.strip()
                    : pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String name = equals < 0 ? "" : pair.substring(equals + 1).strip();
            if (!StandardFields.TEMPERATURES.contains(temperature)) {
                problems.add(Quote.of(temperature) + " is not a temperature ("
                        + String.join(", ", StandardFields.TEMPERATURES) + ")");
            } else if (name.isEmpty()) {
                problems.add(temperature + " has no label name (write " + temperature + "=Name)");
            } else if (names.values().stream().anyMatch(name::equalsIgnoreCase)) {
                problems.add("two temperatures have the label " + Quote.of(name));
            } else {
                names.put(temperature, name);
            }
        }
        StandardFields.TEMPERATURES.stream()
                .filter(t -> !names.containsKey(t) && problems.isEmpty())
                .forEach(t -> problems.add(t + " has no label name"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new TemperatureLabels(Map.copyOf(names));
    }

    /** The label name standing for {@code temperature}. */
    String nameOf(String temperature) {
        String name = nameByTemperature.get(temperature);
        if (name == null) {
            throw new IllegalArgumentException("not a temperature: " + temperature);
        }
        return name;
    }

    /** The temperature a label name stands for, in any letter case; empty for other labels. */
    Optional<String> temperatureOf(String name) {
        return nameByTemperature.entrySet().stream()
                .filter(e -> e.getValue().equalsIgnoreCase(name.strip()))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The hottest temperature among these label names, or empty when none stands for one. */
    Optional<String> hottest(Collection<String> names) {
        return names.stream()
                .map(this::temperatureOf)
                .flatMap(Optional::stream)
                .min((a, b) -> StandardFields.TEMPERATURES.indexOf(a) - StandardFields.TEMPERATURES.indexOf(b));
    }
}
