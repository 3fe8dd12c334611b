package io.hearth.connector.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One touch (a call, an email, a meeting...) logged in Hearth, written to a destination that keeps an
 * activity history, such as a CRM's engagements, tasks or activities.
 *
 * @param touchId          the touch's resource name in Hearth, e.g. {@code touches/0190...}: the
 *                         idempotency key, so a retried write finds the touch it already wrote
 * @param personHearthId   the touched person's resource name in Hearth, e.g. {@code leads/0190...}
 * @param personExternalId the person's id in the destination when known, else {@code null}
 * @param channel          how the touch was made, one of {@link #CHANNELS} (Hearth may add words later:
 *                         a writer maps a word it does not know to its most generic activity, e.g. a note)
 * @param outcome          what came of it, one of {@link #OUTCOMES}, or {@code null} when none was logged
 * @param occurredAt       when the touch happened
 * @param note             the rep's free text, or {@code null}
 */
public record OutgoingTouch(
        String touchId,
        String personHearthId,
        String personExternalId,
        String channel,
        String outcome,
        Instant occurredAt,
        String note) {
    /** The channels Hearth logs today, as it spells them to connectors. */
    public static final List<String> CHANNELS =
            List.of("phone", "email", "postcard", "direct-mail", "meeting", "video-call", "social", "sms");
    /** The outcomes Hearth logs today, as it spells them to connectors. */
    public static final List<String> OUTCOMES = List.of(
            "no-answer",
            "left-voicemail",
            "connected",
            "replied-positive",
            "replied-negative",
            "meeting-booked",
            "not-interested",
            "bounced",
            "wrong-contact",
            "unsubscribed");

    // lower-case words joined by hyphens, as Hearth's kinds are spelt: catches an enum's NAME passed as is
    private static final Pattern WORD = Pattern.compile("[a-z]+(-[a-z]+)*");

    public OutgoingTouch {
        requireNonBlank(touchId, "touchId");
        requireNonBlank(personHearthId, "personHearthId");
        requireNonNull(channel, "channel is null");
        requireNonNull(occurredAt, "occurredAt is null");
        requireWord(channel, "channel");
        if (outcome != null) {
            requireWord(outcome, "outcome");
        }
    }

    private static void requireNonBlank(String value, String name) {
        requireNonNull(value, name + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }

    private static void requireWord(String value, String name) {
        if (!WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be lower-case words joined by hyphens, e.g. "
                    + "video-call, got '" + Excerpt.of(value) + "'");
        }
    }
}
