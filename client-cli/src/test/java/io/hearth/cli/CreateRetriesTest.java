package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.CreateContactRequest;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Creates always carry a request id (a random one when none is given) and are tried again, with it,
 * while the server is unavailable or does not answer in time.
 */
class CreateRetriesTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void everyCreateCarriesARequestIdEvenWhenNoneIsGiven() {
        assertThat(hearth.run("leads", "create", "--company", "Acme").exitCode())
                .isZero();
        assertThat(hearth.run("leads", "create", "--company", "Acme").exitCode())
                .isZero();

        List<String> ids = hearth.service.requests(CreateLeadRequest.class).stream()
                .map(CreateLeadRequest::getRequestId)
                .toList();
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        assertThat(ids)
                .allSatisfy(id -> assertThat(UUID.fromString(id).toString()).isEqualTo(id));
    }

    @Test
    void aCreateIsTriedAgainWithTheSameRequestIdWhileTheDatabaseIsAway() {
        hearth.service.failuresFirst.add(databaseUnavailable());
        hearth.service.failuresFirst.add(databaseUnavailable());

        CliResult result = hearth.run("leads", "create", "--company", "Acme");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<CreateLeadRequest> sent = hearth.service.requests(CreateLeadRequest.class);
        assertThat(sent).hasSize(3).containsOnly(sent.get(0));
        String id = sent.get(0).getRequestId();
        assertThat(result.err().lines())
                .containsExactly(
                        "note: UNAVAILABLE: the database is unavailable; retry; trying again in 1ms"
                                + " with the same request id " + id + " (attempt 2 of 4)",
                        "note: UNAVAILABLE: the database is unavailable; retry; trying again in 2ms"
                                + " with the same request id " + id + " (attempt 3 of 4)");
        assertThat(result.out()).contains("name:         leads/ada1");
    }

    @Test
    void aCreateOverTheRateLimitWaitsAsItsRetryInfoSaysAndAnotherResourceExhaustedIsNotRetried() {
        hearth.service.failuresFirst.add(rateLimited(Duration.ofMillis(30)));

        CliResult result = hearth.run("leads", "create", "--company", "Acme");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.service.requests(CreateLeadRequest.class)).hasSize(2);
        assertThat(result.err()).contains("note: RESOURCE_EXHAUSTED: rate limit", "trying again in 30ms");

        hearth.service.failuresFirst.add(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage("the upload is larger than the server takes")
                .build()));
        assertThat(hearth.run("leads", "create", "--company", "Acme").exitCode())
                .isEqualTo(1);
        assertThat(hearth.service.requests(CreateLeadRequest.class)).hasSize(3);
    }

    @Test
    void aCreateThatTimedOutIsTriedAgainAndAnsweredWithWhatTheFirstTryCreated() throws Exception {
        IdempotentLeads leads = new IdempotentLeads();
        String name = InProcessServerBuilder.generateName();
        Server server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(leads)
                .build()
                .start();
        try {
            CliResult result = CliResult.run(
                    environment(name), "leads", "create", "--given-name", "Ada", "--request-id", "form-9");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(leads.calls).hasValue(2);
            assertThat(leads.created).containsOnlyKeys("form-9");
            assertThat(result.out()).contains("name:         leads/first");
            assertThat(result.err())
                    .startsWith("note: DEADLINE_EXCEEDED; trying again in 1ms with the same request id"
                            + " form-9 (attempt 2 of 4)");
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void givesUpAfterFourTriesAndSaysWhy() {
        for (int i = 0; i < 4; i++) {
            hearth.service.failuresFirst.add(databaseUnavailable());
        }

        CliResult result = hearth.run("--server", "hearth.example:50051", "leads", "create", "--company", "Acme");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(hearth.service.requests(CreateLeadRequest.class)).hasSize(4);
        assertThat(result.err().lines())
                .filteredOn(line -> line.startsWith("note: "))
                .hasSize(3);
        assertThat(result.err().lines())
                .endsWith(
                        "error: UNAVAILABLE: Hearth server at hearth.example:50051: the database is"
                                + " unavailable; retry",
                        "  reason: DATABASE_UNAVAILABLE");
    }

    @Test
    void otherFailuresAreNotTriedAgain() {
        hearth.service.failuresFirst.add(Status.INTERNAL.withDescription("boom").asRuntimeException());
        hearth.service.failuresFirst.add(
                Status.ALREADY_EXISTS.withDescription("dup").asRuntimeException());

        assertThat(hearth.run("leads", "create", "--company", "Acme").err())
                .isEqualTo("error: INTERNAL: boom" + System.lineSeparator());
        assertThat(hearth.run("leads", "create", "--company", "Acme").err()).doesNotContain("note:");
        assertThat(hearth.service.requests(CreateLeadRequest.class)).hasSize(2);
    }

    @Test
    void aContactCreateIsTriedAgainWithTheSameRequestIdToo() throws Exception {
        List<CreateContactRequest> sent = new CopyOnWriteArrayList<>();
        ContactServiceGrpc.ContactServiceImplBase contacts = new ContactServiceGrpc.ContactServiceImplBase() {
            @Override
            public void createContact(CreateContactRequest request, StreamObserver<Contact> response) {
                sent.add(request);
                if (sent.size() == 1) {
                    response.onError(
                            Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
                    return;
                }
                response.onNext(Contact.newBuilder().setName("contacts/c1").build());
                response.onCompleted();
            }
        };
        String name = InProcessServerBuilder.generateName();
        Server server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(contacts)
                .build()
                .start();
        try {
            CliResult result = CliResult.run(environment(name), "contacts", "create", "--kind", "supplier");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(sent).hasSize(2).containsOnly(sent.get(0));
            assertThat(sent.get(0).getRequestId()).hasSize(36);
            assertThat(result.err()).startsWith("note: UNAVAILABLE: io exception; trying again in 1ms");
            assertThat(result.out()).contains("contacts/c1");
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static CliEnvironment environment(String serverName) {
        return new CliEnvironment(
                (target, credentials) -> InProcessChannelBuilder.forName(serverName)
                        .directExecutor()
                        .build(),
                Clock.systemUTC(),
                false,
                CliEnvironment.DEFAULT_REFRESH_INTERVAL,
                Duration.ofMillis(1));
    }

    private static StatusRuntimeException rateLimited(Duration retryAfter) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage("rate limit: token t1 made more than 50 calls per second")
                .addDetails(Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder().setNanos((int) retryAfter.toNanos()))
                        .build()))
                .build());
    }

    private static StatusRuntimeException databaseUnavailable() {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.UNAVAILABLE_VALUE)
                .setMessage("the database is unavailable; retry")
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason("DATABASE_UNAVAILABLE")
                        .setDomain("hearth.io")
                        .build()))
                .build());
    }

    /**
     * Creates once per request id, like the server: the first call's answer is lost (its client saw
     * no answer in time), a repeated id is answered with the lead the first call created.
     */
    private static final class IdempotentLeads extends LeadServiceGrpc.LeadServiceImplBase {
        final AtomicInteger calls = new AtomicInteger();
        final Map<String, Lead> created = new ConcurrentHashMap<>();

        @Override
        public void createLead(CreateLeadRequest request, StreamObserver<Lead> response) {
            calls.incrementAndGet();
            Lead earlier = created.get(request.getRequestId());
            if (earlier == null) {
                created.put(
                        request.getRequestId(),
                        request.getLead().toBuilder().setName("leads/first").build());
                response.onError(Status.DEADLINE_EXCEEDED.asRuntimeException());
                return;
            }
            response.onNext(earlier);
            response.onCompleted();
        }
    }
}
