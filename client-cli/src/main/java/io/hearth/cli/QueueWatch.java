package io.hearth.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.hearth.proto.v1.Escalation;
import io.hearth.proto.v1.QueueServiceGrpc.QueueServiceStub;
import io.hearth.proto.v1.QueueSnapshot;
import io.hearth.proto.v1.WatchQueueRequest;
import java.io.PrintWriter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code hearth queue --watch}: calls WatchQueue without a deadline and prints every snapshot.
 * On a terminal each snapshot replaces the screen, and the last one is redrawn every refresh
 * interval so its countdowns tick; otherwise (a pipe, a file) each snapshot is appended under a
 * header line with its time, and JSON output is one line per snapshot.
 *
 * <p>The gRPC callbacks only queue events; all printing happens on the calling thread. The watch
 * ends when the server ends the stream, after {@code maxSnapshots} snapshots, or on Ctrl-C, whose
 * shutdown hook cancels the call.
 */
final class QueueWatch {

    private static final String CLEAR_SCREEN = "\033[H\033[2J";
    private static final String BELL = "\007";
    /** The escalations a redrawn screen keeps showing above the queue, newest last. */
    private static final int ESCALATIONS_SHOWN = 5;

    /** How long Ctrl-C waits for the watch to wind down before the JVM exits anyway. */
    private static final long SHUTDOWN_GRACE_MILLIS = 2000;

    private sealed interface Event permits Snapshot, Ended, Failed {}

    private record Snapshot(QueueSnapshot snapshot) implements Event {}

    private record Ended() implements Event {}

    private record Failed(Throwable failure) implements Event {}

    private final WatchQueueRequest request;
    private final CliEnvironment environment;
    private final boolean json;
    private final boolean allReasons;
    private final int maxSnapshots;
    private final PrintWriter out;

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile ClientCallStreamObserver<WatchQueueRequest> call;
    private volatile boolean cancelled;
    private int printed;
    private final java.util.ArrayDeque<Escalation> escalations = new java.util.ArrayDeque<>();

    /** @param maxSnapshots stop after this many snapshots; 0 for no limit */
    QueueWatch(
            WatchQueueRequest request,
            CliEnvironment environment,
            boolean json,
            boolean allReasons,
            int maxSnapshots,
            PrintWriter out) {
        this.request = request;
        this.environment = environment;
        this.json = json;
        this.allReasons = allReasons;
        this.maxSnapshots = maxSnapshots;
        this.out = out;
    }

    /**
     * Watches until the stream ends; returns normally when the server ends it, the snapshot limit
     * is reached or the user interrupts.
     *
     * @throws StatusRuntimeException when the call fails, e.g. UNAVAILABLE
     */
    void run(QueueServiceStub queue) {
        Thread onCtrlC = new Thread(this::cancelOnShutdown, "hearth-watch-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            queue.watchQueue(request, new Observer());
            loop();
        } catch (InterruptedException e) {
            cancel("interrupted");
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
            removeShutdownHook(onCtrlC);
        }
    }

    private void loop() throws InterruptedException {
        QueueSnapshot last = null;
        while (true) {
            Event event = ticking() && last != null
                    ? events.poll(environment.refreshInterval().toMillis(), TimeUnit.MILLISECONDS)
                    : events.take();
            if (event == null) {
                redraw(last);
            } else if (event instanceof Snapshot snapshot) {
                last = snapshot.snapshot();
                print(last);
                if (maxSnapshots > 0 && printed >= maxSnapshots) {
                    cancel("enough snapshots");
                    return;
                }
            } else if (event instanceof Failed failed) {
                if (cancelled) {
                    return; // the CANCELLED status of our own cancel
                }
                throw asStatusException(failed.failure());
            } else {
                return; // Ended: the server closed the stream
            }
        }
    }

    /** Countdowns only tick where the screen is redrawn in place. */
    private boolean ticking() {
        return environment.terminal() && !json;
    }

    private void print(QueueSnapshot snapshot) {
        printed++;
        for (Escalation escalation : snapshot.getEscalationsList()) {
            escalations.addLast(escalation);
            if (escalations.size() > ESCALATIONS_SHOWN) {
                escalations.removeFirst();
            }
        }
        if (json) {
            ProtoJson.printLine(snapshot, out);
        } else if (environment.terminal()) {
            if (snapshot.getEscalationsCount() > 0) {
                out.print(BELL);
            }
            redraw(snapshot);
            return;
        } else {
            if (printed > 1) {
                out.println();
            }
            out.println("=== snapshot " + snapshotTime(snapshot) + " ===");
            snapshot.getEscalationsList().forEach(escalation -> out.println(describe(escalation)));
            printItems(snapshot);
        }
        out.flush();
    }

    private void redraw(QueueSnapshot snapshot) {
        out.print(CLEAR_SCREEN);
        out.println("snapshot " + snapshotTime(snapshot) + " (Ctrl-C to stop)");
        escalations.forEach(escalation -> out.println(describe(escalation)));
        printItems(snapshot);
        out.flush();
    }

    /**
     * One line an eye catches: "ESCALATED Ada Lovelace (leads/...), bob's, team east: web form lead:
     * 1 min left of its 5 min", and "REASSIGNED ... to dave" once its deadline passed.
     */
    static String describe(Escalation escalation) {
        String whose = escalation.getOwner().isEmpty() ? "unowned" : escalation.getOwner() + "'s";
        String team = escalation.getTeam().isEmpty() ? "" : ", team " + escalation.getTeam();
        String what = escalation.getDisplayName() + " (" + escalation.getLead() + "), " + whose + team;
        return escalation.getReassignedTo().isEmpty()
                ? "ESCALATED " + what + ": " + escalation.getReason()
                : "REASSIGNED " + what + " to " + escalation.getReassignedTo() + ": untouched at its deadline";
    }

    private void printItems(QueueSnapshot snapshot) {
        if (snapshot.getItemsCount() == 0) {
            out.println("The queue is empty.");
        } else {
            QueueTable.print(snapshot.getItemsList(), 1, environment.clock().instant(), allReasons, out);
        }
    }

    private static String snapshotTime(QueueSnapshot snapshot) {
        return snapshot.hasSnapshotTime() ? Times.format(snapshot.getSnapshotTime()) : "(no time)";
    }

    private void cancel(String why) {
        cancelled = true;
        ClientCallStreamObserver<WatchQueueRequest> current = call;
        if (current != null) {
            current.cancel(why, null);
        }
    }

    private void cancelOnShutdown() {
        cancel("interrupted by the user");
        try {
            finished.await(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down (Ctrl-C): the hook is running or has run.
        }
    }

    private static StatusRuntimeException asStatusException(Throwable failure) {
        return failure instanceof StatusRuntimeException status
                ? status
                : Status.fromThrowable(failure).asRuntimeException();
    }

    /** Turns the call's callbacks into events for the printing thread. */
    private final class Observer implements ClientResponseObserver<WatchQueueRequest, QueueSnapshot> {

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchQueueRequest> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(QueueSnapshot snapshot) {
            events.add(new Snapshot(snapshot));
        }

        @Override
        public void onError(Throwable failure) {
            events.add(new Failed(failure));
        }

        @Override
        public void onCompleted() {
            events.add(new Ended());
        }
    }
}
