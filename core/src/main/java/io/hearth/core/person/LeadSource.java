package io.hearth.core.person;

/** Where a person came to us from: the lead source, which a contact converted from a lead keeps. */
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
