package io.hearth.core.contact;

import static java.util.Objects.requireNonNull;

import io.hearth.core.lead.Lead;

/** A converted lead and the prospect it became. */
public record Conversion(Lead lead, Contact contact) {
    public Conversion {
        requireNonNull(lead, "lead is null");
        requireNonNull(contact, "contact is null");
    }
}
