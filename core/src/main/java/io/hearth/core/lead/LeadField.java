package io.hearth.core.lead;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/** The writable fields of a lead, by the names an update mask uses. */
public enum LeadField {
    GIVEN_NAME((to, from) -> to.givenName(from.givenName())),
    FAMILY_NAME((to, from) -> to.familyName(from.familyName())),
    COMPANY((to, from) -> to.company(from.company())),
    TITLE((to, from) -> to.title(from.title())),
    EMAIL((to, from) -> to.email(from.email())),
    PHONE((to, from) -> to.phone(from.phone())),
    SOURCE((to, from) -> to.source(from.source())),
    OWNER((to, from) -> to.owner(from.owner())),
    STATUS((to, from) -> to.status(from.status())),
    TEMPERATURE((to, from) -> to.temperature(from.temperature())),
    NOTES((to, from) -> to.notes(from.notes())),
    TAGS((to, from) -> to.tags(from.tags()));

    /** The fields a person's matching keys come from: changing one may bring in someone else's key. */
    public static final Set<LeadField> MATCHED_ON = Set.of(GIVEN_NAME, FAMILY_NAME, COMPANY, EMAIL, PHONE);

    private final BiConsumer<LeadFields.Builder, LeadFields> copier;

    LeadField(BiConsumer<LeadFields.Builder, LeadFields> copier) {
        this.copier = copier;
    }

    /** The name used in update masks and error details, e.g. {@code given_name}. */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Sets this field on {@code to} from {@code from}. */
    void copy(LeadFields.Builder to, LeadFields from) {
        copier.accept(to, from);
    }

    /**
     * Parses update-mask paths.
     *
     * @param field the request field holding the mask, named in the error
     */
    public static Set<LeadField> fromPaths(Iterable<String> paths, String field) {
        Set<LeadField> result = EnumSet.noneOf(LeadField.class);
        for (String path : paths) {
            result.add(Arrays.stream(values())
                    .filter(f -> f.path().equals(path))
                    .findFirst()
                    .orElseThrow(() -> InvalidArgumentException.of(
                            field,
                            Excerpts.quoted(path) + " is not an updatable lead field; use any of "
                                    + Arrays.toString(pathNames()))));
        }
        return result;
    }

    private static String[] pathNames() {
        return Arrays.stream(values()).map(LeadField::path).toArray(String[]::new);
    }
}
