package io.hearth.connector.spi;

/** What a connector can do. */
public enum Capability {
    /** Reads records into Hearth (import). */
    READ,
    /** Writes people out of Hearth (export, push back). */
    WRITE,
    /**
     * Its cursor stays meaningful after a complete read (e.g. "modified after"), so the next sync
     * reads only what changed. Without it, a finished read forgets its cursor and the next sync reads
     * everything again, which deduplication turns into no-ops.
     */
    INCREMENTAL,
    /** Its writer writes touches as the destination's activities ({@link RecordWriter#writeTouches}). */
    WRITE_TOUCHES,
    /**
     * Reads deals (opportunities) too, with {@link Connector#openDealReader}: records whose fields
     * are named by {@link DealFields}. Hearth reads them after the people, so a deal finds its contact.
     */
    READ_DEALS,
    /** Writes deals out of Hearth with {@link Connector#openDealWriter} (export, push back). */
    WRITE_DEALS
}
