package io.hearth.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;

import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One command's conversation with the server, for the contact and follow-up commands: opens the
 * channel, gives each call the same deadline as the lead commands, reports RPC failures like
 * them (exit code 1) and shuts the channel down.
 */
final class RpcSession {

    // Every field is printed, empty ones too, so scripts need not tell "absent" from "empty".
    private static final JsonFormat.Printer JSON =
            JsonFormat.printer().alwaysPrintFieldsWithNoPresence();

    private final Channel channel;
    private final GlobalOptions options;
    private final PrintWriter out;

    private RpcSession(Channel channel, GlobalOptions options, PrintWriter out) {
        this.channel = channel;
        this.options = options;
        this.out = out;
    }

    /** Runs {@code work} against the server named on the command line; returns the exit code. */
    static int run(CommandSpec spec, Consumer<RpcSession> work) {
        HearthCli hearth = (HearthCli) spec.root().userObject();
        GlobalOptions options = hearth.options();
        ManagedChannel channel;
        try {
            channel = hearth.openChannel();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Invalid value for option '--server': '%s': %s"
                            .formatted(options.server, e.getMessage()));
        }
        try {
            work.accept(new RpcSession(channel, options, spec.commandLine().getOut()));
            return ExitCode.OK;
        } catch (StatusRuntimeException e) {
            RpcErrors.print(
                    e, options.server, LeadRpcCommand.CALL_DEADLINE, spec.commandLine().getErr());
            return 1;
        } finally {
            channel.shutdownNow();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A stub with a fresh deadline for the next call. */
    <S extends AbstractStub<S>> S stub(Function<Channel, S> factory) {
        return factory.apply(channel)
                .withDeadlineAfter(LeadRpcCommand.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Prints {@code message} as JSON, or runs {@code table} to print it for people. */
    void print(MessageOrBuilder message, Consumer<PrintWriter> table) {
        if (options.output == OutputFormat.JSON) {
            try {
                out.println(JSON.print(message));
            } catch (InvalidProtocolBufferException e) {
                // JsonFormat only fails on Any fields with unknown types; these messages have none.
                throw new IllegalStateException(e);
            }
        } else {
            table.accept(out);
        }
    }
}
