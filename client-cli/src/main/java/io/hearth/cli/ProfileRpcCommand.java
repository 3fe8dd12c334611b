package io.hearth.cli;

import io.hearth.proto.v1.LeadProfile;
import picocli.CommandLine.Parameters;

/** A command about one lead's profile (QueueService): takes the lead ID and prints a profile. */
abstract class ProfileRpcCommand extends RpcCommand {

    @Parameters(
            index = "0",
            paramLabel = "ID",
            converter = LeadName.Converter.class,
            description = "Lead id or name (leads/{id}).")
    String name;

    /** The profile as a key/value block, or as protobuf JSON with {@code --output json}. */
    final void printProfile(LeadProfile profile) {
        if (json()) {
            ProtoJson.print(profile, out());
        } else {
            new ProfilePrinter(out(), clock().instant()).print(profile);
        }
    }
}
