package io.hearth.cli;

import io.hearth.proto.v1.Bant;
import io.hearth.proto.v1.BantAnswer;
import io.hearth.proto.v1.LeadProfile;
import io.hearth.proto.v1.Qualification;
import io.hearth.proto.v1.ReferralKind;
import io.hearth.proto.v1.Temperature;
import io.hearth.proto.v1.TemperatureOverride;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * A lead profile as a key/value block: grade, reasons, qualification and speed-to-lead timing.
 * The response deadline counts down from {@code now} until the first touch.
 */
final class ProfilePrinter {

    private static final String NONE = "-";
    private static final String BULLET = "- ";
    private static final int LABEL_WIDTH = "model temperature:".length();

    private final PrintWriter out;
    private final Instant now;

    ProfilePrinter(PrintWriter out, Instant now) {
        this.out = out;
        this.now = now;
    }

    void print(LeadProfile profile) {
        field("lead", profile.getLead());
        field("temperature", temperature(profile.getTemperatureValue()));
        if (profile.getModelTemperatureValue() != profile.getTemperatureValue()) {
            field("model temperature", temperature(profile.getModelTemperatureValue()));
        }
        if (profile.hasOverride()) {
            TemperatureOverride override = profile.getOverride();
            StringBuilder pinned = new StringBuilder(temperature(override.getTemperatureValue()));
            if (!override.getSetBy().isEmpty()) {
                pinned.append(" by ").append(override.getSetBy());
            }
            if (override.hasSetTime()) {
                pinned.append(" at ").append(Times.format(override.getSetTime()));
            }
            field("override", pinned.toString());
            field("override reason", override.getReason());
        }
        field("sizzling", yesNo(profile.getSizzling()));
        field("probability", ResponseStatsCommand.percent(profile.getProbabilityToClose()));
        bullets("reasons", profile.getReasonsList());

        Qualification qualification = profile.getQualification();
        field("need by", qualification.hasNeedBy() ? MoneyText.format(qualification.getNeedBy()) : "");
        field("value", qualification.hasEstimatedValue() ? MoneyText.format(qualification.getEstimatedValue()) : "");
        field("referral", orUnknown(EnumNames.display(ReferralKind::forNumber, qualification.getReferralValue())));
        Bant bant = qualification.getBant();
        field("budget", bant(bant.getBudgetValue()));
        field("authority", bant(bant.getAuthorityValue()));
        field("need", bant(bant.getNeedValue()));
        field("timescale", bant(bant.getTimescaleValue()));
        field(
                "lead level",
                qualification.getLeadLevel() == 0 ? "not assessed" : qualification.getLeadLevel() + " of 6");
        field("qualified", yesNo(qualification.getQualified()));
        field("note", qualification.getNote());
        // what 'hearth leads qualify --etag' takes
        field("etag", qualification.getEtag());

        field("response due", responseDue(profile));
        field("first touch", profile.hasFirstTouchTime() ? Times.format(profile.getFirstTouchTime()) : "");
        field("response time", profile.hasResponseTime() ? DurationText.format(profile.getResponseTime()) : "");
        field("rated", profile.hasRateTime() ? Times.format(profile.getRateTime()) : "");
    }

    /** The deadline, counting down until the first touch, then whether it was met. */
    private String responseDue(LeadProfile profile) {
        if (!profile.hasResponseDeadline()) {
            return "";
        }
        Instant deadline = Times.instant(profile.getResponseDeadline());
        String when = Times.format(profile.getResponseDeadline());
        if (!profile.hasFirstTouchTime()) {
            return when + " (" + DurationText.countdown(deadline, now) + ")";
        }
        boolean met = !Times.instant(profile.getFirstTouchTime()).isAfter(deadline);
        return when + (met ? " (met)" : " (missed)");
    }

    private void field(String label, String value) {
        String continuationIndent = System.lineSeparator() + " ".repeat(LABEL_WIDTH + 1);
        String indented = (value.isEmpty() ? NONE : value).replaceAll("\\R", continuationIndent);
        out.printf("%-" + LABEL_WIDTH + "s %s%n", label + ":", indented);
    }

    /** Each value on its own line behind a bullet, aligned under the first. */
    private void bullets(String label, List<String> values) {
        if (values.isEmpty()) {
            field(label, "");
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String prefix = i == 0 ? label + ":" : "";
            String value = values.get(i).strip().replaceAll("\\R", " ");
            out.printf("%-" + LABEL_WIDTH + "s %s%n", prefix, BULLET + value);
        }
    }

    private static String temperature(int number) {
        return EnumNames.display(Temperature::forNumber, number);
    }

    private static String bant(int number) {
        return orUnknown(EnumNames.display(BantAnswer::forNumber, number));
    }

    private static String orUnknown(String value) {
        return value.isEmpty() ? EnumNames.UNKNOWN : value;
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
