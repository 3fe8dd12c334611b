package io.hearth.connector.hubspot;

import java.util.Locale;

/**
 * The HubSpot activity (engagement) a touch becomes, by its channel: a call, an email, a meeting, or a
 * note for every other channel, including ones Hearth may add later. Each has an object type in the CRM
 * API, a body property (where the touch's marker goes) and HubSpot's association type to a contact.
 */
enum ActivityType {
    CALL("calls", "hs_call_body", 194),
    EMAIL("emails", "hs_email_text", 198),
    MEETING("meetings", "hs_meeting_body", 200),
    NOTE("notes", "hs_note_body", 202);

    private final String objectType;
    private final String bodyProperty;
    private final int contactAssociation;

    ActivityType(String objectType, String bodyProperty, int contactAssociation) {
        this.objectType = objectType;
        this.bodyProperty = bodyProperty;
        this.contactAssociation = contactAssociation;
    }

    static ActivityType of(String channel) {
        return switch (channel.toLowerCase(Locale.ROOT)) {
            case "phone" -> CALL;
            case "email" -> EMAIL;
            case "meeting", "video-call" -> MEETING;
            default -> NOTE;
        };
    }

    /** The CRM API's name, as in {@code /crm/v3/objects/calls}. */
    String objectType() {
        return objectType;
    }

    String bodyProperty() {
        return bodyProperty;
    }

    /** HubSpot's own association type id from this activity to a contact (e.g. 194, call to contact). */
    int contactAssociation() {
        return contactAssociation;
    }
}
