package io.hearth.connector.spi;

import java.util.List;
import java.util.stream.Stream;

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
    /**
     * Whether the source sees the person as a lead or as a contact: {@link #STAGE_LEAD} or
     * {@link #STAGE_CONTACT}. Supplied by CRM readers, which map their own life-cycle onto it (e.g.
     * HubSpot's {@code lifecyclestage} customer means a contact, subscriber or lead means a lead), so
     * that Hearth knows which one to file a new person as. Readers supply it; a writer may receive it
     * too, and then maps it back onto the destination's life-cycle as it sees fit.
     */
    public static final String STAGE = "stage";

    public static final String STAGE_LEAD = "lead";
    public static final String STAGE_CONTACT = "contact";
    /**
     * How likely and how soon the person is to buy: one of {@link #TEMPERATURES}. Hearth computes it,
     * so it is given to writers (a CRM property, Salesforce's Rating, a Pipedrive label); a reader may
     * supply it when the source keeps one (Salesforce's Rating Hot, Warm or Cold), lower-case.
     */
    public static final String TEMPERATURE = "temperature";
    /** The values of {@link #TEMPERATURE}, hottest first. */
    public static final List<String> TEMPERATURES = List.of("hot", "warm", "cool", "cold");

    /** The fields a sync reads from any source (files and CRMs alike). */
    public static final List<String> ALL =
            List.of(GIVEN_NAME, FAMILY_NAME, COMPANY, TITLE, EMAIL, PHONE, SOURCE, STATUS, OWNER, NOTES, TAGS);

    /**
     * The fields a CRM reader may supply: {@link #ALL} plus {@link #STAGE} and {@link #TEMPERATURE}.
     * Kept apart from {@code ALL} because a file's columns do not carry them: a user mapping a
     * spreadsheet column names a target from {@code ALL}.
     */
    public static final List<String> CRM =
            Stream.concat(ALL.stream(), Stream.of(STAGE, TEMPERATURE)).toList();

    private StandardFields() {}
}
