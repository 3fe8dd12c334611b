package io.hearth.connector.hubspot;

import io.hearth.connector.spi.OutgoingTouch;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The properties of the HubSpot activity a touch becomes, and the marker that identifies it: the
 * activity's body ends with {@code [Hearth touch touches/...]}, which a later write of the same touch
 * finds (see {@link TouchWriter}).
 */
final class TouchActivity {
    // Hearth's resource names: a collection, a slash and an id of letters, digits, - and _
    private static final Pattern TOUCH_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");
    private static final Pattern MARKER = Pattern.compile("\\[Hearth touch ([A-Za-z0-9._:/-]{1,200})]");

    /** HubSpot's built-in call outcomes ({@code hs_call_disposition}), the same ids in every account. */
    private static final Map<String, String> CALL_DISPOSITIONS = Map.of(
            "connected", "f240bbac-87c9-4f6e-bf70-924b57d47db7",
            "no-answer", "73a0d17f-1163-4015-bdd5-ec830791da20",
            "left-voicemail", "b2cf5968-551e-4856-9783-52b3da59a7d0",
            "wrong-contact", "17b47fee-58de-441e-a44c-c6300d46f273");

    private TouchActivity() {}

    /** Whether a touch id can go into a marker (Hearth's always can). */
    static boolean markable(String touchId) {
        return TOUCH_ID.matcher(touchId).matches();
    }

    static String marker(String touchId) {
        return "[Hearth touch " + touchId + "]";
    }

    /**
     * The touch id the body's marker names, if it has one: the last marker, since the writer puts its
     * marker last and a rep's note may quote another.
     */
    static Optional<String> touchIdIn(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher matcher = MARKER.matcher(body);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        return Optional.ofNullable(last);
    }

    static Map<String, String> properties(OutgoingTouch touch, ActivityType type) {
        String when = touch.occurredAt().toString();
        String title = label(touch.channel()) + (touch.outcome() == null ? "" : ": " + words(touch.outcome()));
        String note = touch.note() == null || touch.note().isBlank()
                ? ""
                : touch.note().strip() + "\n\n";
        String body = note + marker(touch.touchId());
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("hs_timestamp", when);
        switch (type) {
            case CALL -> {
                properties.put("hs_call_title", title);
                properties.put("hs_call_direction", "OUTBOUND");
                properties.put("hs_call_status", "COMPLETED");
                if (touch.outcome() != null && CALL_DISPOSITIONS.containsKey(touch.outcome())) {
                    properties.put("hs_call_disposition", CALL_DISPOSITIONS.get(touch.outcome()));
                }
            }
            case EMAIL -> {
                properties.put("hs_email_subject", title);
                properties.put("hs_email_direction", "EMAIL");
                properties.put("hs_email_status", "SENT");
            }
            case MEETING -> {
                properties.put("hs_meeting_title", title);
                properties.put("hs_meeting_start_time", when);
                properties.put("hs_meeting_end_time", when);
                properties.put(
                        "hs_meeting_outcome", "meeting-booked".equals(touch.outcome()) ? "SCHEDULED" : "COMPLETED");
            }
            case NOTE -> body = title + "\n\n" + body;
        }
        properties.put(type.bodyProperty(), body);
        return properties;
    }

    /** "direct-mail" as "Direct mail", "sms" as "SMS": how the channel reads in HubSpot's timeline. */
    private static String label(String channel) {
        return switch (channel) {
            case "phone" -> "Phone call";
            case "sms" -> "SMS";
            case "social" -> "Social media message";
            default -> {
                String words = words(channel);
                yield words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
            }
        };
    }

    private static String words(String word) {
        return word.replace('-', ' ');
    }
}
