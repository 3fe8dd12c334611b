package io.hearth.cli;

/** Lead arguments may be a bare id or the resource name; requests always carry the name. */
final class LeadName {

    static final String COLLECTION_PREFIX = "leads/";

    private LeadName() {}

    /** {@code 42} and {@code leads/42} both become {@code leads/42}. */
    static String normalize(String idOrName) {
        return ResourceName.normalize(COLLECTION_PREFIX, "lead", idOrName);
    }

    /** Lets picocli normalize these arguments, so a malformed one is a usage error. */
    static final class Converter extends ResourceName.Converter {
        Converter() {
            super(COLLECTION_PREFIX, "lead");
        }
    }
}
