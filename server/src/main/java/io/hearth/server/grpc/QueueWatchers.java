package io.hearth.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.hearth.core.app.Escalations;
import io.hearth.core.diagnostics.FailureSummary;
import io.hearth.core.error.Excerpts;
import io.hearth.core.error.HearthException;
import io.hearth.core.queue.WorkQueue;
import io.hearth.core.resource.ControlCharacters;
import io.hearth.core.team.Escalation;
import io.hearth.core.team.EscalationRules;
import io.hearth.proto.v1.QueueItem;
import io.hearth.proto.v1.QueueSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live queue views. Each watch polls the head of its queue a few times a second and sends a
 * snapshot when it changed. Polling the shared database (rather than listening to this server's
 * own writes) shows changes made through every server instance, so scale-out needs nothing more.
 * Each tick also reads the speed-to-lead escalations the caller sees and sends those the stream has
 * not sent yet with the snapshot, so a client can alert on them whichever server escalated.
 */
@Singleton
public final class QueueWatchers implements AutoCloseable {
    static final long PERIOD_MILLIS = 250;
    private static final Logger log = LoggerFactory.getLogger(QueueWatchers.class);

    private final WorkQueue queue;
    private final Escalations escalations;
    private final Clock clock;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "hearth-queue-watch");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public QueueWatchers(WorkQueue queue, Escalations escalations, Clock clock) {
        this.queue = requireNonNull(queue, "queue is null");
        this.escalations = requireNonNull(escalations, "escalations is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Starts sending snapshots of the first {@code size} items of {@code owner}'s queue until cancelled. */
    void watch(String owner, int size, ServerCallStreamObserver<QueueSnapshot> observer) {
        ControlCharacters.requireLine(owner, "owner");
        Watch watch = new Watch(owner, size, observer);
        watches.add(watch);
        observer.setOnCancelHandler(watch::stop);
        // ticks run in the call's context, so its caller's scope holds on the ticker thread too
        Runnable tick = Context.current().wrap(watch::tick);
        watch.future = ticker.scheduleWithFixedDelay(tick, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Ends every watch cleanly, so a shutting-down server need not wait for streams that never end. */
    @Override
    public void close() {
        for (Watch watch : watches) {
            watch.finish();
        }
        ticker.shutdownNow();
    }

    private final class Watch {
        private final String owner;
        private final int size;
        private final ServerCallStreamObserver<QueueSnapshot> observer;
        private volatile ScheduledFuture<?> future;
        private List<QueueItem> lastSent;
        /** The escalations sent (a lead again once reassigned), with when each was escalated, to forget them later. */
        private final Map<String, Instant> escalationsSent = new HashMap<>();

        private boolean stopped;

        Watch(String owner, int size, ServerCallStreamObserver<QueueSnapshot> observer) {
            this.owner = owner;
            this.size = size;
            this.observer = observer;
        }

        synchronized void tick() {
            // a slow reader gets the latest snapshot when it catches up, not a backlog
            if (stopped || !observer.isReady() && lastSent != null) {
                return;
            }
            try {
                List<QueueItem> items = queue.next(owner, size, "").items().stream()
                        .map(QueueMapper::toProto)
                        .toList();
                List<io.hearth.proto.v1.Escalation> news = newEscalations();
                if (!items.equals(lastSent) || !news.isEmpty()) {
                    observer.onNext(QueueSnapshot.newBuilder()
                            .addAllItems(items)
                            .setSnapshotTime(ProtoTimes.toProto(clock.instant()))
                            .addAllEscalations(news)
                            .build());
                    lastSent = items;
                }
            } catch (RuntimeException e) {
                String whose = owner == null || owner.isBlank() ? "the team" : Excerpts.of(owner);
                log.warn("queue watch for {} failed: {}", whose, FailureSummary.of(e));
                log.debug("queue watch for {} failed", whose, e);
                stop();
                // a domain failure (the database is unavailable) ends the stream with its own status and details
                observer.onError(
                        e instanceof HearthException failure
                                ? StatusProto.toStatusRuntimeException(ErrorStatuses.of(failure))
                                : Status.UNAVAILABLE
                                        .withDescription("the queue could not be read; watch again")
                                        .asRuntimeException());
            }
        }

        /**
         * The escalations of the last hour this stream has not sent yet: each lead once escalated,
         * and once more if it was reassigned. Every server's escalations are in the shared
         * database, so a watch on any server sees them.
         */
        private List<io.hearth.proto.v1.Escalation> newEscalations() {
            Instant since = clock.instant().minus(EscalationRules.STALE_AFTER);
            escalationsSent.values().removeIf(escalatedAt -> escalatedAt.isBefore(since));
            List<io.hearth.proto.v1.Escalation> news = new ArrayList<>();
            for (Escalation escalation : escalations.since(since)) {
                String key = escalation.leadId() + "|" + (escalation.reassigned() ? escalation.reassignedTo() : "");
                if (escalationsSent.putIfAbsent(key, escalation.escalatedAt()) == null) {
                    news.add(TeamMapper.toProto(escalation));
                }
            }
            return news;
        }

        synchronized void stop() {
            stopped = true;
            watches.remove(this);
            ScheduledFuture<?> scheduled = future;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }

        synchronized void finish() {
            if (!stopped) {
                stop();
                observer.onCompleted();
            }
        }
    }
}
