package io.hearth.core.person;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/** The fields every person has, by the names an update mask uses, lead or contact alike. */
public enum PersonField implements MaskField {
    GIVEN_NAME((to, from) -> to.givenName(from.givenName())),
    FAMILY_NAME((to, from) -> to.familyName(from.familyName())),
    COMPANY((to, from) -> to.company(from.company())),
    TITLE((to, from) -> to.title(from.title())),
    EMAIL((to, from) -> to.email(from.email())),
    PHONE((to, from) -> to.phone(from.phone())),
    SOURCE((to, from) -> to.source(from.source())),
    OWNER((to, from) -> to.owner(from.owner())),
    NOTES((to, from) -> to.notes(from.notes())),
    TAGS((to, from) -> to.tags(from.tags()));

    /** The fields a person's matching keys come from: changing one may bring in someone else's key. */
    public static final Set<PersonField> MATCHED_ON = Set.of(GIVEN_NAME, FAMILY_NAME, COMPANY, EMAIL, PHONE);

    private final BiConsumer<PersonFieldsBuilder<?>, PersonFields> copier;

    PersonField(BiConsumer<PersonFieldsBuilder<?>, PersonFields> copier) {
        this.copier = copier;
    }

    /** Sets this field on {@code to} from {@code from}. */
    public void copy(PersonFieldsBuilder<?> to, PersonFields from) {
        copier.accept(to, from);
    }

    /** Whether the mask names a field a person's matching keys come from. */
    public static boolean touchesMatchKeys(Collection<? extends MaskField> mask) {
        return mask.stream().anyMatch(MATCHED_ON::contains);
    }

    /**
     * Parses update-mask paths into the fields they name: a person's fields and {@code own}, those
     * of the resource's own.
     *
     * @param field the request field holding the mask, named in the error
     * @param resource what is updated ("lead", "contact"), named in the error
     */
    public static Set<MaskField> fromPaths(
            Iterable<String> paths, String field, String resource, List<? extends MaskField> own) {
        List<MaskField> known = new ArrayList<>(List.of(values()));
        known.addAll(own);
        Set<MaskField> result = new LinkedHashSet<>();
        for (String path : paths) {
            String wanted = path.strip().toLowerCase(Locale.ROOT);
            result.add(known.stream()
                    .filter(f -> f.path().equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> InvalidArgumentException.of(
                            field,
                            Excerpts.quoted(path) + " is not an updatable " + resource + " field; use any of "
                                    + known.stream().map(MaskField::path).collect(Collectors.joining(", ")))));
        }
        return result;
    }
}
