package io.hearth.core.sync;

import io.hearth.core.lead.LeadStatus;
import io.hearth.core.person.LeadSource;
import java.util.Map;

/**
 * Reads the status and source values CRMs and spreadsheets write ("Working - Contacted",
 * "Organic Search") as Hearth's. An unknown value reads as absent rather than rejecting the row:
 * the person matters more than the label, and the lead rules fill the default.
 */
public final class Picklists {
    private static final Map<String, LeadStatus> STATUSES = Map.ofEntries(
            Map.entry("new", LeadStatus.NEW),
            Map.entry("open", LeadStatus.NEW),
            Map.entry("opennotcontacted", LeadStatus.NEW),
            Map.entry("notcontacted", LeadStatus.NEW),
            Map.entry("contacted", LeadStatus.CONTACTED),
            Map.entry("workingcontacted", LeadStatus.CONTACTED),
            Map.entry("working", LeadStatus.CONTACTED),
            Map.entry("inprogress", LeadStatus.CONTACTED),
            Map.entry("attemptedtocontact", LeadStatus.CONTACTED),
            Map.entry("connected", LeadStatus.CONTACTED),
            Map.entry("qualified", LeadStatus.QUALIFIED),
            Map.entry("opendeal", LeadStatus.QUALIFIED),
            Map.entry("unqualified", LeadStatus.UNQUALIFIED),
            Map.entry("badtiming", LeadStatus.UNQUALIFIED),
            Map.entry("closednotconverted", LeadStatus.UNQUALIFIED));

    private static final Map<String, LeadSource> SOURCES = Map.ofEntries(
            Map.entry("webform", LeadSource.WEB_FORM),
            Map.entry("web", LeadSource.WEB_FORM),
            Map.entry("website", LeadSource.WEB_FORM),
            Map.entry("directtraffic", LeadSource.WEB_FORM),
            Map.entry("referral", LeadSource.REFERRAL),
            Map.entry("partnerreferral", LeadSource.REFERRAL),
            Map.entry("employeereferral", LeadSource.REFERRAL),
            Map.entry("externalreferral", LeadSource.REFERRAL),
            Map.entry("webinar", LeadSource.WEBINAR),
            Map.entry("seminar", LeadSource.SEMINAR),
            Map.entry("seminarinternal", LeadSource.SEMINAR),
            Map.entry("seminarpartner", LeadSource.SEMINAR),
            Map.entry("tradeshow", LeadSource.TRADE_SHOW),
            Map.entry("social", LeadSource.SOCIAL),
            Map.entry("socialmedia", LeadSource.SOCIAL),
            Map.entry("organicsocial", LeadSource.SOCIAL),
            Map.entry("paidsocial", LeadSource.SOCIAL),
            Map.entry("search", LeadSource.SEARCH),
            Map.entry("organicsearch", LeadSource.SEARCH),
            Map.entry("paidsearch", LeadSource.SEARCH),
            Map.entry("purchasedlist", LeadSource.PURCHASED_LIST),
            Map.entry("marketing", LeadSource.MARKETING),
            Map.entry("emailmarketing", LeadSource.MARKETING),
            Map.entry("other", LeadSource.OTHER),
            Map.entry("offlinesources", LeadSource.OTHER));

    private Picklists() {}

    /** {@code null} when absent or unknown; CONVERTED values read as absent since only conversion sets it. */
    static LeadStatus status(String value) {
        return value == null ? null : STATUSES.get(FieldMapping.normalize(value));
    }

    public static LeadSource source(String value) {
        return value == null ? null : SOURCES.get(FieldMapping.normalize(value));
    }
}
