package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.StandardFields;
import io.hearth.core.error.Excerpts;
import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which side owns each synced field of a connection, set in its config as {@code own.<field>=hearth}
 * or {@code own.<field>=crm}. By default the CRM owns identity (names, email, phone, company, title)
 * and Hearth owns temperature and status. A write-back sends only the fields Hearth owns; a read
 * never applies them. Qualification and touches are Hearth's always: no CRM field carries the one,
 * and the other is written, never read.
 *
 * <p>Deals have owners too ({@link #DEAL_FIELDS}): by default Hearth owns the stage (where the deal
 * is, won or lost, and why: what reps move in Hearth's queue) and the CRM the title, amount and
 * close date. They matter only to a connection that writes deals back: its write sends the deal
 * fields Hearth owns, and its read does not apply them to a deal Hearth has.
 *
 * <p>The {@code own.} keys are Hearth's, not the connector's: they are checked here and taken out
 * of the config before the connector sees it.
 */
public record FieldOwnership(Set<String> hearthOwned) {
    public static final String PREFIX = "own.";
    /** The fields whose owner a connection may choose, in the order a write-back lists them. */
    public static final List<String> FIELDS = List.of(
            StandardFields.GIVEN_NAME,
            StandardFields.FAMILY_NAME,
            StandardFields.EMAIL,
            StandardFields.PHONE,
            StandardFields.COMPANY,
            StandardFields.TITLE,
            StandardFields.TEMPERATURE,
            StandardFields.STATUS);

    /**
     * The deal fields whose owner a connection may choose, in the order a write-back lists them. The
     * amount carries its currency, and the stage the outcome and the reason a deal closed.
     */
    public static final List<String> DEAL_FIELDS =
            List.of(DealFields.TITLE, DealFields.AMOUNT, DealFields.CLOSE_DATE, DealFields.STAGE);

    public static final Set<String> HEARTH_BY_DEFAULT =
            Set.of(StandardFields.TEMPERATURE, StandardFields.STATUS, DealFields.STAGE);
    public static final FieldOwnership DEFAULT = new FieldOwnership(HEARTH_BY_DEFAULT);

    public FieldOwnership {
        requireNonNull(hearthOwned, "hearthOwned is null");
        Set<String> ordered = new LinkedHashSet<>();
        FIELDS.stream().filter(hearthOwned::contains).forEach(ordered::add);
        DEAL_FIELDS.stream().filter(hearthOwned::contains).forEach(ordered::add);
        if (ordered.size() != hearthOwned.size()) {
            throw new IllegalArgumentException("not a field with an owner: " + hearthOwned);
        }
        hearthOwned = Collections.unmodifiableSet(ordered);
    }

    /**
     * The ownership a connection's config sets.
     *
     * @throws InvalidArgumentException naming each bad {@code config.own.<field>} key
     */
    public static FieldOwnership of(Map<String, String> config) {
        List<FieldViolation> violations = violations(config);
        if (!violations.isEmpty()) {
            throw new InvalidArgumentException(violations);
        }
        Set<String> owned = new LinkedHashSet<>(HEARTH_BY_DEFAULT);
        config.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                String field = key.substring(PREFIX.length());
                if (owner(value).equals("hearth")) {
                    owned.add(field);
                } else {
                    owned.remove(field);
                }
            }
        });
        return new FieldOwnership(owned);
    }

    /** What is wrong with the config's {@code own.} keys, each under {@code config.own.<field>}. */
    public static List<FieldViolation> violations(Map<String, String> config) {
        List<FieldViolation> violations = new ArrayList<>();
        new TreeMap<>(config).forEach((key, value) -> {
            if (!key.startsWith(PREFIX)) {
                return;
            }
            String path = "config." + Excerpts.of(key);
            String field = key.substring(PREFIX.length());
            if (!FIELDS.contains(field) && !DEAL_FIELDS.contains(field)) {
                violations.add(new FieldViolation(
                        path,
                        "is not a field with an owner; use own.<field> with one of " + String.join(", ", FIELDS)
                                + " (people) or " + String.join(", ", DEAL_FIELDS) + " (deals)"));
            } else if (!owner(value).equals("hearth") && !owner(value).equals("crm")) {
                violations.add(new FieldViolation(
                        path, "must be hearth or crm (who owns " + field + "), got " + Excerpts.quoted(value)));
            }
        });
        return violations;
    }

    /** The config without the {@code own.} keys: what the connector is given. */
    public static Map<String, String> connectorConfig(Map<String, String> config) {
        Map<String, String> rest = new TreeMap<>(config);
        rest.keySet().removeIf(key -> key.startsWith(PREFIX));
        return rest;
    }

    /** The people's fields Hearth owns, in {@link #FIELDS} order. */
    public Set<String> people() {
        Set<String> people = new LinkedHashSet<>(hearthOwned);
        people.retainAll(FIELDS);
        return Collections.unmodifiableSet(people);
    }

    /** The deal fields Hearth owns, in {@link #DEAL_FIELDS} order. */
    public Set<String> deals() {
        Set<String> deals = new LinkedHashSet<>(hearthOwned);
        deals.retainAll(DEAL_FIELDS);
        return Collections.unmodifiableSet(deals);
    }

    public boolean hearthOwns(String field) {
        return hearthOwned.contains(field);
    }

    private static String owner(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
