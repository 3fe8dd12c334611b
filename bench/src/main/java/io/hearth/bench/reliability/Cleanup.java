package io.hearth.bench.reliability;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the check leaves behind until it is undone: server processes, PostgreSQL schemas, temp
 * directories. The normal path undoes each in its own finally; the watchdog and the shutdown hook
 * (Ctrl-C) undo whatever is left, newest first, so servers stop before their schema is dropped.
 */
final class Cleanup {
    private static final Deque<Step> pending = new ConcurrentLinkedDeque<>();

    private Cleanup() {}

    /** A leftover to undo once, either by its owner ({@link Step#close()}) or by {@link #runAll()}. */
    static final class Step implements AutoCloseable {
        private final String what;
        private final Runnable undo;
        private final AtomicBoolean done = new AtomicBoolean();

        private Step(String what, Runnable undo) {
            this.what = what;
            this.undo = undo;
        }

        @Override
        public void close() {
            pending.remove(this);
            if (done.compareAndSet(false, true)) {
                try {
                    undo.run();
                } catch (RuntimeException e) {
                    System.err.println("reliability: could not " + what + ": " + e);
                }
            }
        }
    }

    static Step register(String what, Runnable undo) {
        Step step = new Step(what, undo);
        pending.push(step);
        return step;
    }

    /** Undoes every leftover, newest first. */
    static void runAll() {
        for (Step step = pending.peek(); step != null; step = pending.peek()) {
            step.close();
        }
    }
}
