package io.hearth.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A person argument ({@code touch log}, {@code touch list}, {@code followups schedule}): {@code
 * leads/{id}}, {@code contacts/{id}}, or a bare id, which is a lead's. Every table shows a lead by
 * its bare id (the queue's and the agenda's ID column, {@code leads list}) and any other person by
 * its full name, so what a table shows can be typed back as it is.
 */
final class PersonName {
    private PersonName() {}

    static String normalize(String idOrName) {
        String trimmed = idOrName.trim();
        if (trimmed.startsWith(ContactName.COLLECTION_PREFIX)) {
            return ContactName.normalize(trimmed);
        }
        if (trimmed.startsWith(LeadName.COLLECTION_PREFIX) || !trimmed.contains("/")) {
            return LeadName.normalize(trimmed);
        }
        throw new IllegalArgumentException(
                "'" + idOrName + "' is neither leads/{id}, contacts/{id} nor a lead's id as the queue shows it");
    }

    /** Lets picocli normalize the argument, so a malformed one is a usage error. */
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
