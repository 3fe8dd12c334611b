package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Contact;
import java.util.Optional;

/**
 * What logging a touch (or completing a follow-up) did.
 *
 * @param next the follow-up scheduled after it, if any
 * @param convertedTo the contact the lead became, when the outcome converted it
 * @param conversionSuggested the outcome calls for converting the lead, but conversion is not automatic
 */
public record TouchLogged(
        Touch touch,
        Cadence cadence,
        Optional<FollowUp> next,
        Optional<Contact> convertedTo,
        boolean conversionSuggested) {
    public TouchLogged {
        requireNonNull(touch, "touch is null");
        requireNonNull(cadence, "cadence is null");
        requireNonNull(next, "next is null");
        requireNonNull(convertedTo, "convertedTo is null");
    }
}
