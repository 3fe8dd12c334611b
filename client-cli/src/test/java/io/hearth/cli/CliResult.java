package io.hearth.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What one CLI run printed and returned. */
record CliResult(int exitCode, String out, String err) {

    static CliResult run(ChannelFactory channels, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = HearthCli.run(args, new PrintWriter(out), new PrintWriter(err), channels);
        return new CliResult(exitCode, out.toString(), err.toString());
    }

    static CliResult run(CliEnvironment environment, String... args) {
        return run(environment, false, args);
    }

    /** A run with the whole command tree built, or only the commands the arguments name. */
    static CliResult run(CliEnvironment environment, boolean wholeTree, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = HearthCli.run(args, new PrintWriter(out), new PrintWriter(err), environment, wholeTree);
        return new CliResult(exitCode, out.toString(), err.toString());
    }
}
