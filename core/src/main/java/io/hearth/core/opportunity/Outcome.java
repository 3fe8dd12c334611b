package io.hearth.core.opportunity;

/** Whether a deal is still being worked, or how it ended. */
public enum Outcome {
    OPEN,
    WON,
    LOST;

    public boolean closed() {
        return this != OPEN;
    }
}
