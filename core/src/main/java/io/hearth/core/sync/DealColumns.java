package io.hearth.core.sync;

import io.hearth.connector.spi.DealFields;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a deal record's fields onto {@link DealFields}: names already Hearth's pass through (CRM
 * readers use them), and the headers spreadsheets and CRM exports use for deals map by themselves
 * ("Deal Name", "Opportunity Name", "Amount", "Stage", "Close Date", "Deal Owner", "Lost Reason",
 * "Contact Email"...). The first filled value of a field wins; unknown columns are ignored.
 */
public final class DealColumns {
    private static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("dealname", DealFields.TITLE),
            Map.entry("dealtitle", DealFields.TITLE),
            Map.entry("opportunityname", DealFields.TITLE),
            Map.entry("title", DealFields.TITLE),
            Map.entry("name", DealFields.TITLE),
            Map.entry("amount", DealFields.AMOUNT),
            Map.entry("dealamount", DealFields.AMOUNT),
            Map.entry("value", DealFields.AMOUNT),
            Map.entry("dealvalue", DealFields.AMOUNT),
            Map.entry("currency", DealFields.CURRENCY),
            Map.entry("currencycode", DealFields.CURRENCY),
            Map.entry("dealcurrency", DealFields.CURRENCY),
            Map.entry("amountcurrency", DealFields.CURRENCY),
            Map.entry("opportunitycurrency", DealFields.CURRENCY),
            Map.entry("stage", DealFields.STAGE),
            Map.entry("dealstage", DealFields.STAGE),
            Map.entry("stagename", DealFields.STAGE),
            Map.entry("pipelinestage", DealFields.STAGE),
            Map.entry("closedate", DealFields.CLOSE_DATE),
            Map.entry("expectedclosedate", DealFields.CLOSE_DATE),
            Map.entry("closingdate", DealFields.CLOSE_DATE),
            Map.entry("owner", DealFields.OWNER),
            Map.entry("dealowner", DealFields.OWNER),
            Map.entry("opportunityowner", DealFields.OWNER),
            Map.entry("outcome", DealFields.OUTCOME),
            Map.entry("status", DealFields.OUTCOME),
            Map.entry("reason", DealFields.REASON),
            Map.entry("lostreason", DealFields.REASON),
            Map.entry("closedlostreason", DealFields.REASON),
            Map.entry("closereason", DealFields.REASON),
            Map.entry("leadsource", DealFields.LEAD_SOURCE),
            Map.entry("source", DealFields.LEAD_SOURCE),
            Map.entry("contact", DealFields.CONTACT),
            Map.entry("contactid", DealFields.CONTACT_ID),
            Map.entry("personid", DealFields.CONTACT_ID),
            Map.entry("contactemail", DealFields.CONTACT_EMAIL),
            Map.entry("email", DealFields.CONTACT_EMAIL));

    private DealColumns() {}

    /** The record's values under Hearth's deal field names, blank values left out. */
    public static Map<String, String> map(Map<String, String> fields) {
        Map<String, String> mapped = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            String field = DealFields.ALL.contains(name)
                    ? name
                    : HEADERS.get(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
            if (field != null) {
                mapped.putIfAbsent(field, value.strip());
            }
        });
        return mapped;
    }
}
