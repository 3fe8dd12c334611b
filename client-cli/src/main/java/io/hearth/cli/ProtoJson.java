package io.hearth.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;

/**
 * Protobuf JSON for {@code --output json}. Every field is printed, empty ones too, so scripts
 * need not tell "absent" from "empty".
 */
final class ProtoJson {

    private static final JsonFormat.Printer PRETTY = JsonFormat.printer().alwaysPrintFieldsWithNoPresence();

    private static final JsonFormat.Printer ONE_LINE = PRETTY.omittingInsignificantWhitespace();

    private ProtoJson() {}

    /** Indented, for a command's single result. */
    static void print(MessageOrBuilder message, PrintWriter out) {
        out.println(json(PRETTY, message));
    }

    /** On one line, for a stream of results (JSON Lines). */
    static void printLine(MessageOrBuilder message, PrintWriter out) {
        out.println(json(ONE_LINE, message));
    }

    private static String json(JsonFormat.Printer printer, MessageOrBuilder message) {
        try {
            return printer.print(message);
        } catch (InvalidProtocolBufferException e) {
            // JsonFormat only fails on Any fields with unknown types; Hearth messages have none.
            throw new IllegalStateException(e);
        }
    }
}
