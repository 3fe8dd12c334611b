package io.hearth.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a run's time goes: wraps the stores an import calls and adds up the wall time of each
 * method, so a benchmark can say which statements cost what instead of one rows/s figure. Calls
 * made by a wrapped store to another wrapped store count in both.
 */
final class Timings {
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    <T> T wrap(Class<T> type, T target, String label) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
            }
            long start = System.nanoTime();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                String key = label + "." + method.getName();
                nanos.computeIfAbsent(key, k -> new LongAdder()).add(System.nanoTime() - start);
                calls.computeIfAbsent(key, k -> new LongAdder()).increment();
            }
        });
        return type.cast(proxy);
    }

    /** Each method's total seconds, share of {@code totalSeconds} and calls, largest first. */
    String report(double totalSeconds) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(nanos)
                .entrySet().stream()
                        .sorted((a, b) ->
                                Long.compare(b.getValue().sum(), a.getValue().sum()))
                        .forEach(e -> {
                            double seconds = e.getValue().sum() / 1e9;
                            out.append(String.format(
                                    "    %-36s %8.1f s %5.1f %% %,10d calls%n",
                                    e.getKey(),
                                    seconds,
                                    100 * seconds / totalSeconds,
                                    calls.get(e.getKey()).sum()));
                        });
        return out.toString();
    }
}
