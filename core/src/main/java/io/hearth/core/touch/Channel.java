package io.hearth.core.touch;

/** How a touch is made. */
public enum Channel {
    PHONE, EMAIL, POSTCARD, DIRECT_MAIL, MEETING, VIDEO_CALL, SOCIAL, SMS;

    /** Postcards and direct mail: for cold leads only once warmer work is exhausted. */
    public boolean isMail() {
        return this == POSTCARD || this == DIRECT_MAIL;
    }
}
