package io.hearth.core.queue;

/** How the suggested touch is made: every channel a touch can be logged on. */
public enum ActionChannel {
    PHONE,
    EMAIL,
    POSTCARD,
    DIRECT_MAIL,
    MEETING,
    VIDEO_CALL,
    SOCIAL,
    SMS
}
