package io.hearth.core.priority;

/** Who passed the lead on: a champion makes the introduction, a fan only passes the name. */
public enum ReferralKind {
    NONE,
    CHAMPION,
    FAN
}
