package io.hearth.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.ListLeadsResponse;

import java.io.PrintWriter;

/** Protobuf JSON, for scripts; a list prints {@code leads} and {@code nextPageToken}. */
final class JsonLeadPrinter implements LeadPrinter {

    // Every field is printed, empty ones too, so scripts need not tell "absent" from "empty".
    private static final JsonFormat.Printer JSON =
            JsonFormat.printer().alwaysPrintFieldsWithNoPresence();

    private final PrintWriter out;

    JsonLeadPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void printLead(Lead lead) {
        print(lead);
    }

    @Override
    public void printPage(ListLeadsResponse page, String nextPageCommand) {
        print(page);
    }

    private void print(MessageOrBuilder message) {
        try {
            out.println(JSON.print(message));
        } catch (InvalidProtocolBufferException e) {
            // JsonFormat only fails on Any fields with unknown types; lead messages have none.
            throw new IllegalStateException(e);
        }
    }
}
