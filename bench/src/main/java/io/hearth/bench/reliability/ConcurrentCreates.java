package io.hearth.bench.reliability;

import io.grpc.Status;
import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.CreateContactRequest;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Race 1: one person entered four times at once, round after round, spread over the servers (in
 * turn, so on PostgreSQL two callers go to each server). Each call has no request id (these are
 * four reps, not one retrying) and a source that is not inbound (a web-form lead is deliberately
 * never refused). Exactly one person per round must exist; the other calls are refused with
 * ALREADY_EXISTS (DUPLICATE_PERSON). The variant makes one of the four a contact (a partner), at
 * a different position each round.
 */
final class ConcurrentCreates implements Scenario {
    private static final int CALLERS = 4;
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(60);

    private final int rounds;
    private final boolean oneIsAContact;
    private final Tag tag;
    /** Rounds the contact won: the variant must see both a contact and a lead come first. */
    private final AtomicInteger contactsEntered = new AtomicInteger();

    ConcurrentCreates(int rounds, boolean oneIsAContact) {
        this.rounds = rounds;
        this.oneIsAContact = oneIsAContact;
        this.tag = new Tag(oneIsAContact ? "mixed" : "creates", "");
    }

    @Override
    public String name() {
        return (oneIsAContact ? "3 leads + 1 contact of one person" : "4 leads of one person") + ", " + rounds
                + " rounds";
    }

    @Override
    public Result run(Deployment deployment) throws Exception {
        long start = System.nanoTime();
        Answers answers = new Answers(new Answers.Expected(Status.Code.ALREADY_EXISTS, "DUPLICATE_PERSON"));
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            for (int round = 0; round < rounds; round++) {
                playRound(deployment, round, callers, answers);
            }
        } finally {
            callers.shutdownNow();
        }
        List<String> problems = new ArrayList<>();
        if (answers.count(Status.Code.OK) != rounds) {
            problems.add(answers.count(Status.Code.OK) + " creates answered OK in " + rounds + " rounds");
        }
        List<String> notes = oneIsAContact
                ? List.of("the person was entered as the contact in " + contactsEntered.get() + " rounds, as a lead in "
                        + (answers.count(Status.Code.OK) - contactsEntered.get()))
                : List.of();
        return new Result(
                name(),
                answers,
                rounds,
                Census.at(deployment.server(0), tag.domain()),
                SyncRuns.running(deployment.server(0)),
                Duration.ofNanos(System.nanoTime() - start),
                notes,
                problems);
    }

    /** Four callers, parked on one latch, released together. */
    private void playRound(Deployment deployment, int round, ExecutorService callers, Answers answers)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int caller = 0; caller < CALLERS; caller++) {
            ServerProcess server = deployment.server(caller);
            boolean asContact = oneIsAContact && caller == round % CALLERS;
            calls.add(callers.submit(() -> {
                go.await();
                try {
                    if (asContact) {
                        createContact(server, round);
                        contactsEntered.incrementAndGet();
                    } else {
                        createLead(server, round);
                    }
                    answers.ok();
                } catch (io.grpc.StatusRuntimeException refused) {
                    answers.failed(refused);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> call : calls) {
            call.get(CALL_DEADLINE.toSeconds() + 10, TimeUnit.SECONDS);
        }
    }

    private void createLead(ServerProcess server, int round) {
        LeadServiceGrpc.newBlockingStub(server.channel())
                .withDeadlineAfter(CALL_DEADLINE.toSeconds(), TimeUnit.SECONDS)
                .createLead(CreateLeadRequest.newBuilder()
                        .setLead(Lead.newBuilder()
                                .setGivenName(givenName(round))
                                .setFamilyName(tag.familyName())
                                .setCompany(tag.company(round))
                                .setEmail(email(round))
                                .setSource(LeadSource.LEAD_SOURCE_TRADE_SHOW)
                                .setOwner("reliability"))
                        .build());
    }

    private void createContact(ServerProcess server, int round) {
        ContactServiceGrpc.newBlockingStub(server.channel())
                .withDeadlineAfter(CALL_DEADLINE.toSeconds(), TimeUnit.SECONDS)
                .createContact(CreateContactRequest.newBuilder()
                        .setContact(Contact.newBuilder()
                                .setKind(ContactKind.CONTACT_KIND_PARTNER)
                                .setGivenName(givenName(round))
                                .setFamilyName(tag.familyName())
                                .setCompany(tag.company(round))
                                .setEmail(email(round))
                                .setOwner("reliability"))
                        .build());
    }

    /** A name of its own each round: name and company is a matching key too. */
    private static String givenName(int round) {
        return "Round" + round;
    }

    private String email(int round) {
        return "round" + round + "@" + tag.domain();
    }
}
