package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.errorReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import io.hearth.core.persistence.CuttableDatabase;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.QueueSnapshot;
import io.hearth.proto.v1.WatchQueueRequest;
import io.hearth.server.InProcessHearth;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The database goes away under a running server and comes back: calls are answered UNAVAILABLE
 * within the connect timeout (not INTERNAL, not after 30 seconds), health says NOT_SERVING and then
 * SERVING again, and a create whose client gave up meanwhile is not committed when the database
 * returns. The database is an HSQLDB server behind a proxy the test cuts.
 */
@Timeout(20)
class DatabaseOutageServiceTest {
    private static final List<String> SERVICES = List.of(
            "",
            "hearth.v1.LeadService",
            "hearth.v1.QueueService",
            "hearth.v1.ContactService",
            "hearth.v1.FollowUpService",
            "hearth.v1.SyncService");

    private CuttableDatabase db;
    private InProcessHearth hearth;
    private LeadServiceGrpc.LeadServiceBlockingStub leads;
    private HealthGrpc.HealthBlockingStub health;

    private void start(Duration connectTimeout) throws Exception {
        db = CuttableDatabase.hsqldb(connectTimeout);
        hearth = new InProcessHearth(Clock.systemUTC(), db.database());
        leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        health = HealthGrpc.newBlockingStub(hearth.channel());
    }

