package io.hearth.cli;

/** Opportunity arguments may be a bare id or the resource name; requests always carry the name. */
final class OpportunityName {

    static final String COLLECTION_PREFIX = "opportunities/";

    private OpportunityName() {}

    /** Lets picocli normalize these arguments, so a malformed one is a usage error. */
    static final class Converter extends ResourceName.Converter {
        Converter() {
            super(COLLECTION_PREFIX, "opportunity");
        }
    }
}
