package io.hearth.core.lead;

import io.hearth.core.person.MaskField;
import java.util.function.BiConsumer;

/**
 * The fields of a lead's own that an update mask can name; the fields every person has are
 * {@link io.hearth.core.person.PersonField}s.
 */
public enum LeadField implements MaskField {
    STATUS((to, from) -> to.status(from.status())),
    TEMPERATURE((to, from) -> to.temperature(from.temperature()));

    private final BiConsumer<LeadFields.Builder, LeadFields> copier;

    LeadField(BiConsumer<LeadFields.Builder, LeadFields> copier) {
        this.copier = copier;
    }

    /** Sets this field on {@code to} from {@code from}. */
    void copy(LeadFields.Builder to, LeadFields from) {
        copier.accept(to, from);
    }
}
