package io.hearth.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.contact.ContactField;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.person.PersonField;
import io.hearth.core.priority.QualificationField;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** AIP-134: the mask names the fields; without one, the fields the caller set are updated. */
class UpdateMaskTest {
    @Test
    void theMaskWinsOverTheFieldsSet() {
        assertThat(UpdateMask.resolve(
                        List.of("owner", "tags"), LeadFields::fromPaths, Set.of(PersonField.EMAIL), "lead"))
                .containsExactlyInAnyOrder(PersonField.OWNER, PersonField.TAGS);
        assertThat(UpdateMask.resolve(
                        List.of("bant"),
                        QualificationField::fromPaths,
                        EnumSet.noneOf(QualificationField.class),
                        "qualification"))
                .containsExactlyInAnyOrder(
                        QualificationField.BUDGET,
                        QualificationField.AUTHORITY,
                        QualificationField.NEED,
                        QualificationField.TIMESCALE);
    }

    @Test
    void withoutAMaskTheFieldsSetAreUpdated() {
        assertThat(UpdateMask.resolve(List.of(), ContactFields::fromPaths, Set.of(ContactField.KIND), "contact"))
                .containsExactly(ContactField.KIND);
    }

    @Test
    void anUpdateNamingNoFieldIsRefusedNamingTheResource() {
        for (String resource : new String[] {"lead", "contact", "qualification"}) {
            assertThatThrownBy(() -> UpdateMask.resolve(List.of(), LeadFields::fromPaths, Set.of(), resource))
                    .isInstanceOfSatisfying(
                            InvalidArgumentException.class,
                            e -> assertThat(e.violations())
                                    .containsExactly(new FieldViolation(
                                            "update_mask",
                                            "nothing to update: name fields in update_mask or set them on the "
                                                    + resource)));
        }
    }

    @Test
    void aBadPathIsNamedAsTheMask() {
        assertThatThrownBy(() -> UpdateMask.resolve(
                        List.of("owner", "favourite_colour"), LeadFields::fromPaths, Set.of(PersonField.OWNER), "lead"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("update_mask"));
    }
}
