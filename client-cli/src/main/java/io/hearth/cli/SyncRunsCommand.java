package io.hearth.cli;

import io.hearth.proto.v1.ListSyncRunsRequest;
import io.hearth.proto.v1.ListSyncRunsResponse;
import io.hearth.proto.v1.SyncCounts;
import io.hearth.proto.v1.SyncRun;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth sync runs}. */
@Command(name = "sync", description = "Sync runs recorded by the server.")
final class SyncRunsCommand {

    @Command(
            name = "runs",
            description = "List sync and import runs, newest first.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  hearth sync runs --connection HubSpot --page-size 10",
                "  hearth sync runs --output json | jq '.syncRuns[] | select(.state == \"SYNC_RUN_STATE_FAILED\")'"
            })
    static final class Runs extends RpcCommand {
        @Option(names = "--page-size", paramLabel = "N", description = "Runs per page (server default 50).")
        int pageSize;

        @Option(names = "--page-token", paramLabel = "TOKEN", description = "Continue where a previous list stopped.")
        String pageToken = "";

        @Option(
                names = "--connection",
                paramLabel = "NAME",
                description = "Only this connection's runs (display name or connections/{id}).")
        String connection;

        @Override
        void execute() {
            PrintWriter out = out();
            PrintWriter err = err();
            ListSyncRunsResponse page = syncService()
                    .listSyncRuns(ListSyncRunsRequest.newBuilder()
                            .setPageSize(pageSize)
                            .setPageToken(pageToken)
                            .setConnection(connection == null ? "" : ConnectionsCommand.resolve(this, connection))
                            .build());
            if (json()) {
                ProtoJson.print(page, out);
                return;
            }
            TableFormatter table = new TableFormatter(
                    "RUN",
                    "STATE",
                    "CONNECTOR",
                    "STARTED",
                    "READ",
                    "CREATED",
                    "UPDATED",
                    "UNCHANGED",
                    "MERGED",
                    "REJECTED",
                    "ARCHIVED",
                    "WRITTEN BACK",
                    "NOTE");
            for (SyncRun run : page.getSyncRunsList()) {
                SyncCounts c = run.getCounts();
                table.addRow(
                        run.getName(),
                        state(run),
                        run.getConnector().replaceFirst("^connectors/", ""),
                        Instant.ofEpochSecond(run.getStartTime().getSeconds()).toString(),
                        n(c.getRead()),
                        n(c.getCreated()),
                        n(c.getUpdated()),
                        n(c.getUnchanged()),
                        n(c.getMerged()),
                        n(c.getRejected()),
                        n(c.getArchived()),
                        writtenBack(c),
                        run.getError().isEmpty() ? (run.getDryRun() ? "dry run" : "") : run.getError());
            }
            table.printTo(out);
            if (!page.getNextPageToken().isEmpty()) {
                // stdout is buffered and stderr is not: without this the hint lands above the table
                out.flush();
                err.println("More runs: hearth sync runs "
                        + (connection == null ? "" : "--connection " + ShellWords.quote(connection) + " ")
                        + "--page-token " + page.getNextPageToken());
            }
        }
    }

    static String state(SyncRun run) {
        return run.getState().name().replaceFirst("^SYNC_RUN_STATE_", "").toLowerCase(Locale.ROOT);
    }

    /**
     * What a run's write-back wrote and had refused, e.g. "3 people, 1 touch (1 failed)", with its
     * deals when it wrote or tried any ("3 people, 0 touches, 2 deals (1 failed)"); empty when it
     * wrote nothing (a read, an import). The failed are the people, touches and deals together.
     */
    static String writtenBack(SyncCounts c) {
        long failed = c.getPeopleFailed() + c.getTouchesFailed() + c.getDealsFailed();
        boolean deals = c.getDealsWritten() + c.getDealsFailed() > 0;
        if (c.getPeopleWritten() + c.getTouchesWritten() + c.getDealsWritten() + failed == 0) {
            return "";
        }
        return c.getPeopleWritten()
                + (c.getPeopleWritten() == 1 ? " person, " : " people, ")
                + c.getTouchesWritten()
                + (c.getTouchesWritten() == 1 ? " touch" : " touches")
                + (deals ? ", " + c.getDealsWritten() + (c.getDealsWritten() == 1 ? " deal" : " deals") : "")
                + (failed == 0 ? "" : " (" + failed + " failed)");
    }

    private static String n(long value) {
        return Long.toString(value);
    }
}
