package io.hearth.core.touch;

import io.hearth.core.queue.ActionChannel;

/** How a touch is made. */
public enum Channel {
    PHONE,
    EMAIL,
    POSTCARD,
    DIRECT_MAIL,
    MEETING,
    VIDEO_CALL,
    SOCIAL,
    SMS;

    /** Postcards and direct mail: for cold leads only once warmer work is exhausted. */
    public boolean isMail() {
        return this == POSTCARD || this == DIRECT_MAIL;
    }

    /** The work queue's name for this channel, for suggesting a touch on it. */
    public ActionChannel asAction() {
        return switch (this) {
            case PHONE -> ActionChannel.PHONE;
            case EMAIL -> ActionChannel.EMAIL;
            case POSTCARD -> ActionChannel.POSTCARD;
            case DIRECT_MAIL -> ActionChannel.DIRECT_MAIL;
            case MEETING -> ActionChannel.MEETING;
            case VIDEO_CALL -> ActionChannel.VIDEO_CALL;
            case SOCIAL -> ActionChannel.SOCIAL;
            case SMS -> ActionChannel.SMS;
        };
    }
}
