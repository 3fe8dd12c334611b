package io.hearth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the CLI reports what went wrong before or beside a call: a usage error is one line and a hint
 * (not the whole help page), a failure of the CLI itself (a file it cannot read) is one line. With
 * {@code --output json} each is a JSON object on stderr instead, as RPC failures are ({@link
 * RpcErrors}): {@code {"error": {"code": "USAGE", "message": ..., "hint": ...}}}.
 */
final class CliErrors {

    /** The {@code code} of a usage error: not a gRPC status, the call was never made. */
    static final String USAGE = "USAGE";

    /** The {@code code} of a failure on this side: a file not readable or writable, say. */
    static final String CLIENT = "CLIENT";

    /**
     * Builds the JSON trees the CLI prints. A node factory, not an {@code ObjectMapper}: this class
     * loads on every run, and a mapper's static set-up (date formats, locales) cost a call about a
     * sixth of its CPU before anything went wrong.
     */
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CliErrors() {}

    /** Usage errors: the message, then how to see the command's help; exit code 2. */
    static final IParameterExceptionHandler USAGE_ERRORS = (ParameterException error, String[] args) -> {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        String hint = hint(error, command);
        if (jsonRequested(command)) {
            ObjectNode body = JSON.objectNode();
            body.put("code", USAGE).put("message", error.getMessage()).put("hint", hint);
            printJson(body, err);
        } else {
            err.println(error.getMessage());
            err.println("hint: " + hint);
        }
        err.flush();
        return ExitCode.USAGE;
    };

    /** A command that failed on this side: its message on one line, exit code 1. */
    static final IExecutionExceptionHandler CLIENT_ERRORS =
            (Exception failure, CommandLine command, ParseResult parsed) -> {
                PrintWriter err = command.getErr();
                // only a bug leaves no message; its class then says more than nothing
                String message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
                if (failure.getCause() != null
                        && failure.getCause().getMessage() != null
                        && !message.contains(failure.getCause().getMessage())) {
                    message += ": " + failure.getCause().getMessage();
                }
                if (jsonRequested(command)) {
                    ObjectNode body = JSON.objectNode();
                    body.put("code", CLIENT).put("message", message);
                    printJson(body, err);
                } else {
                    err.println("error: " + message);
                }
                err.flush();
                return RpcCommand.EXIT_RPC_FAILED;
            };

    /** Prints {@code {"error": body}} on one line, so that a script reads one JSON value. */
    static void printJson(ObjectNode body, PrintWriter err) {
        ObjectNode error = JSON.objectNode();
        error.set("error", body);
        err.println(error.toString());
    }

    /** Whether {@code --output json} was parsed before the error, wherever it stood. */
    static boolean jsonRequested(CommandLine command) {
        CommandLine root = command;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getCommand() instanceof HearthCli hearth && hearth.options().output == OutputFormat.JSON;
    }

    private static String hint(ParameterException error, CommandLine command) {
        String help = "run '" + command.getCommandSpec().qualifiedName() + " --help' for usage";
        if (error instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                return "did you mean "
                        + suggestions.stream().map(s -> "'" + s + "'").collect(Collectors.joining(" or ")) + "? Or "
                        + help;
            }
        }
        return help;
    }
}
