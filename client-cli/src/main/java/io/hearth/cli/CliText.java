package io.hearth.cli;

import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.Timestamp;
import io.hearth.proto.v1.NextStep;
import java.time.Instant;

/** How the contact and follow-up tables show values: enums in CLI spelling, "-" for nothing. */
final class CliText {

    static final String NONE = "-";

    private CliText() {}

    static String value(String text) {
        return text == null || text.isEmpty() ? NONE : text;
    }

    static String value(ProtocolMessageEnum value) {
        return value.getNumber() == 0 ? NONE : EnumNames.cliName(value);
    }

    static String value(Timestamp time) {
        return time.getSeconds() == 0 && time.getNanos() == 0
                ? NONE
                : Instant.ofEpochSecond(time.getSeconds(), time.getNanos()).toString();
    }

    /** A person's next cadence step: which follow-up, how, when, and why; {@link #NONE} when none is scheduled. */
    static String nextStep(boolean present, NextStep step) {
        if (!present) {
            return NONE;
        }
        return "follow-up " + step.getFollowUpNumber() + " by " + value(step.getChannel()) + ", due "
                + value(step.getDueTime()) + " (" + step.getFollowUp() + ")"
                + (step.getReason().isEmpty() ? "" : ": " + step.getReason());
    }
}
