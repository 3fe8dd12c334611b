package io.hearth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code hearth leads}: groups the commands of the LeadService. */
@Command(
        name = "leads",
        description = "Create, find, change, archive and restore leads.",
        subcommands = {
            CreateLeadCommand.class,
            GetLeadCommand.class,
            ListLeadsCommand.class,
            UpdateLeadCommand.class,
            ArchiveLeadCommand.class,
            RestoreLeadCommand.class
        })
final class LeadsCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
