package io.hearth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hearth contacts}: the ContactService commands. */
@Command(
        name = "contacts",
        description = "Create, find, list, update and archive contacts: prospects, clients, suppliers, partners,"
                + " associates.")
final class ContactsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
