package io.hearth.connector.spi;

import java.util.List;

/**
 * Hearth's names for the fields of a deal (an opportunity), as deal readers supply them and deal
 * writers receive them. Values are text: amounts as plain decimals ({@code 12500.50}), dates as ISO
 * dates ({@code 2027-03-31}).
 */
public final class DealFields {
    /** What the deal is, e.g. "200 seats, annual plan". */
    public static final String TITLE = "deal_title";
    /** What it is worth, a non-negative decimal with a dot. */
    public static final String AMOUNT = "deal_amount";
    /** The ISO 4217 code of {@link #AMOUNT}, e.g. {@code EUR}. */
    public static final String CURRENCY = "deal_currency";
    /**
     * The source's stage, by its id or its name as the source shows it (HubSpot's
     * {@code appointmentscheduled}, Salesforce's {@code Prospecting}, a Pipedrive stage id).
     * Hearth maps it onto its own pipeline: a stage it cannot map is a rejected record, never a
     * default. A writer receives Hearth's stage key (e.g. {@code needs_analysis}).
     */
    public static final String STAGE = "deal_stage";
    /** The expected close date, ISO. */
    public static final String CLOSE_DATE = "deal_close_date";
    /** The user who works the deal. */
    public static final String OWNER = "deal_owner";
    /** {@code open}, {@code won} or {@code lost}; when absent the stage says it. */
    public static final String OUTCOME = "deal_outcome";
    /** Why it was lost (or won). */
    public static final String REASON = "deal_reason";
    /** The lead source of the contact the deal came from, as a {@link StandardFields#SOURCE} value. */
    public static final String LEAD_SOURCE = "deal_lead_source";
    /**
     * The deal's contact by the person's own id in the same source (the id its person record was read
     * with), e.g. a HubSpot contact id associated with the deal.
     */
    public static final String CONTACT_ID = "deal_contact_id";
    /** The deal's contact by e-mail, when the source has no id for it (a spreadsheet). */
    public static final String CONTACT_EMAIL = "deal_contact_email";
    /** The deal's contact by its Hearth name ({@code contacts/...}); what Hearth's own export writes. */
    public static final String CONTACT = "deal_contact";

    public static final List<String> ALL = List.of(
            TITLE,
            AMOUNT,
            CURRENCY,
            STAGE,
            CLOSE_DATE,
            OWNER,
            OUTCOME,
            REASON,
            LEAD_SOURCE,
            CONTACT_ID,
            CONTACT_EMAIL,
            CONTACT);

    private DealFields() {}
}
