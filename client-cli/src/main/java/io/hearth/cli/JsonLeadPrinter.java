package io.hearth.cli;

import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.ListLeadsResponse;
import java.io.PrintWriter;

/** Protobuf JSON, for scripts; a list prints {@code leads} and {@code nextPageToken}. */
final class JsonLeadPrinter implements LeadPrinter {

    private final PrintWriter out;

    JsonLeadPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void printLead(Lead lead) {
        ProtoJson.print(lead, out);
    }

    @Override
    public void printPage(ListLeadsResponse page, String nextPageCommand) {
        ProtoJson.print(page, out);
    }
}
