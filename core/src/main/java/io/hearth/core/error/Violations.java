package io.hearth.core.error;

import java.util.ArrayList;
import java.util.List;

/** Collects every violation of one input so a caller learns about all bad fields at once. */
public final class Violations {
    private final List<FieldViolation> found = new ArrayList<>();

    public Violations add(String field, String description) {
        found.add(new FieldViolation(field, description));
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidArgumentException(found);
        }
    }
}
