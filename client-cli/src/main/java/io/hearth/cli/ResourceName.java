package io.hearth.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Resource arguments may be a bare id or the resource name ({@code 42} or {@code leads/42});
 * requests always carry the name. One rule for every collection the CLI names.
 */
final class ResourceName {
    private ResourceName() {}

    /**
     * @param prefix the collection, e.g. {@code leads/}
     * @param what how an error names one, e.g. {@code lead}
     */
    static String normalize(String prefix, String what, String idOrName) {
        String trimmed = idOrName.trim();
        String id = trimmed.startsWith(prefix) ? trimmed.substring(prefix.length()) : trimmed;
        if (id.isEmpty() || id.contains("/")) {
            throw new IllegalArgumentException(
                    "'" + idOrName + "' is neither a " + what + " id nor a name like " + prefix + "{id}");
        }
        return prefix + id;
    }

    /** The id part of a resource name: {@code leads/42} gives {@code 42}, what a table shows. */
    static String idOf(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** Lets picocli normalize an argument, so a malformed one is a usage error. */
    abstract static class Converter implements ITypeConverter<String> {
        private final String prefix;
        private final String what;

        Converter(String prefix, String what) {
            this.prefix = prefix;
            this.what = what;
        }

        @Override
        public String convert(String value) {
            try {
                return normalize(prefix, what, value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
