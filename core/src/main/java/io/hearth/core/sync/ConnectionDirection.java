package io.hearth.core.sync;

/** Which way a connection syncs: people in from the connector, Hearth's changes out to it, or both. */
public enum ConnectionDirection {
    READ,
    WRITE,
    BOTH;

    public boolean reads() {
        return this != WRITE;
    }

    public boolean writes() {
        return this != READ;
    }
}
