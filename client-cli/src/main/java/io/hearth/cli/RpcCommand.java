package io.hearth.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.hearth.proto.v1.AdminServiceGrpc;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.ContactServiceGrpc.ContactServiceBlockingStub;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.FollowUpServiceGrpc.FollowUpServiceBlockingStub;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadServiceGrpc.LeadServiceBlockingStub;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.QueueServiceGrpc.QueueServiceBlockingStub;
import io.hearth.proto.v1.QueueServiceGrpc.QueueServiceStub;
import io.hearth.proto.v1.SyncServiceGrpc;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that calls the Hearth server: it opens the channel, hands out stubs of every service
 * (unary calls get a deadline each), reports RPC failures and shuts the channel down. Exit codes:
 * 0 on success, 1 when a call fails, 2 (through picocli) on a {@link ParameterException}.
 */
abstract class RpcCommand implements Callable<Integer> {

    /** Generous for any single call, yet a hung server cannot hang a script. */
    static final Duration CALL_DEADLINE = Duration.ofSeconds(30);

    static final int EXIT_RPC_FAILED = 1;

    /** Tries of a create: the first and three retries. */
    static final int CREATE_ATTEMPTS = 4;

    @Spec
    CommandSpec spec;

    private HearthCli hearth;
    private ChannelSecurity security;
    private ManagedChannel channel;
    /** {@link #channel} with the token attached to every call, when there is one. */
    private Channel calls;

    private int exitCode = ExitCode.OK;

    @Override
    public final Integer call() {
        hearth = (HearthCli) spec.root().userObject();
        try {
            settings();
        } catch (ProfileSettings.SettingsException e) {
            if (json()) {
                CliErrors.printJson(
                        CliErrors.JSON.objectNode().put("code", CliErrors.USAGE).put("message", e.getMessage()), err());
            } else {
                err().println("error: " + e.getMessage());
            }
            err().flush();
            return ExitCode.USAGE;
        }
        security = channelSecurity();
        channel = openChannel();
        calls = BearerToken.attach(channel, options().token);
        try {
            execute();
            return exitCode;
        } catch (StatusRuntimeException e) {
            // what the command printed so far comes first, then the failure
            out().flush();
            if (json()) {
                RpcErrors.printJson(e, options().server, security.mode(), CALL_DEADLINE, err());
            } else {
                RpcErrors.print(e, options().server, security.mode(), CALL_DEADLINE, err());
            }
            return EXIT_RPC_FAILED;
        } finally {
            shutDown(channel);
        }
    }

    /**
     * A new channel in place of one that could not connect: that one waits out a reconnect backoff
     * (a second, then longer) during which it fails calls without dialing, so a retry after a
     * shorter pause would not have tried the server again. The calls' stubs come from the new one.
     */
    private void reconnect() {
        shutDown(channel);
        channel = openChannel();
        calls = BearerToken.attach(channel, options().token);
    }

    /**
     * Completes the connection options from the profile; {@code hearth login} takes its settings
     * from its own options instead.
     */
    void settings() throws ProfileSettings.SettingsException {
        ProfileSettings.apply(options(), environment());
    }

