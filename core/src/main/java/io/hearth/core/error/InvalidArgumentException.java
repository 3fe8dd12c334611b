package io.hearth.core.error;

import java.util.List;
import java.util.stream.Collectors;

/** The input is malformed; {@link #violations()} names every bad field. */
public final class InvalidArgumentException extends HearthException {
    private final List<FieldViolation> violations;

    public InvalidArgumentException(List<FieldViolation> violations) {
        super(summarize(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid argument needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public static InvalidArgumentException of(String field, String description) {
        return new InvalidArgumentException(List.of(new FieldViolation(field, description)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** The same violations with every field nested under {@code parent}. */
    public InvalidArgumentException under(String parent) {
        return new InvalidArgumentException(
                violations.stream().map(v -> v.under(parent)).toList());
    }

    @Override
    public Kind kind() {
        return Kind.INVALID_ARGUMENT;
    }

    @Override
    public ErrorReason errorReason() {
        return ErrorReason.INVALID_ARGUMENT;
    }

    private static String summarize(List<FieldViolation> violations) {
        return violations.stream()
                .map(v -> v.field() + ": " + v.description())
                .collect(Collectors.joining("; ", "invalid input: ", ""));
    }
}
