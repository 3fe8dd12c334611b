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
                + " their profile.")
final class LeadsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
