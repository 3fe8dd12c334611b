package io.hearth.server.limits;

import java.util.concurrent.ConcurrentHashMap;

/** How many streaming calls each caller has open; a caller with none holds no entry. */
final class StreamSlots {
    private final int maxPerCaller;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    StreamSlots(int maxPerCaller) {
        if (maxPerCaller < 1) {
            throw new IllegalArgumentException("a caller needs at least one stream, got " + maxPerCaller);
        }
        this.maxPerCaller = maxPerCaller;
    }

    /** Takes a slot for {@code caller}; false when it already holds all of them. */
    boolean acquire(String caller) {
        boolean[] taken = {false};
        open.compute(caller, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerCaller) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** Gives back a slot {@link #acquire} took. */
    void release(String caller) {
        open.computeIfPresent(caller, (key, count) -> count <= 1 ? null : count - 1);
    }

    int openBy(String caller) {
        return open.getOrDefault(caller, 0);
    }

    int callers() {
        return open.size();
    }
}
