package io.hearth.core.lead;

/** Where a lead came from. */
public enum LeadSource {
    WEB_FORM,
    REFERRAL,
    WEBINAR,
    SEMINAR,
    TRADE_SHOW,
    SOCIAL,
    SEARCH,
    PURCHASED_LIST,
    MARKETING,
    OTHER
}
