package io.hearth.core.resource;

import io.hearth.core.error.InvalidArgumentException;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/** AIP-134 update masks: which fields of a resource an update changes. */
public final class UpdateMask {
    /** The request field holding the mask. */
    public static final String FIELD = "update_mask";

    private UpdateMask() {}

    /**
     * The fields an update changes: those its mask names or, without a mask (absent or empty), those
     * the caller set a value on. An update that names none is refused.
     *
     * @param paths the mask's paths; empty when the request has no mask
     * @param fromPaths reads paths into fields, naming the request field it is given when one is bad
     * @param fieldsSet the fields the request carries a value for
     * @param resource the request field of the resource being updated, e.g. {@code lead}
     */
    public static <F> Set<F> resolve(
            List<String> paths, BiFunction<List<String>, String, Set<F>> fromPaths, Set<F> fieldsSet, String resource) {
        Set<F> fields = paths.isEmpty() ? fieldsSet : fromPaths.apply(paths, FIELD);
        if (fields.isEmpty()) {
            throw InvalidArgumentException.of(
                    FIELD, "nothing to update: name fields in update_mask or set them on the " + resource);
        }
        return fields;
    }
}
