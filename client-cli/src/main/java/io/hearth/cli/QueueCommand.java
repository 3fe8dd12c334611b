package io.hearth.cli;

import io.hearth.proto.v1.ListQueueRequest;
import io.hearth.proto.v1.ListQueueResponse;
import io.hearth.proto.v1.WatchQueueRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth queue}: who to contact next, how and why. One page of the queue, every page with
 * {@code --all}, or with {@code --watch} its head, redrawn as it changes.
 */
@Command(
        name = "queue",
        footerHeading = "%nExamples:%n",
        footer = {
            "  hearth queue --owner alice",
            "  # the head of the queue on screen, redrawn as it changes",
            "  hearth queue --owner alice --watch --size 10",
            "  hearth queue --all --output json | jq '.items[0]'"
        },
        description = {
            "Who to contact next, how and why: the prioritized work queue.",
            "With --watch, the head of the queue stays on screen and is redrawn as it changes."
        })
final class QueueCommand extends RpcCommand {

    @Option(names = "--owner", paramLabel = "USER", description = "Only this rep's queue (default: the whole team).")
    String owner = "";

    @Option(names = "--page-size", paramLabel = "N", description = "Items per page (server default 50, at most 1000).")
    int pageSize;

    @Option(names = "--page-token", paramLabel = "TOKEN", description = "Continue where a previous listing stopped.")
    String pageToken = "";

    @Option(names = "--all", description = "Fetch every page, not just one.")
    boolean all;

    @Option(names = "--reasons", description = "List every reason under each item.")
    boolean reasons;

    @Option(names = "--watch", description = "Keep the head of the queue on screen until Ctrl-C or the server ends.")
    boolean watch;

    @Option(
            names = "--size",
            paramLabel = "N",
            description = "With --watch: how many items from the head (server default 20, at most 200).")
    int size;

    /** Lets tests end a watch; a person ends it with Ctrl-C. */
    @Option(names = "--max-snapshots", paramLabel = "N", hidden = true)
    int maxSnapshots;

    @Override
    void execute() {
        if (watch) {
            watch();
        } else {
            list();
        }
    }

    private void list() {
        for (String watchOnly : List.of("--size", "--max-snapshots")) {
            if (given(watchOnly)) {
                throw usageError(watchOnly + " only applies with --watch");
            }
        }
        ListQueueRequest request = ListQueueRequest.newBuilder()
                .setOwner(owner)
                .setPageSize(pageSize)
                .setPageToken(pageToken)
                .build();
        ListQueueResponse page = all ? allPages(request) : queueService().listQueue(request);
        if (json()) {
            ProtoJson.print(page, out());
            return;
        }
        if (page.getItemsCount() == 0) {
            out().println("The queue is empty.");
        } else {
            QueueTable.print(page.getItemsList(), 1, clock().instant(), reasons, out());
        }
        if (!page.getNextPageToken().isEmpty()) {
            out().flush();
            err().println("next page: " + nextPageCommand(request, page.getNextPageToken()));
        }
    }

    private void watch() {
        for (String listOnly : List.of("--page-size", "--page-token", "--all")) {
            if (given(listOnly)) {
                throw usageError(
                        listOnly + " does not apply with --watch, which shows the head of the" + " queue (see --size)");
            }
        }
        if (given("--max-snapshots") && maxSnapshots < 1) {
            throw usageError("--max-snapshots must be at least 1");
        }
        WatchQueueRequest request =
                WatchQueueRequest.newBuilder().setOwner(owner).setSize(size).build();
        new QueueWatch(request, environment(), json(), reasons, maxSnapshots, out()).run(queueStreams());
    }

    /** Follows next_page_token to the last page; the result has no next page token. */
    private ListQueueResponse allPages(ListQueueRequest request) {
        ListQueueResponse page = queueService().listQueue(request);
        ListQueueResponse.Builder everything = ListQueueResponse.newBuilder();
        everything.addAllItems(page.getItemsList());
        while (!page.getNextPageToken().isEmpty()) {
            String token = page.getNextPageToken();
            page = queueService()
                    .listQueue(request.toBuilder().setPageToken(token).build());
            everything.addAllItems(page.getItemsList());
        }
        return everything.build();
    }

    /** The command that fetches the next page: a token is only valid with the same owner. */
    private String nextPageCommand(ListQueueRequest request, String nextPageToken) {
        List<String> words = new ArrayList<>(List.of("hearth", "queue"));
        if (!request.getOwner().isEmpty()) {
            words.addAll(List.of("--owner", request.getOwner()));
        }
        if (request.getPageSize() > 0) {
            words.addAll(List.of("--page-size", Integer.toString(request.getPageSize())));
        }
        if (reasons) {
            words.add("--reasons");
        }
        words.addAll(List.of("--page-token", nextPageToken));
        return ShellWords.commandLine(words);
    }
}
