package io.hearth.cli;

/** Follow-up arguments may be a bare id or the resource name; requests always carry the name. */
final class FollowUpName {

    static final String COLLECTION_PREFIX = "followUps/";

    private FollowUpName() {}

    /** {@code 42} and {@code followUps/42} both become {@code followUps/42}. */
    static String normalize(String idOrName) {
        return ResourceName.normalize(COLLECTION_PREFIX, "follow-up", idOrName);
    }

    /** Lets picocli normalize these arguments, so a malformed one is a usage error. */
    static final class Converter extends ResourceName.Converter {
        Converter() {
            super(COLLECTION_PREFIX, "follow-up");
        }
    }
}
