package io.hearth.cli;

import com.google.protobuf.ByteString;
import io.hearth.proto.v1.ExportContactsRequest;
import io.hearth.proto.v1.ExportContactsResponse;
import io.hearth.proto.v1.ExportLeadsRequest;
import io.hearth.proto.v1.ExportLeadsResponse;
import io.hearth.proto.v1.ExportOpportunitiesRequest;
import io.hearth.proto.v1.ExportOpportunitiesResponse;
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
import java.util.function.Function;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth export FILE}: the leads (or with {@code --contacts}, the contacts) a filter selects,
 * as a CSV or .xlsx file that imports back as is.
 */
@Command(
        name = "export",
        description = "Export leads, contacts or deals to a CSV or .xlsx file.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  hearth export hot-leads.xlsx --filter 'temperature = HOT'",
            "  hearth export clients.csv --contacts --filter 'kind = active-client'",
            "  hearth export deals.xlsx --deals --filter 'outcome = open'   (import back: --option records=deals)"
        })
final class ExportCommand extends RpcCommand {
    @Parameters(paramLabel = "FILE", description = "Where to write; an existing file is replaced.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv or xlsx (default: from the file name).")
    String format;

    @Option(
            names = "--filter",
            paramLabel = "EXPR",
            description = "The list filter, e.g. 'status = NEW' (leads) or 'kind = active-client' (contacts).")
    String filter = "";

    @Option(names = "--contacts", description = "Export contacts (with their kind) instead of leads.")
    boolean contacts;

    @Option(
            names = "--deals",
            description = "Export deals (opportunities) instead of leads: one a row, with their contact, stage,"
                    + " amount, close date, owner and outcome.")
    boolean deals;

    @Override
    void execute() {
        PrintWriter out = out();
        PrintWriter err = err();
        String connector = format != null
                ? format
                : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx") ? "xlsx" : "csv";
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        String connectorName = "connectors/" + connector;
        if (contacts && deals) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--contacts and --deals: export one kind at a time");
        }
        ExportSummary summary;
        try (OutputStream output = Files.newOutputStream(partial)) {
            summary = deals
                    ? download(
                            syncDownloads()
                                    .exportOpportunities(ExportOpportunitiesRequest.newBuilder()
                                            .setConnector(connectorName)
                                            .setFilter(filter)
                                            .build()),
                            output,
                            ExportOpportunitiesResponse::hasSummary,
                            ExportOpportunitiesResponse::getSummary,
                            ExportOpportunitiesResponse::getChunk)
                    : contacts
                            ? download(
                                    syncDownloads()
                                            .exportContacts(ExportContactsRequest.newBuilder()
                                                    .setConnector(connectorName)
                                                    .setFilter(filter)
                                                    .build()),
                                    output,
                                    ExportContactsResponse::hasSummary,
                                    ExportContactsResponse::getSummary,
                                    ExportContactsResponse::getChunk)
                            : download(
                                    syncDownloads()
                                            .exportLeads(ExportLeadsRequest.newBuilder()
                                                    .setConnector(connectorName)
                                                    .setFilter(filter)
                                                    .build()),
                                    output,
                                    ExportLeadsResponse::hasSummary,
                                    ExportLeadsResponse::getSummary,
                                    ExportLeadsResponse::getChunk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + partial, e);
        }
        try {
            // only a complete export replaces the file
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        if (json()) {
            ProtoJson.print(summary, out);
        } else {
            out.println("Exported " + summary.getWritten() + (deals ? " deals" : contacts ? " contacts" : " leads")
                    + " to " + file);
            summary.getErrorsList().forEach(error -> err.println("Not exported: " + error));
        }
        if (summary.getFailed() > 0) {
            exitWith(EXIT_RPC_FAILED);
        }
    }

    /** Writes the streamed file to {@code output} and returns the summary that ends the stream. */
    private static <R> ExportSummary download(
            Iterator<R> responses,
            OutputStream output,
            Predicate<R> isSummary,
            Function<R, ExportSummary> summary,
            Function<R, ByteString> chunk)
            throws IOException {
        ExportSummary last = ExportSummary.getDefaultInstance();
        while (responses.hasNext()) {
            R response = responses.next();
            if (isSummary.test(response)) {
                last = summary.apply(response);
            } else {
                chunk.apply(response).writeTo(output);
            }
        }
        return last;
    }
}
