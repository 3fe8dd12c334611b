package io.hearth.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.contact.ContactField;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactFilter;
import io.hearth.core.lead.LeadField;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadFilter;
import io.hearth.core.person.PersonField;
import io.hearth.core.person.PersonFields;
import io.hearth.core.person.PersonFilter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A field every person has is declared once, in {@link PersonFields}, and filtered once, in
 * {@link PersonFilter}: a lead's or a contact's types hold only what is theirs, around the shared
 * value. Adding {@code email} to {@code LeadFields} again fails here.
 */
class OnePersonTest {
    @Test
    void leadAndContactFieldsDeclareNoSharedField() {
        Set<String> shared = components(PersonFields.class);
        for (Class<?> own : List.of(LeadFields.class, ContactFields.class)) {
            assertThat(components(own)).as(own.getSimpleName()).doesNotContainAnyElementsOf(shared);
        }
    }

    @Test
    void leadAndContactFiltersDeclareNoSharedCondition() {
        Set<String> shared = components(PersonFilter.class);
        for (Class<?> own : List.of(LeadFilter.class, ContactFilter.class)) {
            assertThat(components(own)).as(own.getSimpleName()).doesNotContainAnyElementsOf(shared);
        }
    }

    @Test
    void updateMasksNameASharedFieldOnlyAsAPersonField() {
        Set<String> shared = Arrays.stream(PersonField.values()).map(Enum::name).collect(Collectors.toSet());
        assertThat(Stream.of(LeadField.values(), ContactField.values())
                        .flatMap(Arrays::stream)
                        .map(Enum::name))
                .doesNotContainAnyElementsOf(shared);
        // and every shared field is one a person carries
        assertThat(shared.stream().map(OnePersonTest::camel)).allMatch(components(PersonFields.class)::contains);
    }

    private static Set<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());
    }

    private static String camel(String constant) {
        String[] parts = constant.toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            name.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return name.toString();
    }
}
