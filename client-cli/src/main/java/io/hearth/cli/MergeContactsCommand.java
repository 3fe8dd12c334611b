package io.hearth.cli;

import io.hearth.proto.v1.MergeContactsRequest;
import io.hearth.proto.v1.MergeContactsResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(
            names = "--survivor-etag",
            paramLabel = "ETAG",
            description = "Merge only if the survivor is unchanged since.")
    String survivorEtag = "";

    @Option(
            names = "--duplicate-etag",
            paramLabel = "ETAG",
            description = "Merge only if the duplicate is unchanged since.")
    String duplicateEtag = "";

    @Override
    void execute() {
        MergeContactsResponse merged = contactService()
                .mergeContacts(MergeContactsRequest.newBuilder()
                        .setSurvivor(survivor)
                        .setSurvivorEtag(survivorEtag)
                        .setDuplicate(duplicate)
                        .setDuplicateEtag(duplicateEtag)
                        .build());
        if (json()) {
            ProtoJson.print(merged, out());
            return;
        }
        out().println(merged.getDuplicate().getName() + " merged into "
                + merged.getSurvivor().getName() + ": "
                + merged.getTouchesMoved() + " touches, " + merged.getFollowUpsMoved() + " follow-ups, "
                + merged.getExternalIdsMoved() + " connector links moved");
        ContactPrinter.print(merged.getSurvivor(), out());
    }
}
