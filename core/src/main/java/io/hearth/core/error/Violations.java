package io.hearth.core.error;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects every violation of one input so a caller learns about all bad fields at once. */
public final class Violations {
    private final List<FieldViolation> found = new ArrayList<>();

    public Violations add(String field, String description) {
        found.add(new FieldViolation(field, description));
        return this;
    }

    /**
     * Reads a part of the input with a reader that refuses bad input on its own: its value, or
     * {@code null} with the reader's violations collected here.
     */
    public <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (InvalidArgumentException e) {
            found.addAll(e.violations());
            return null;
        }
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
