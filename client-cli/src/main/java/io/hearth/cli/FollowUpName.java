package io.hearth.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Follow-up arguments may be a bare id or the resource name; requests always carry the name. */
final class FollowUpName {

    static final String COLLECTION_PREFIX = "followUps/";

    private FollowUpName() {}

    /** {@code 42} and {@code followUps/42} both become {@code followUps/42}. */
    static String normalize(String idOrName) {
        String trimmed = idOrName.trim();
        String id = trimmed.startsWith(COLLECTION_PREFIX) ? trimmed.substring(COLLECTION_PREFIX.length()) : trimmed;
        if (id.isEmpty() || id.contains("/")) {
            throw new IllegalArgumentException(
                    "'" + idOrName + "' is neither a follow-up id nor a name like followUps/{id}");
        }
        return COLLECTION_PREFIX + id;
    }

    /** Lets picocli normalize FOLLOWUP arguments, so a malformed one is a usage error. */
    static final class Converter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return normalize(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
