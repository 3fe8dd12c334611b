package io.hearth.cli;

import io.hearth.proto.v1.ExportLeadsRequest;
import io.hearth.proto.v1.ExportLeadsResponse;
import io.hearth.proto.v1.ExportSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth export FILE}: the leads a filter selects, as a CSV or .xlsx file that imports back as is. */
@Command(name = "export", description = "Export leads to a CSV or .xlsx file.")
final class ExportCommand extends RpcCommand {
    @Parameters(paramLabel = "FILE", description = "Where to write; an existing file is replaced.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv or xlsx (default: from the file name).")
    String format;

    @Option(names = "--filter", paramLabel = "EXPR", description = "The leads list filter, e.g. 'status = NEW'.")
    String filter = "";

    @Override
    void execute() {
        PrintWriter out = out();
        PrintWriter err = err();
        String connector = format != null ? format
                : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx") ? "xlsx" : "csv";
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        ExportSummary summary = ExportSummary.getDefaultInstance();
        Iterator<ExportLeadsResponse> responses = syncDownloads().exportLeads(
                ExportLeadsRequest.newBuilder().setConnector("connectors/" + connector).setFilter(filter).build());
        try (OutputStream output = Files.newOutputStream(partial)) {
            while (responses.hasNext()) {
                ExportLeadsResponse response = responses.next();
                if (response.hasSummary()) {
                    summary = response.getSummary();
                } else {
                    response.getChunk().writeTo(output);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + partial, e);
        }
        try {
            // only a complete export replaces the file
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        out.println("Exported " + summary.getWritten() + " leads to " + file);
        summary.getErrorsList().forEach(error -> err.println("Not exported: " + error));
        if (summary.getFailed() > 0) {
            exitWith(EXIT_RPC_FAILED);
        }
    }
}
