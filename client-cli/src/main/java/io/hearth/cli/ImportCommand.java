package io.hearth.cli;

import com.google.protobuf.ByteString;
import io.grpc.stub.CallStreamObserver;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.ImportFileHeader;
import io.hearth.proto.v1.ImportFileRequest;
import io.hearth.proto.v1.ListRejectedRecordsRequest;
import io.hearth.proto.v1.ListRejectedRecordsResponse;
import io.hearth.proto.v1.RejectedRecord;
import io.hearth.proto.v1.SyncCounts;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth import FILE}: uploads a spreadsheet to the server, shows the progress, prints what
 * the import did and writes the rows it rejected next to the file.
 */
@Command(
        name = "import",
        footerHeading = "%nExamples:%n",
        footer = {
            "  hearth import leads.csv",
            "  hearth import contacts.xlsx --option sheet=Leads --mapping 'Mobile=phone,Org=company' --dry-run",
            "  # the run as JSON, the progress on stderr",
            "  hearth import leads.csv --output json 2>/dev/null | jq .counts"
        },
        description = {
            "Import leads from a CSV or .xlsx file (HubSpot, Salesforce, Google Contacts and Outlook exports work as they are).",
            "Rows matching someone already in Hearth update that person; importing a file twice creates nothing twice."
        })
final class ImportCommand extends RpcCommand {
    private static final int CHUNK_BYTES = 64 * 1024;

    @Parameters(paramLabel = "FILE", description = "The .csv or .xlsx file.")
    Path file;

    @Option(names = "--connector", paramLabel = "NAME", description = "csv or xlsx (default: from the file name).")
    String connector;

    @Option(
            names = "--mapping",
            paramLabel = "COLUMN=FIELD",
            split = ",",
            description = "Map a column to a Hearth field (given_name, family_name, company, title, email, phone, "
                    + "source, status, owner, notes, tags); repeat or separate with commas.")
    Map<String, String> mapping = new LinkedHashMap<>();

