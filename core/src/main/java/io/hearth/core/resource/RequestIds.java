package io.hearth.core.resource;

import io.hearth.core.error.InvalidArgumentException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Idempotent creates (AIP-155): a create call may carry a {@code request_id}, and a retry with the
 * same id answers with what the first call made instead of making a second one.
 */
public final class RequestIds {
    public static final int MAX_LENGTH = 100;

    private RequestIds() {}

    /**
     * Creates once per request id.
     *
     * @param requestId the call's {@code request_id}; blank means none, so every call creates
     * @param madeBy what an earlier call with the (stripped) id made, if any
     * @param create makes and stores the resource under the id; empty when a concurrent call with
     *     the same id stored first (the store's unique key refused this one)
     */
    public static <T> T createOnce(
            String requestId, Function<String, Optional<T>> madeBy, Function<String, Optional<T>> create) {
        String key = requestId == null || requestId.isBlank() ? null : requestId.strip();
        if (key == null) {
            return create.apply(null)
                    .orElseThrow(() -> new IllegalStateException("a create without a request id was refused"));
        }
        if (key.length() > MAX_LENGTH) {
            throw InvalidArgumentException.of("request_id", "must be at most " + MAX_LENGTH + " characters");
        }
        ControlCharacters.requireLine(key, "request_id");
        Optional<T> earlier = madeBy.apply(key);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        return create.apply(key)
                .or(() -> madeBy.apply(key))
                .orElseThrow(() -> new IllegalStateException("request id " + key + " collided but nothing carries it"));
    }
}
