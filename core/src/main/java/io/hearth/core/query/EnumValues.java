package io.hearth.core.query;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import java.util.Arrays;
import java.util.Locale;

/** Reads enum values the way people write them: {@code hot}, {@code HOT}, {@code web-form}, {@code LEAD_SOURCE_WEB_FORM}. */
public final class EnumValues {
    /** What a caller is told of an enum value this server does not know, e.g. one a newer API added. */
    public static final String UNKNOWN_VALUE = "unknown enum value; this server does not know it";

    private EnumValues() {}

    /**
     * The constant of {@code type} named exactly {@code name}, as an API's enum value maps to it.
     *
     * @param field the request field the value came from, named when {@code type} has no such constant
     */
    public static <E extends Enum<E>> E known(Class<E> type, String name, String field) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw InvalidArgumentException.of(field, UNKNOWN_VALUE);
    }

    /**
     * @param apiPrefix the prefix the API's enum values carry, e.g. {@code LEAD_SOURCE_}
     * @param field the request field the value came from, named in errors
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String apiPrefix, String field) {
        String normalized =
                text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (normalized.startsWith(apiPrefix)) {
            normalized = normalized.substring(apiPrefix.length());
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalized)) {
                return constant;
            }
        }
        throw InvalidArgumentException.of(
                field,
                Excerpts.quoted(text) + " is not one of "
                        + Arrays.toString(Arrays.stream(type.getEnumConstants())
                                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                                .toArray()));
    }
}