    @Option(
            names = "--option",
            paramLabel = "KEY=VALUE",
            description = "A connector option, e.g. sheet=Leads, delimiter=;, encoding=windows-1252, id_column=ID.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "Read, map and match everything, store nothing.")
    boolean dryRun;

    @Override
    void execute() {
        PrintWriter out = out();
        PrintWriter err = err();
        if (!Files.isRegularFile(file)) {
            throw usageError("No file at " + file);
        }
        ImportFileHeader.Builder header = ImportFileHeader.newBuilder()
                .setFileName(file.getFileName().toString())
                .putAllConfig(options)
                .putAllMapping(mapping)
                .setDryRun(dryRun);
        if (connector != null) {
            header.setConnector("connectors/" + connector);
        }
        SyncRun run = upload(header.build(), err);
        if (json()) {
            ProtoJson.print(run, out);
        } else {
            printSummary(run, out);
        }
        if (run.getCounts().getRejected() > 0) {
            Path rejected = writeRejected(run);
            // a script reads the run from stdout; the file is named FILE.rejected.csv in any case
            (json() ? err : out)
                    .println(run.getCounts().getRejected() + " rejected rows with their reasons: " + rejected);
        }
        if (run.getState() != SyncRunState.SYNC_RUN_STATE_SUCCEEDED) {
            out.flush();
            if (json()) {
                CliErrors.printJson(
                        CliErrors.JSON
                                .objectNode()
                                .put("code", "IMPORT_" + run.getState().name().replaceFirst("^SYNC_RUN_STATE_", ""))
                                .put("message", run.getError())
                                .put("run", run.getName()),
                        err);
            } else {
                err.println("Import " + SyncRunsCommand.state(run) + ": " + run.getError());
            }
            exitWith(EXIT_RPC_FAILED);
        }
    }

    private SyncRun upload(ImportFileHeader header, PrintWriter err) {
        CompletableFuture<SyncRun> done = new CompletableFuture<>();
        AtomicReference<ProgressBar> importing = new AtomicReference<>();
        StreamObserver<ImportFileRequest> requests = syncStreams().importFile(new StreamObserver<>() {
            private SyncRun last;

            @Override
            public void onNext(SyncRun run) {
                last = run;
                ProgressBar bar = importing.get();
                if (bar != null) {
                    long read = run.getCounts().getRead();
                    // a total counted off (blank rows the connector keeps, UTF-16) grows rather than overflowing
                    if (bar.getMax() >= 0 && read > bar.getMax()) {
                        bar.maxHint(read);
                    }
                    bar.stepTo(read);
                }
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onCompleted() {
                done.complete(last);
            }
        });
        CallStreamObserver<ImportFileRequest> flow = (CallStreamObserver<ImportFileRequest>) requests;
        boolean terminal = environment().errTerminal();
        // a CSV's rows are counted on the way up, so the import's bar knows its total; an .xlsx is a zip
        CsvRowCounter rows = isCsv(header) ? new CsvRowCounter() : null;
        Thread cancelOnExit = cancelOnExit((ClientCallStreamObserver<ImportFileRequest>) requests, done, err);
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        try {
            // one bar at a time: the server starts importing once the upload is complete
            try (ProgressBar uploading = Progress.start("Uploading", size(), " KiB", 1024, err, terminal);
                    InputStream in = Files.newInputStream(file)) {
                requests.onNext(ImportFileRequest.newBuilder().setHeader(header).build());
                byte[] buffer = new byte[CHUNK_BYTES];
                for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                    awaitReady(flow, done);
                    requests.onNext(ImportFileRequest.newBuilder()
                            .setChunk(ByteString.copyFrom(buffer, 0, read))
                            .build());
                    if (rows != null) {
                        rows.accept(buffer, read);
                    }
                    uploading.stepBy(read);
                }
            } catch (IOException e) {
                requests.onError(e);
                throw new UncheckedIOException("cannot read " + file, e);
            }
            if (terminal) {
                err.println();
            }
            long total = rows == null ? -1 : rows.dataRows();
            try (ProgressBar bar = Progress.start("Importing", total, " rows", 1, err, terminal)) {
                importing.set(bar);
                requests.onCompleted();
                return done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (terminal) {
                err.println();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnExit);
            } catch (IllegalStateException exiting) {
                // the hook is running: Ctrl-C came as the import ended
            }
        }
    }

    /**
     * Ctrl-C (or SIGTERM) while importing cancels the call, so the server ends the run CANCELLED
     * after its current batch instead of importing on for no one; what it stored is kept, and the
     * same command goes on from there.
     */
    private static Thread cancelOnExit(
            ClientCallStreamObserver<ImportFileRequest> call, CompletableFuture<?> done, PrintWriter err) {
        return new Thread(
                () -> {
                    if (done.isDone()) {
                        return;
                    }
                    call.cancel("cancelled by the user", null);
                    err.println();
                    err.println(
                            "Import cancelled: the server keeps the rows it stored and stops after its current batch. "
                                    + "Run the same command again to go on from there ('hearth sync runs' shows the run).");
                    err.flush();
                },
                "hearth-import-cancel");
    }

    /** Sends no faster than the server reads, so a large file is not buffered in memory. */
    private static void awaitReady(CallStreamObserver<?> flow, CompletableFuture<?> done) throws InterruptedException {
        while (!flow.isReady() && !done.isDone()) {
            Thread.sleep(1);
        }
    }

    /** Whether the server will read the file as CSV: named so, or so named by the file. */
    private boolean isCsv(ImportFileHeader header) {
        return header.getConnector().isEmpty()
                ? !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")
                : header.getConnector().equals("connectors/csv");
    }

    private static void printSummary(SyncRun run, PrintWriter out) {
        SyncCounts c = run.getCounts();
        out.println();
        new TableFormatter("READ", "CREATED", "UPDATED", "UNCHANGED", "MERGED", "REJECTED", "STATE")
                .addRow(
                        Long.toString(c.getRead()),
                        Long.toString(c.getCreated()),
                        Long.toString(c.getUpdated()),
                        Long.toString(c.getUnchanged()),
                        Long.toString(c.getMerged()),
                        Long.toString(c.getRejected()),
                        SyncRunsCommand.state(run) + (run.getDryRun() ? " (dry run)" : ""))
                .printTo(out);
    }

    /** The rejected rows as CSV next to the imported file: position, reason, the row as read. */
    private Path writeRejected(SyncRun run) {
        Path target = file.resolveSibling(file.getFileName() + ".rejected.csv");
        try (BufferedWriter writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            writer.write("position,reason,row\r\n");
            String token = "";
            do {
                ListRejectedRecordsResponse page = syncService()
                        .listRejectedRecords(ListRejectedRecordsRequest.newBuilder()
                                .setParent(run.getName())
                                .setPageSize(1000)
                                .setPageToken(token)
                                .build());
                for (RejectedRecord rejected : page.getRejectedRecordsList()) {
                    writer.write(quote(rejected.getPosition()) + "," + quote(rejected.getReason()) + ","
                            + quote(rejected.getRaw()) + "\r\n");
                }
                token = page.getNextPageToken();
            } while (!token.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return target;
    }

    static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
