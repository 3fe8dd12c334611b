package io.hearth.cli;

import io.hearth.proto.v1.MergeContactsRequest;
import io.hearth.proto.v1.MergeContactsResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hearth contacts merge SURVIVOR DUPLICATE}: folds a contact entered twice into one. */
@Command(
        name = "merge",
        description = "Merge DUPLICATE into SURVIVOR, one person entered as two contacts: the duplicate's"
                + " touches, follow-ups, connector links and the fields the survivor lacks move over;"
                + " the duplicate is archived, naming the survivor.")
final class MergeContactsCommand extends RpcCommand {

    @Parameters(
            index = "0",
            paramLabel = "SURVIVOR",
            converter = ContactName.Converter.class,
            description = "Contact that stays: id or name (contacts/{id}).")
    String survivor;

    @Parameters(
            index = "1",
            paramLabel = "DUPLICATE",
            converter = ContactName.Converter.class,
            description = "Contact merged into it and archived: id or name (contacts/{id}).")
    String duplicate;

    @Mixin
    MergeOptions merge = new MergeOptions();

    @Override
    void execute() {
        MergeContactsResponse merged = contactService()
                .mergeContacts(MergeContactsRequest.newBuilder()
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
        ContactPrinter.print(merged.getSurvivor(), out());
    }
}
