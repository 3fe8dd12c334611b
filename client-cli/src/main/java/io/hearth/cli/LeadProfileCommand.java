package io.hearth.cli;

import io.hearth.proto.v1.GetLeadProfileRequest;
import picocli.CommandLine.Command;

/** {@code hearth leads profile ID}. */
@Command(
        name = "profile",
        description = {
            "Print the model's view of a lead: temperature and why, probability to close,",
            "qualification and speed-to-lead timing."
        })
final class LeadProfileCommand extends ProfileRpcCommand {

    @Override
    void execute() {
        printProfile(queueService()
                .getLeadProfile(GetLeadProfileRequest.newBuilder().setName(name).build()));
    }
}
