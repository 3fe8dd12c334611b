package io.hearth.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadServiceGrpc.LeadServiceBlockingStub;

import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A command that calls the LeadService: it opens the channel, gives each call a deadline, reports
 * RPC failures and shuts the channel down.
 */
abstract class LeadRpcCommand implements Callable<Integer> {

    /** Generous for any single call, yet a hung server cannot hang a script. */
    static final Duration CALL_DEADLINE = Duration.ofSeconds(30);

    private static final int EXIT_RPC_FAILED = 1;

    @Spec CommandSpec spec;

    private LeadServiceBlockingStub leadService;

    @Override
    public final Integer call() {
        HearthCli hearth = (HearthCli) spec.root().userObject();
        GlobalOptions options = hearth.options();
        ManagedChannel channel = openChannel(hearth);
        try {
            leadService = LeadServiceGrpc.newBlockingStub(channel);
            execute(LeadPrinter.of(options.output, spec.commandLine().getOut()));
            return ExitCode.OK;
        } catch (StatusRuntimeException e) {
            RpcErrors.print(e, options.server, CALL_DEADLINE, spec.commandLine().getErr());
            return EXIT_RPC_FAILED;
        } finally {
            shutDown(channel);
        }
    }

    private ManagedChannel openChannel(HearthCli hearth) {
        try {
            return hearth.openChannel();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Invalid value for option '--server': '%s': %s"
                            .formatted(hearth.options().server, e.getMessage()));
        }
    }

    /** Makes this command's calls and prints their results. */
    abstract void execute(LeadPrinter printer);

    /** The LeadService, with a fresh deadline for the next call. */
    final LeadServiceBlockingStub leadService() {
        return leadService.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
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
