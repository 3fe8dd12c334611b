package io.hearth.cli;

/**
 * A command that calls the LeadService and prints leads: {@link RpcCommand} plus the lead printer
 * for the chosen {@code --output}.
 */
abstract class LeadRpcCommand extends RpcCommand {

    @Override
    final void execute() {
        execute(LeadPrinter.of(options().output, out(), err()));
    }

    /** Makes this command's calls and prints their results. */
    abstract void execute(LeadPrinter printer);
}
