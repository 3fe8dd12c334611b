package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.spi.OutgoingTouch;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** A touch as a done Pipedrive activity of its person, the touch id in its note. */
final class TouchActivity {
    /** Pipedrive's built-in activity types; a channel without its own type is a task, the most generic. */
    private static final Map<String, String> TYPES =
            Map.of("phone", "call", "email", "email", "meeting", "meeting", "video-call", "meeting");

    private static final Map<String, String> SUBJECTS = Map.of(
            "phone",
            "Phone call",
            "email",
            "Email",
            "postcard",
            "Postcard",
            "direct-mail",
            "Direct mail",
            "meeting",
            "Meeting",
            "video-call",
            "Video call",
            "social",
            "Social media message",
            "sms",
            "Text message");

    private TouchActivity() {}

    static ObjectNode body(OutgoingTouch touch, long personId) {
        ZonedDateTime at = touch.occurredAt().atZone(ZoneOffset.UTC);
        ObjectNode body = PipedriveJson.object()
                .put("subject", subject(touch))
                .put("type", TYPES.getOrDefault(touch.channel(), "task"))
                .put("done", true)
                // Pipedrive keeps an activity's date and time in UTC
                .put("due_date", at.format(DateTimeFormatter.ISO_LOCAL_DATE))
                .put("due_time", at.format(DateTimeFormatter.ofPattern("HH:mm")))
                .put("note", note(touch));
        body.putArray("participants").addObject().put("person_id", personId).put("primary", true);
        return body;
    }

    /** "Phone call: left voicemail". */
    static String subject(OutgoingTouch touch) {
        String channel = SUBJECTS.getOrDefault(
                touch.channel(), capitalized(touch.channel().replace('-', ' ')));
        return touch.outcome() == null
                ? channel
                : channel + ": " + touch.outcome().replace('-', ' ');
    }

    /** The rep's note as HTML (Pipedrive's notes are HTML), then the marker that makes the write idempotent. */
    private static String note(OutgoingTouch touch) {
        String marker = "<p>Logged in Hearth " + ActivityMarker.of(touch.touchId()) + "</p>";
        return touch.note() == null || touch.note().isBlank()
                ? marker
                : "<p>" + html(touch.note().strip()).replace("\n", "<br>") + "</p>" + marker;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String capitalized(String words) {
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
