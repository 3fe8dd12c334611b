package io.hearth.cli;

import com.google.protobuf.FieldMask;
import com.google.type.Money;
import io.hearth.proto.v1.Bant;
import io.hearth.proto.v1.BantAnswer;
import io.hearth.proto.v1.GetLeadProfileRequest;
import io.hearth.proto.v1.Qualification;
import io.hearth.proto.v1.QualifyLeadRequest;
import io.hearth.proto.v1.ReferralKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth leads qualify ID}: records what the rep learned. Sends only the options given,
 * with an update mask naming exactly those fields, so the server changes them and keeps the rest;
 * {@code --etag} makes the change conditional on nobody having changed the qualification since.
 * The profile is read only to complete a value: {@code --value} without {@code --currency} takes
 * the currency already recorded, {@code --currency} alone the recorded amount.
 */
@Command(
        name = "qualify",
        description = {
            "Record what you learned about a lead: need date, value, referral, BANT, lead level.",
            "Only the given options change; the rest of the qualification is kept.",
            "'unknown' clears a value. All four BANT answers yes makes an open lead qualified."
        })
final class QualifyLeadCommand extends ProfileRpcCommand {

    @Option(names = "--need-by", paramLabel = "DATE", description = "When they need it, e.g. 2026-12-15, or unknown.")
    String needBy;

    @Option(
            names = "--value",
            paramLabel = "AMOUNT",
            description = "What the deal would be worth, e.g. 25000 or 25000.50, or unknown.")
    String value;

    @Option(
            names = "--currency",
            paramLabel = "CODE",
            description = "ISO 4217 currency of --value, e.g. USD (default: the currency of the value"
                    + " already recorded).")
    String currency;

    @Option(
            names = "--referral",
            paramLabel = "KIND",
            description = "Who passed the lead on: none, champion, fan or unknown.")
    ReferralKind referral;

    @Option(names = "--budget", paramLabel = "ANSWER", description = "Can they pay? yes, no or unknown.")
    BantAnswer budget;

    @Option(names = "--authority", paramLabel = "ANSWER", description = "Can this person decide? yes, no or unknown.")
    BantAnswer authority;

    @Option(names = "--need", paramLabel = "ANSWER", description = "Do they truly need it? yes, no or unknown.")
    BantAnswer need;

    @Option(names = "--timescale", paramLabel = "ANSWER", description = "Will they buy soon? yes, no or unknown.")
    BantAnswer timescale;

    @Option(
            names = "--level",
            paramLabel = "0-6",
            description = "Lead level: 1 (name only) to 6 (buying, considering ours); 0 = not assessed.")
    Integer level;

    @Option(
            names = "--note",
            paramLabel = "TEXT",
            description = "Free-form note (at most 2000 characters); \"\" clears it.")
    String note;

    @Option(
            names = "--etag",
            paramLabel = "ETAG",
            description = "Only change the qualification if it is still at this etag (see 'hearth leads"
                    + " profile'): guards against overwriting a colleague's answers.")
    String etag = "";

    @Override
    void execute() {
        validate();
        Qualification.Builder qualification = Qualification.newBuilder().setEtag(etag.strip());
        List<String> paths = new ArrayList<>();
        if (needBy != null) {
            paths.add("need_by");
            if (!isUnknown(needBy)) {
                qualification.setNeedBy(MoneyText.toDate(parseDate()));
            }
        }
        if (value != null || currency != null) {
            paths.add("estimated_value");
            if (value == null || !isUnknown(value)) {
                qualification.setEstimatedValue(estimatedValue());
            }
        }
        set(referral, "referral", qualification::setReferral, paths);
        if (budget != null || authority != null || need != null || timescale != null) {
            Bant.Builder bant = qualification.getBantBuilder();
            set(budget, "bant.budget", bant::setBudget, paths);
            set(authority, "bant.authority", bant::setAuthority, paths);
            set(need, "bant.need", bant::setNeed, paths);
            set(timescale, "bant.timescale", bant::setTimescale, paths);
        }
        set(level, "lead_level", qualification::setLeadLevel, paths);
        set(note, "note", qualification::setNote, paths);
        QualifyLeadRequest request = QualifyLeadRequest.newBuilder()
                .setName(name)
                .setQualification(qualification)
                .setUpdateMask(FieldMask.newBuilder().addAllPaths(paths))
                .build();
        printProfile(queueService().qualifyLead(request));
    }

    /** Everything that can be checked before calling the server. */
    private void validate() {
        if (needBy == null
                && value == null
                && currency == null
                && referral == null
                && budget == null
                && authority == null
                && need == null
                && timescale == null
                && level == null
                && note == null) {
            throw usageError("Nothing to qualify: give at least one option, e.g. --budget yes");
        }
        if (level != null && (level < 0 || level > 6)) {
            throw usageError("Invalid value for option '--level': " + level + " is not between 0 and 6");
        }
        if (needBy != null && !isUnknown(needBy)) {
            parseDate();
        }
        if (value != null && !isUnknown(value)) {
            parseAmount();
        }
        if (currency != null) {
            if (value != null && isUnknown(value)) {
                throw usageError("--currency makes no sense with --value unknown");
            }
            currencyCode();
        }
    }

    /**
     * The value to send. Given both, they are the value; given one, the other comes from the value
     * already recorded (read from the profile), which must exist.
     */
    private Money estimatedValue() {
        if (value != null && currency != null) {
            return MoneyText.toMoney(parseAmount(), currencyCode());
        }
        Qualification current = queueService()
                .getLeadProfile(GetLeadProfileRequest.newBuilder().setName(name).build())
                .getQualification();
        if (!current.hasEstimatedValue()
                || current.getEstimatedValue().getCurrencyCode().isEmpty()) {
            throw usageError(
                    value != null
                            ? "--value needs --currency: the lead has no value yet"
                            : "--currency needs --value: the lead has no value yet");
        }
        Money recorded = current.getEstimatedValue();
        return value != null
                ? MoneyText.toMoney(parseAmount(), recorded.getCurrencyCode())
                : MoneyText.toMoney(MoneyText.amount(recorded), currencyCode());
    }

    /** Sets the given option's value and names its field in the mask; {@code unknown} enums clear. */
    private static <T> void set(T given, String path, Consumer<T> setter, List<String> paths) {
        if (given != null) {
            setter.accept(given);
            paths.add(path);
        }
    }

    private LocalDate parseDate() {
        try {
            return LocalDate.parse(needBy.trim());
        } catch (DateTimeParseException e) {
            throw usageError(
                    ("Invalid value for option '--need-by': '%s' is not a date like 2026-12-15" + " or unknown")
                            .formatted(needBy));
        }
    }

    private BigDecimal parseAmount() {
        BigDecimal amount;
        try {
            amount = new BigDecimal(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw usageError(("Invalid value for option '--value': '%s' is not an amount like 25000" + " or 25000.50")
                    .formatted(value));
        }
        if (amount.signum() < 0) {
            throw usageError("Invalid value for option '--value': must not be negative");
        }
        if (amount.stripTrailingZeros().scale() > 9 || amount.toBigInteger().bitLength() > 63) {
            throw usageError(("Invalid value for option '--value': '%s' has more than 9 decimals" + " or is too large")
                    .formatted(value));
        }
        return amount;
    }

    private String currencyCode() {
        String code = currency.trim().toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw usageError(
                    "Invalid value for option '--currency': '%s' is not an ISO 4217 code like USD".formatted(currency));
        }
        return code;
    }

    private static boolean isUnknown(String text) {
        return text.trim().equalsIgnoreCase(EnumNames.UNKNOWN);
    }
}