    @AfterEach
    void stop() throws Exception {
        if (hearth != null) {
            hearth.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void callsAreAnsweredUnavailableWithinTheDefaultConnectTimeout() throws Exception {
        start(DatabaseConfig.DEFAULT_CONNECT_TIMEOUT);
        leads.createLead(CreateLeadRequest.newBuilder().setLead(lead("Ada")).build());
        db.cut();
        // past the half second in which the pool hands out a connection just used without checking it:
        // the calls wait for a new connection (a call given a broken one is answered at once)
        Thread.sleep(600);

        long started = System.nanoTime();
        assertUnavailable(() -> leads.listLeads(ListLeadsRequest.getDefaultInstance()));
        Duration read = Duration.ofNanos(System.nanoTime() - started);

        started = System.nanoTime();
        assertUnavailable(() -> leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(lead("Grace"))
                .setRequestId("form-7")
                .build()));
        Duration create = Duration.ofNanos(System.nanoTime() - started);

        System.out.printf(
                "[outage] UNAVAILABLE after %d ms (ListLeads), %d ms (CreateLead)%n",
                read.toMillis(), create.toMillis());
        assertThat(read).isLessThan(Duration.ofSeconds(5));
        assertThat(create).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void streamingCallsAreAnsweredUnavailableToo() throws Exception {
        start(Duration.ofSeconds(1));
        CompletableFuture<Throwable> watchEnded = new CompletableFuture<>();
        CompletableFuture<QueueSnapshot> firstSnapshot = new CompletableFuture<>();
        Context.CancellableContext watching = Context.current().withCancellation();
        watching.run(() -> QueueServiceGrpc.newStub(hearth.channel())
                .watchQueue(WatchQueueRequest.getDefaultInstance(), new StreamObserver<>() {
                    @Override
                    public void onNext(QueueSnapshot snapshot) {
                        firstSnapshot.complete(snapshot);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        watchEnded.complete(failure);
                    }

                    @Override
                    public void onCompleted() {
                        watchEnded.complete(null);
                    }
                }));
        try {
            firstSnapshot.get(5, TimeUnit.SECONDS);
            db.cut();

            assertDatabaseUnavailable(watchEnded.get(5, TimeUnit.SECONDS));
            SyncClient sync = new SyncClient(hearth.channel());
            assertUnavailable(() -> sync.export("csv", ""));
            assertThatThrownBy(() -> sync.importFile(
                            "crm.csv", "First Name,Email\nAda,ada@example.com\n".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(ExecutionException.class, e -> assertDatabaseUnavailable(e.getCause()));
        } finally {
            watching.cancel(null);
        }
    }

    @Test
    void healthIsNotServingWhileTheDatabaseIsAwayAndServingOnceItIsBack() throws Exception {
        // a short connect timeout, as in the streaming test: how soon calls fail with the default one is
        // the first test's; here the checks of the database it bounds are only waited for
        start(Duration.ofSeconds(1));
        assertThat(SERVICES).allSatisfy(service -> assertThat(status(service)).isEqualTo(ServingStatus.SERVING));

        db.cut();
        long cut = System.nanoTime();
        awaitTrue(() -> status("") == ServingStatus.NOT_SERVING, Duration.ofSeconds(8));
        Duration notServing = Duration.ofNanos(System.nanoTime() - cut);
        assertThat(SERVICES).allSatisfy(service -> assertThat(status(service)).isEqualTo(ServingStatus.NOT_SERVING));

        db.restore();
        long restored = System.nanoTime();
        awaitTrue(() -> status("") == ServingStatus.SERVING, Duration.ofSeconds(10));
        Duration serving = Duration.ofNanos(System.nanoTime() - restored);
        assertThat(SERVICES).allSatisfy(service -> assertThat(status(service)).isEqualTo(ServingStatus.SERVING));
        System.out.printf(
                "[outage] health NOT_SERVING %d ms after the cut (no calls), SERVING %d ms after the return%n",
                notServing.toMillis(), serving.toMillis());

        assertThat(leads.createLead(CreateLeadRequest.newBuilder()
                                .setLead(lead("Ada"))
                                .build())
                        .getName())
                .startsWith("leads/");
    }

    @Test
    void aCreateWhoseDeadlinePassedWhileTheDatabaseWasAwayIsNotCommittedWhenItComesBack() throws Exception {
        start(Duration.ofSeconds(10)); // the call waits for a connection longer than its client does
        CreateLeadRequest create = CreateLeadRequest.newBuilder()
                .setLead(lead("Ada"))
                .setRequestId("form-1")
                .build();
        db.cut();
        Thread.sleep(600); // so the call waits for a new connection, as above
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            later.schedule(db::restore, 2, TimeUnit.SECONDS);

            assertThatThrownBy(
                            () -> leads.withDeadlineAfter(1, TimeUnit.SECONDS).createLead(create))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        } finally {
            later.shutdown();
            assertThat(later.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }

        // the server went on with the call once the database was back, and stopped before committing it
        awaitTrue(() -> hearth.get(io.hearth.core.persistence.Database.class).isAvailable(), Duration.ofSeconds(10));
        assertThat(leads.listLeads(ListLeadsRequest.getDefaultInstance()).getLeadsList())
                .isEmpty();
        Lead retried = leads.createLead(create);
        assertThat(leads.listLeads(ListLeadsRequest.getDefaultInstance()).getLeadsList())
                .extracting(Lead::getName)
                .containsExactly(retried.getName());
    }

    private ServingStatus status(String service) {
        return health.check(HealthCheckRequest.newBuilder().setService(service).build())
                .getStatus();
    }

    private static void assertUnavailable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).satisfies(DatabaseOutageServiceTest::assertDatabaseUnavailable);
    }

    private static void assertDatabaseUnavailable(Throwable failure) {
        assertThat(failure).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(e.getStatus().getDescription()).isEqualTo("the database is unavailable; retry");
            assertThat(errorReason(e)).isEqualTo("DATABASE_UNAVAILABLE");
        });
    }

    private static Lead lead(String givenName) {
        return Lead.newBuilder()
                .setGivenName(givenName)
                .setFamilyName("Tester")
                .setEmail(givenName + "@example.com")
                .setSource(LeadSource.LEAD_SOURCE_REFERRAL)
                .setOwner("alice")
                .build();
    }

    private static void awaitTrue(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + atMost);
            }
            Thread.sleep(50);
        }
    }
}
