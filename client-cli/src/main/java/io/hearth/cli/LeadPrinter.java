package io.hearth.cli;

import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.ListLeadsResponse;
import java.io.PrintWriter;

/** Prints command results in the format chosen with {@code --output}. */
interface LeadPrinter {

    /** @param err where hints go (the next page's command), so that stdout holds only results */
    static LeadPrinter of(OutputFormat format, PrintWriter out, PrintWriter err) {
        return switch (format) {
            case TABLE -> new TableLeadPrinter(out, err);
            case JSON -> new JsonLeadPrinter(out);
        };
    }

    void printLead(Lead lead);

    /**
     * @param nextPageCommand the command line that fetches the next page, for formats that show a
     *     hint rather than the bare token; unused when the page is the last one
     */
    void printPage(ListLeadsResponse page, String nextPageCommand);
}
