package io.hearth.cli;

import io.hearth.proto.v1.MergeLeadsRequest;
import io.hearth.proto.v1.MergeLeadsResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hearth leads merge SURVIVOR DUPLICATE}: folds a lead entered twice into one. */
@Command(
        name = "merge",
        description = "Merge DUPLICATE into SURVIVOR: its touches, follow-ups, connector links, and the"
                + " fields and answers SURVIVOR lacks move over; DUPLICATE is archived.")
final class MergeLeadsCommand extends RpcCommand {

    @Parameters(
            index = "0",
            paramLabel = "SURVIVOR",
            converter = LeadName.Converter.class,
            description = "The lead that stays: id or name (leads/{id}).")
    String survivor;

    @Parameters(
            index = "1",
            paramLabel = "DUPLICATE",
            converter = LeadName.Converter.class,
            description = "The lead merged into it and archived: id or name.")
    String duplicate;

    @Mixin
    MergeOptions merge = new MergeOptions();

    @Override
    void execute() {
        MergeLeadsResponse merged = leadService()
                .mergeLeads(MergeLeadsRequest.newBuilder()
                        .setSurvivor(survivor)
                        .setSurvivorEtag(merge.survivorEtag)
                        .setDuplicate(duplicate)
                        .setDuplicateEtag(merge.duplicateEtag)
                        .build());
        if (json()) {
            ProtoJson.print(merged, out());
            return;
        }
        out().println(MergeOptions.summary(
                merged.getDuplicate().getName(),
                merged.getSurvivor().getName(),
                merged.getTouchesMoved(),
                merged.getFollowUpsMoved(),
                merged.getExternalIdsMoved()));
        LeadPrinter.of(options().output, out(), err()).printLead(merged.getSurvivor());
    }
}
