package io.hearth.core.opportunity;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.Violations;
import io.hearth.core.resource.ControlCharacters;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What an opportunity's fields must be, checked on every write; violations are named by field
 * ({@code title}, {@code next_step.description}), all at once.
 */
public final class OpportunityRules {
    public static final int MAX_TITLE = 200;
    public static final int MAX_OWNER = 100;
    public static final int MAX_NEXT_STEP = 1000;
    public static final int MAX_REASON = 1000;

    /**
     * The fields cleaned (stripped, blank as none) when they make a valid opportunity.
     *
     * @throws InvalidArgumentException naming every bad field
     */
    public OpportunityFields check(OpportunityFields in) {
        Violations violations = new Violations();
        String title = line(in.title(), "title", MAX_TITLE, violations);
        if (in.title() == null || in.title().isBlank()) {
            violations.add("title", "required: what the deal is, e.g. \"200 seats, annual plan\"");
        }
        if (in.amount() == null) {
            violations.add("amount", "required: what the deal is worth (a currency code and an amount, 0 if unknown)");
        }
        if (in.expectedCloseDate() == null) {
            violations.add("expected_close_date", "required: the day the deal is expected to close");
        }
        String owner = line(in.owner(), "owner", MAX_OWNER, violations);
        NextStep nextStep = null;
        if (in.nextStep() != null) {
            String description = text(in.nextStep().description(), "next_step.description", MAX_NEXT_STEP, violations);
            if (in.nextStep().description().isBlank()) {
                violations.add("next_step.description", "required for a next step: what is to happen");
            } else if (description != null) {
                Instant due = in.nextStep().dueAt();
                // databases keep microseconds: what a write returns equals what a read returns later
                nextStep = new NextStep(description, due == null ? null : due.truncatedTo(ChronoUnit.MICROS));
            }
        }
        violations.throwIfAny();
        return new OpportunityFields(title, in.amount(), in.expectedCloseDate(), owner, nextStep);
    }

    /**
     * Why a lost deal was lost (required) or why a deal was won (optional), cleaned.
     *
     * @param field the request field, e.g. {@code reason}
     */
    public String closeReason(Outcome outcome, String reason, String field) {
        Violations violations = new Violations();
        String cleaned = text(reason, field, MAX_REASON, violations);
        if (cleaned == null && outcome == Outcome.LOST) {
            violations.add(field, "required when a deal is lost: why it was lost, e.g. \"went with a competitor\"");
        }
        violations.throwIfAny();
        return cleaned;
    }

    private static String line(String value, String field, int max, Violations violations) {
        return checked(value, field, max, ControlCharacters.lineProblem(value), violations);
    }

    private static String text(String value, String field, int max, Violations violations) {
        return checked(value, field, max, ControlCharacters.textProblem(value), violations);
    }

    private static String checked(String value, String field, int max, String problem, Violations violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (problem != null) {
            violations.add(field, problem);
            return null;
        }
        if (stripped.length() > max) {
            violations.add(field, "must be at most " + max + " characters, got " + stripped.length());
            return null;
        }
        return stripped;
    }
}
