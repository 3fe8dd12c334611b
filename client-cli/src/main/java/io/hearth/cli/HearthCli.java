package io.hearth.cli;

import io.grpc.ManagedChannel;
import io.hearth.proto.v1.ActionChannel;
import io.hearth.proto.v1.BantAnswer;
import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.ReferralKind;
import io.hearth.proto.v1.Role;
import io.hearth.proto.v1.Temperature;
import io.hearth.proto.v1.TouchChannel;
import io.hearth.proto.v1.TouchKind;
import io.hearth.proto.v1.TouchOutcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code hearth} command. Exit codes: 0 on success, 1 when the server reports an error or
 * cannot be reached, 2 on invalid usage.
 */
@Command(
        name = "hearth",
        // gives every subcommand --help and --version as well
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = "Work the Hearth lead pipeline from the command line.")
public final class HearthCli implements Callable<Integer> {

    /**
     * gRPC logs connection trouble with stack traces; the CLI reports the failed call itself. Held
     * in a field because java.util.logging forgets the level of a logger nobody references.
     */
    private static final Logger GRPC_LOGGER = Logger.getLogger("io.grpc");

    @Mixin
    private GlobalOptions options = new GlobalOptions();

    @Spec
    private CommandSpec spec;

    private final CliEnvironment environment;

    HearthCli(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        if (isVersionOnly(args)) {
            // answered before the command tree of every subcommand and its converters is built,
            // which is most of this command's start time
            PrintWriter out = new PrintWriter(System.out);
            printVersion(out);
            out.flush();
            System.exit(0);
        }
        GRPC_LOGGER.setLevel(Level.OFF);
        quietNetty();
        System.exit(run(args, new PrintWriter(System.out), new PrintWriter(System.err)));
    }

    /**
     * Netty's buffer allocators declare Java Flight Recorder events; the first allocation then sets
     * up the recorder's event machinery, which cost a CLI call about a sixth of its CPU for events
     * nobody records. Netty in grpc-netty-shaded reads its properties under the shaded prefix. A
     * value the user set (HEARTH_JAVA_OPTS) wins.
     */
    static void quietNetty() {
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
    }

    static final String NETTY_JFR = "io.grpc.netty.shaded.io.netty.jfr.enabled";

    /** Whether the command line is {@code hearth --version} (or {@code -V}) and nothing else. */
    static boolean isVersionOnly(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** What picocli prints for {@code --version}: the version provider's lines. */
    static void printVersion(PrintWriter out) {
        for (String line : new HearthVersion().getVersion()) {
            out.println(line);
        }
    }

    /** Runs one command line against the server it names; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, ChannelFactory.NETWORK);
    }

    /**
     * Runs one command line, opening its channel with {@code channels}; returns the exit code.
     * Nothing is printed to the console, everything goes to {@code out} and {@code err}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, ChannelFactory channels) {
        return run(args, out, err, CliEnvironment.standard(channels));
    }

    /** Runs one command line in {@code environment}; tests fix its clock and terminal. */
    static int run(String[] args, PrintWriter out, PrintWriter err, CliEnvironment environment) {
        return run(args, out, err, environment, false);
    }

    /**
     * Runs one command line in {@code environment}, with the whole command tree or (normally) only
     * the commands the arguments go through ({@link CommandTree}); the result is the same.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, CliEnvironment environment, boolean wholeTree) {
        HearthCli hearth = new HearthCli(environment);
        CommandLine commandLine = wholeTree ? CommandTree.whole(hearth) : CommandTree.forArgs(hearth, args);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.registerConverter(
                LeadSource.class, EnumNames.converter(LeadSource::getDescriptor, LeadSource::forNumber));
        commandLine.registerConverter(
                LeadStatus.class, EnumNames.converter(LeadStatus::getDescriptor, LeadStatus::forNumber));
        commandLine.registerConverter(
                Temperature.class, EnumNames.converter(Temperature::getDescriptor, Temperature::forNumber));
        commandLine.registerConverter(
                ActionChannel.class, EnumNames.converter(ActionChannel::getDescriptor, ActionChannel::forNumber));
        commandLine.registerConverter(
                ReferralKind.class,
                EnumNames.converterWithUnknown(ReferralKind::getDescriptor, ReferralKind::forNumber));
        commandLine.registerConverter(
                BantAnswer.class, EnumNames.converterWithUnknown(BantAnswer::getDescriptor, BantAnswer::forNumber));
        commandLine.registerConverter(
                ContactKind.class, EnumNames.converter(ContactKind::getDescriptor, ContactKind::forNumber));
        commandLine.registerConverter(
                CadenceState.class, EnumNames.converter(CadenceState::getDescriptor, CadenceState::forNumber));
        commandLine.registerConverter(
                TouchKind.class, EnumNames.converter(TouchKind::getDescriptor, TouchKind::forNumber));
        commandLine.registerConverter(
                TouchChannel.class, EnumNames.converter(TouchChannel::getDescriptor, TouchChannel::forNumber));
        commandLine.registerConverter(
                TouchOutcome.class, EnumNames.converter(TouchOutcome::getDescriptor, TouchOutcome::forNumber));
        commandLine.registerConverter(Duration.class, DurationText::parse);
        commandLine.registerConverter(Instant.class, text -> WhenText.parse(text, environment.clock()));
        commandLine.registerConverter(Role.class, EnumNames.converter(Role::getDescriptor, Role::forNumber));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(CliErrors.USAGE_ERRORS);
        commandLine.setExecutionExceptionHandler(CliErrors.CLIENT_ERRORS);
        // picocli colours help on its own judgement; NO_COLOR and a redirected output switch it off
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(
                environment.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    GlobalOptions options() {
        return options;
    }

    CliEnvironment environment() {
        return environment;
    }

    /** The channel to the server, secured as {@code security} says. */
    ManagedChannel openChannel(ChannelSecurity security) {
        return environment.channels().open(options.server, security.credentials());
    }
}
