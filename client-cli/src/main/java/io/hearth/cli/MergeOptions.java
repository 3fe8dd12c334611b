package io.hearth.cli;

import picocli.CommandLine.Option;

/** What every merge command takes beside its two people: the etags that make it conditional. */
final class MergeOptions {
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

    /** The line a merge prints before the survivor: who went into whom and what moved. */
    static String summary(String duplicate, String survivor, int touches, int followUps, int links) {
        return duplicate + " merged into " + survivor + ": " + touches + " touches, " + followUps + " follow-ups, "
                + links + " connector links moved";
    }
}
