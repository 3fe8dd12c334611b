package io.hearth.server.config;

/**
 * How much one caller may ask of one server instance.
 *
 * @param callsPerSecond calls per second each caller may make in the long run; 0: no rate limit
 * @param burst calls a caller may make at once after being idle (the bucket's size)
 * @param maxStreamsPerCaller streaming calls (watches, syncs, uploads, exports) one caller may have
 *     open at once; 0: no cap
 * @param maxMessageBytes the largest request message the server reads
 */
public record LimitsConfig(double callsPerSecond, int burst, int maxStreamsPerCaller, int maxMessageBytes) {
    public static final double DEFAULT_CALLS_PER_SECOND = 50;
    public static final int DEFAULT_BURST = 100;
    public static final int DEFAULT_MAX_STREAMS_PER_CALLER = 8;
    /** 4 MiB, gRPC's own default: sixty-four times an upload chunk (64 KiB), far above any other request. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** Below this a request of a few hundred fields could not be sent at all. */
    public static final int MIN_MAX_MESSAGE_BYTES = 64 * 1024;
    /** gRPC cannot frame more than this in one message. */
    public static final int MAX_MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

    public static final LimitsConfig DEFAULTS = new LimitsConfig(
            DEFAULT_CALLS_PER_SECOND, DEFAULT_BURST, DEFAULT_MAX_STREAMS_PER_CALLER, DEFAULT_MAX_MESSAGE_BYTES);

    /** No rate limit and no stream cap, the default message size: for tests that are not about limits. */
    public static final LimitsConfig UNLIMITED = new LimitsConfig(0, 1, 0, DEFAULT_MAX_MESSAGE_BYTES);

    public LimitsConfig {
        if (!(callsPerSecond >= 0) || callsPerSecond > 1_000_000) {
            throw new IllegalArgumentException(
                    "the rate limit (--rate-limit) must be between 0 (off) and 1000000 calls per second, got "
                            + callsPerSecond);
        }
        if (burst < 1 || burst > 1_000_000) {
            throw new IllegalArgumentException(
                    "the rate burst (--rate-burst) must be between 1 and 1000000 calls, got " + burst);
        }
        if (maxStreamsPerCaller < 0 || maxStreamsPerCaller > 10_000) {
            throw new IllegalArgumentException(
                    "the streams per token (--max-streams-per-token) must be between 0 (no cap) and 10000, got "
                            + maxStreamsPerCaller);
        }
        if (maxMessageBytes < MIN_MAX_MESSAGE_BYTES || maxMessageBytes > MAX_MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("the largest message (--max-message-bytes) must be between "
                    + MIN_MAX_MESSAGE_BYTES + " and " + MAX_MAX_MESSAGE_BYTES + " bytes, got " + maxMessageBytes);
        }
    }

    public boolean rateLimited() {
        return callsPerSecond > 0;
    }

    public boolean streamsCapped() {
        return maxStreamsPerCaller > 0;
    }
}
