package io.hearth.core.sync;

import java.util.List;

/**
 * What an export wrote.
 *
 * @param errors the first few refusals, each naming the person
 */
public record ExportResult(long written, long failed, List<String> errors) {
    public ExportResult {
        errors = List.copyOf(errors);
    }
}
