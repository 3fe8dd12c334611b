package io.hearth.core.priority;

/** A BANT answer: not asked yet, or answered yes or no. */
public enum Answer {
    UNKNOWN,
    YES,
    NO
}
