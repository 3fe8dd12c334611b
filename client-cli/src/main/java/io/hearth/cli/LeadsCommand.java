package io.hearth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hearth leads}: the LeadService commands and the QueueService commands on one lead. */
@Command(
        name = "leads",
        description = "Create, find, change, archive, restore, convert and merge leads; see, qualify and override"
                + " their profile.",
        subcommands = {
            CreateLeadCommand.class,
            GetLeadCommand.class,
            ListLeadsCommand.class,
            UpdateLeadCommand.class,
            ArchiveLeadCommand.class,
            RestoreLeadCommand.class,
            LeadProfileCommand.class,
            QualifyLeadCommand.class,
            OverrideLeadCommand.class,
            ConvertLeadCommand.class,
            MergeLeadsCommand.class
        })
final class LeadsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
