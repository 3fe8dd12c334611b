package io.hearth.connector.spi;

import java.util.List;

/**
 * Hearth's field names. A reader may use them as its field names; the sync engine also maps common
 * header names ("First Name", "E-mail Address") to them. A writer receives them.
 */
public final class StandardFields {
    public static final String GIVEN_NAME = "given_name";
    public static final String FAMILY_NAME = "family_name";
    public static final String COMPANY = "company";
    public static final String TITLE = "title";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String SOURCE = "source";
    public static final String STATUS = "status";
    public static final String OWNER = "owner";
    public static final String NOTES = "notes";
    /** Comma-separated. */
    public static final String TAGS = "tags";
    /**
     * Why a contact is one (prospect, active-client, dormant-client, supplier, partner, associate);
     * given to writers only. A sync does not read it: a record never changes why someone is a contact.
     */
    public static final String KIND = "kind";

    /** The fields a sync reads. */
    public static final List<String> ALL =
            List.of(GIVEN_NAME, FAMILY_NAME, COMPANY, TITLE, EMAIL, PHONE, SOURCE, STATUS, OWNER, NOTES, TAGS);

    private StandardFields() {}
}
