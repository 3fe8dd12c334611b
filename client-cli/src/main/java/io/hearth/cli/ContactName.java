package io.hearth.cli;

/** Contact arguments may be a bare id or the resource name; requests always carry the name. */
final class ContactName {

    static final String COLLECTION_PREFIX = "contacts/";

    private ContactName() {}

    /** {@code 42} and {@code contacts/42} both become {@code contacts/42}. */
    static String normalize(String idOrName) {
        return ResourceName.normalize(COLLECTION_PREFIX, "contact", idOrName);
    }

    /** Lets picocli normalize these arguments, so a malformed one is a usage error. */
    static final class Converter extends ResourceName.Converter {
        Converter() {
            super(COLLECTION_PREFIX, "contact");
        }
    }
}