    private ChannelSecurity channelSecurity() {
        try {
            return ChannelSecurity.from(options());
        } catch (ChannelSecurity.UnusableOptionException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private ManagedChannel openChannel() {
        try {
            return hearth.openChannel(security);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Invalid value for option '--server': '%s': %s".formatted(options().server, e.getMessage()));
        }
    }

    /**
     * Makes this command's calls and prints their results. A {@link StatusRuntimeException} is
     * reported as a failed call, a {@link ParameterException} as invalid usage.
     */
    abstract void execute();

    /** The LeadService, with a fresh deadline for the next call. */
    final LeadServiceBlockingStub leadService() {
        return LeadServiceGrpc.newBlockingStub(calls)
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The QueueService, with a fresh deadline for the next call. */
    final QueueServiceBlockingStub queueService() {
        return QueueServiceGrpc.newBlockingStub(calls)
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The QueueService for streams that run until cancelled: without a deadline, which would cut
     * them off. Failures arrive at the observer; rethrow them to have them reported.
     */
    final QueueServiceStub queueStreams() {
        return QueueServiceGrpc.newStub(calls);
    }

    /** The ContactService, with a fresh deadline for the next call. */
    final ContactServiceBlockingStub contactService() {
        return ContactServiceGrpc.newBlockingStub(calls)
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The OpportunityService, with a fresh deadline for the next call. */
    final io.hearth.proto.v1.OpportunityServiceGrpc.OpportunityServiceBlockingStub opportunityService() {
        return io.hearth.proto.v1.OpportunityServiceGrpc.newBlockingStub(calls)
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The FollowUpService, with a fresh deadline for the next call. */
    final FollowUpServiceBlockingStub followUpService() {
        return FollowUpServiceGrpc.newBlockingStub(calls)
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The AdminService, with a fresh deadline for the next call. */
    final AdminServiceGrpc.AdminServiceBlockingStub adminService() {
        return AdminServiceGrpc.newBlockingStub(calls)
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The TeamService, with a fresh deadline for the next call. */
    final io.hearth.proto.v1.TeamServiceGrpc.TeamServiceBlockingStub teamService() {
        return io.hearth.proto.v1.TeamServiceGrpc.newBlockingStub(calls)
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The ServerService, with a fresh deadline for the next call. */
    final io.hearth.proto.v1.ServerServiceGrpc.ServerServiceBlockingStub serverService() {
        return io.hearth.proto.v1.ServerServiceGrpc.newBlockingStub(calls)
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How this command reaches the server: plaintext, TLS or mutual TLS. */
    final ChannelSecurity.Mode securityMode() {
        return security.mode();
    }

    /** The SyncService, with a fresh deadline for the next call. */
    final SyncServiceGrpc.SyncServiceBlockingStub syncService() {
        return SyncServiceGrpc.newBlockingStub(calls)
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The SyncService for imports and exports: without a deadline, since a large file takes as long
     * as it takes. Failures arrive at the observer or the iterator.
     */
    final SyncServiceGrpc.SyncServiceStub syncStreams() {
        return SyncServiceGrpc.newStub(calls);
    }

    final SyncServiceGrpc.SyncServiceBlockingStub syncDownloads() {
        return SyncServiceGrpc.newBlockingStub(calls);
    }

    /**
     * Makes a create {@code call} that carries {@code requestId}, trying it again when the server
     * is unavailable (restarting, or its database is away) or did not answer in time: the server
     * answers a repeated request id with what the first call created, so a retry never creates a
     * second one. At most {@link #CREATE_ATTEMPTS} tries, pausing {@link
     * CliEnvironment#retryPause()} and then twice as long each time; each retry is announced on
     * stderr.
     */
    final <T> T createRetrying(String requestId, Supplier<T> call) {
        Duration pause = environment().retryPause();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                // a handshake that TLS refused is refused again: only an unreachable server may come back
                // over the server's rate limit: its RetryInfo says when a call is allowed again
                Optional<Duration> retryAfter =
                        code == Status.Code.RESOURCE_EXHAUSTED ? retryDelay(e) : Optional.empty();
                boolean retryable =
                        code == Status.Code.UNAVAILABLE && !TlsFailures.handshakeRefused(e.getStatus(), security.mode())
                                || code == Status.Code.DEADLINE_EXCEEDED
                                || retryAfter.isPresent();
                if (!retryable || attempt >= CREATE_ATTEMPTS) {
                    throw e;
                }
                if (retryAfter.isPresent() && retryAfter.get().compareTo(pause) > 0) {
                    pause = retryAfter.get();
                }
                String why = e.getStatus().getDescription();
                err().printf(
                                "note: %s%s; trying again in %s with the same request id %s" + " (attempt %d of %d)%n",
                                code,
                                why == null ? "" : ": " + why,
                                pauseText(pause),
                                requestId,
                                attempt + 1,
                                CREATE_ATTEMPTS);
                err().flush();
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(2);
                if (code == Status.Code.UNAVAILABLE) {
                    reconnect();
                }
            }
        }
    }

    /** The RetryInfo delay of a refusal, when it has one (at most a minute: a longer wait is not worth it). */
    static Optional<Duration> retryDelay(StatusRuntimeException refusal) {
        com.google.rpc.Status details = StatusProto.fromThrowable(refusal);
        if (details == null) {
            return Optional.empty();
        }
        for (com.google.protobuf.Any detail : details.getDetailsList()) {
            if (detail.is(RetryInfo.class)) {
                try {
                    com.google.protobuf.Duration delay =
                            detail.unpack(RetryInfo.class).getRetryDelay();
                    Duration wait = Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
                    return wait.compareTo(Duration.ofMinutes(1)) <= 0 ? Optional.of(wait) : Optional.empty();
                } catch (InvalidProtocolBufferException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The request id the user gave, or a new random one: every create carries one. */
    static String requestIdOrNew(String given) {
        return given == null || given.isBlank() ? UUID.randomUUID().toString() : given;
    }

    private static String pauseText(Duration pause) {
        return pause.toMillis() % 1000 == 0 ? pause.toSeconds() + "s" : pause.toMillis() + "ms";
    }

    /** Ends the command with {@code code} once {@link #execute()} returns: the call worked, its outcome did not. */
    final void exitWith(int code) {
        exitCode = code;
    }

    final GlobalOptions options() {
        return hearth.options();
    }

    final boolean json() {
        return options().output == OutputFormat.JSON;
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    final CliEnvironment environment() {
        return hearth.environment();
    }

    final Clock clock() {
        return environment().clock();
    }

    /** A usage error of this command: picocli prints it with the usage and exits with 2. */
    final ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Whether the option named {@code name} appeared on the command line. */
    final boolean given(String name) {
        return spec.commandLine().getParseResult().hasMatchedOption(name);
    }

    private static void shutDown(ManagedChannel channel) {
        channel.shutdownNow();
        try {
            // Every call has returned; waiting lets the transport close its connection cleanly
            // instead of having it cut off by System.exit.
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
