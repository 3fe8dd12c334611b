package io.hearth.core.queue;

/** How the suggested touch is made. */
public enum ActionChannel {
    PHONE, EMAIL, POSTCARD, MEETING, VIDEO_CALL, SOCIAL
}
