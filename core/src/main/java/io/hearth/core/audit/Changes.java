package io.hearth.core.audit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields that differ between two versions of a resource's fields (records, nested records
 * flattened: a lead's {@code person.email} is {@code email}), by their API path, values as text.
 * A field whose name says it holds a secret is reported changed with its values masked.
 */
public final class Changes {
    static final String MASKED = "***";
    private static final Set<String> SECRET_WORDS = Set.of("secret", "token", "password", "key");
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

    private Changes() {}

    /**
     * The changes from {@code before} to {@code after}; either may be {@code null} (a create, a
     * delete). Bookkeeping every write moves (ids, create and update times, versions) is left out.
     */
    public static List<FieldChange> between(Record before, Record after) {
        List<FieldChange> changes = new ArrayList<>();
        Record shape = after != null ? after : before;
        if (shape != null) {
            diff(shape.getClass(), before, after, changes);
        }
        return changes;
    }

    private static final Set<String> BOOKKEEPING = Set.of("id", "createdAt", "updatedAt", "version");

    private static void diff(Class<?> type, Object before, Object after, List<FieldChange> changes) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (BOOKKEEPING.contains(component.getName())) {
                continue;
            }
            Object old = before == null ? null : read(component, before);
            Object now = after == null ? null : read(component, after);
            if (component.getType().isRecord()) {
                diff(component.getType(), old, now, changes);
                continue;
            }
            String oldText = text(old);
            String newText = text(now);
            if (!Objects.equals(oldText, newText)) {
                String field = path(component.getName());
                boolean secret = isSecret(field);
                changes.add(new FieldChange(
                        field,
                        secret && oldText != null ? MASKED : oldText,
                        secret && newText != null ? MASKED : newText));
            }
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> values) {
            return values.isEmpty()
                    ? null
                    : String.join(", ", values.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    static String path(String componentName) {
        return CAMEL.matcher(componentName).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    static boolean isSecret(String field) {
        for (String part : field.split("_")) {
            if (SECRET_WORDS.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
