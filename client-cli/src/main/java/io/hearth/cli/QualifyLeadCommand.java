package io.hearth.cli;

import io.hearth.proto.v1.Bant;
import io.hearth.proto.v1.BantAnswer;
import io.hearth.proto.v1.GetLeadProfileRequest;
import io.hearth.proto.v1.Qualification;
import io.hearth.proto.v1.QualifyLeadRequest;
import io.hearth.proto.v1.ReferralKind;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code hearth leads qualify ID}: records what the rep learned. QualifyLead replaces the whole
 * qualification, so this command first fetches the lead's profile, starts from its current
 * qualification, changes only the options given and sends the result. (Two reps qualifying the
 * same lead at the same moment can still overwrite each other: the API has no etag for this.)
 */
@Command(
        name = "qualify",
        description = {
            "Record what you learned about a lead: need date, value, referral, BANT, lead level.",
            "Only the given options change; the rest of the qualification is kept.",
            "'unknown' clears a value. All four BANT answers yes makes an open lead qualified."
        })
final class QualifyLeadCommand extends ProfileRpcCommand {

    @Option(
            names = "--need-by",
            paramLabel = "DATE",
            description = "When they need it, e.g. 2026-12-15, or unknown.")
    String needBy;

    @Option(
            names = "--value",
            paramLabel = "AMOUNT",
            description = "What the deal would be worth, e.g. 25000 or 25000.50, or unknown.")
    String value;

    @Option(
            names = "--currency",
            paramLabel = "CODE",
            description =
                    "ISO 4217 currency of --value, e.g. USD (default: the currency of the value"
                            + " already recorded).")
    String currency;

    @Option(
            names = "--referral",
            paramLabel = "KIND",
            description = "Who passed the lead on: none, champion, fan or unknown.")
    ReferralKind referral;

    @Option(
            names = "--budget",
            paramLabel = "ANSWER",
            description = "Can they pay? yes, no or unknown.")
    BantAnswer budget;

    @Option(
            names = "--authority",
            paramLabel = "ANSWER",
            description = "Can this person decide? yes, no or unknown.")
    BantAnswer authority;

    @Option(
            names = "--need",
            paramLabel = "ANSWER",
            description = "Do they truly need it? yes, no or unknown.")
    BantAnswer need;

    @Option(
            names = "--timescale",
            paramLabel = "ANSWER",
            description = "Will they buy soon? yes, no or unknown.")
    BantAnswer timescale;

    @Option(
            names = "--level",
            paramLabel = "0-6",
            description =
                    "Lead level: 1 (name only) to 6 (buying, considering ours); 0 = not assessed.")
    Integer level;

    @Option(
            names = "--note",
            paramLabel = "TEXT",
            description = "Free-form note (at most 2000 characters); \"\" clears it.")
    String note;

    @Override
    void execute() {
        validate();
        Qualification current =
                queueService()
                        .getLeadProfile(GetLeadProfileRequest.newBuilder().setName(name).build())
                        .getQualification();
        QualifyLeadRequest request =
                QualifyLeadRequest.newBuilder()
                        .setName(name)
                        .setQualification(merge(current))
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
            throw usageError(
                    "Nothing to qualify: give at least one option, e.g. --budget yes");
        }
        if (level != null && (level < 0 || level > 6)) {
            throw usageError(
                    "Invalid value for option '--level': " + level + " is not between 0 and 6");
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

    /** The current qualification with the given options applied; output-only fields cleared. */
    Qualification merge(Qualification current) {
        Qualification.Builder merged = current.toBuilder().clearQualified();
        if (needBy != null) {
            if (isUnknown(needBy)) {
                merged.clearNeedBy();
            } else {
                merged.setNeedBy(MoneyText.toDate(parseDate()));
            }
        }
        if (value != null && isUnknown(value)) {
            merged.clearEstimatedValue();
        } else if (value != null || currency != null) {
            if (value == null && !current.hasEstimatedValue()) {
                throw usageError("--currency needs --value: the lead has no value yet");
            }
            String code =
                    currency != null
                            ? currencyCode()
                            : current.getEstimatedValue().getCurrencyCode();
            if (code.isEmpty()) {
                throw usageError("--value needs --currency: the lead has no value yet");
            }
            BigDecimal amount =
                    value != null ? parseAmount() : MoneyText.amount(current.getEstimatedValue());
            merged.setEstimatedValue(MoneyText.toMoney(amount, code));
        }
        set(referral, merged::setReferral);
        Bant.Builder bant = merged.getBantBuilder();
        set(budget, bant::setBudget);
        set(authority, bant::setAuthority);
        set(need, bant::setNeed);
        set(timescale, bant::setTimescale);
        set(level, merged::setLeadLevel);
        set(note, merged::setNote);
        return merged.build();
    }

    private static <T> void set(T given, Consumer<T> setter) {
        if (given != null) {
            setter.accept(given);
        }
    }

    private LocalDate parseDate() {
        try {
            return LocalDate.parse(needBy.trim());
        } catch (DateTimeParseException e) {
            throw usageError(
                    ("Invalid value for option '--need-by': '%s' is not a date like 2026-12-15"
                                    + " or unknown")
                            .formatted(needBy));
        }
    }

    private BigDecimal parseAmount() {
        BigDecimal amount;
        try {
            amount = new BigDecimal(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw usageError(
                    ("Invalid value for option '--value': '%s' is not an amount like 25000"
                                    + " or 25000.50")
                            .formatted(value));
        }
        if (amount.signum() < 0) {
            throw usageError("Invalid value for option '--value': must not be negative");
        }
        if (amount.stripTrailingZeros().scale() > 9 || amount.toBigInteger().bitLength() > 63) {
            throw usageError(
                    ("Invalid value for option '--value': '%s' has more than 9 decimals"
                                    + " or is too large")
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
                    "Invalid value for option '--currency': '%s' is not an ISO 4217 code like USD"
                            .formatted(currency));
        }
        return code;
    }

    private static boolean isUnknown(String text) {
        return text.trim().equalsIgnoreCase(EnumNames.UNKNOWN);
    }
}
