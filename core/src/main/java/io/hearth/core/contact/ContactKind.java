package io.hearth.core.contact;

/** What a contact is to the business. */
public enum ContactKind {
    /** Showed real interest and is worth pursuing; what a converted lead becomes. */
    PROSPECT,
    ACTIVE_CLIENT,
    DORMANT_CLIENT,
    SUPPLIER,
    PARTNER,
    ASSOCIATE
}
