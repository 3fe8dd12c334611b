package io.hearth.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonField;
import io.hearth.core.person.PersonFields;
import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.Lead;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fields every person has are mapped once, for proto leads and contacts alike. */
class PersonMessagesTest {
    private static final PersonFields ADA = new PersonFields(
            "Ada",
            "Lovelace",
            "Analytical Engines",
            "CTO",
            "ada@example.com",
            "+14155550100",
            LeadSource.TRADE_SHOW,
            "alice",
            "met at the expo",
            List.of("vip", "expo"));

    @Test
    void leadAndContactDeclareEveryPersonFieldWithTheSameType() {
        for (Descriptor type : List.of(Lead.getDescriptor(), Contact.getDescriptor())) {
            for (PersonField f : PersonField.values()) {
                FieldDescriptor lead = Lead.getDescriptor().findFieldByName(f.path());
                FieldDescriptor field = type.findFieldByName(f.path());
                assertThat(field).as(type.getName() + "." + f.path()).isNotNull();
                assertThat(field.getType()).isEqualTo(lead.getType());
                assertThat(field.isRepeated()).isEqualTo(lead.isRepeated());
            }
            assertThat(type.findFieldByName("display_name")).isNotNull();
        }
    }

    @Test
    void aPersonGoesOutAndComesBackTheSameOnLeadsAndContacts() {
        Lead.Builder lead = Lead.newBuilder();
        Contact.Builder contact = Contact.newBuilder();
        PersonMessages.write(lead, ADA);
        PersonMessages.write(contact, ADA);

        assertThat(lead.getDisplayName()).isEqualTo("Ada Lovelace");
        assertThat(lead.getSource()).isEqualTo(io.hearth.proto.v1.LeadSource.LEAD_SOURCE_TRADE_SHOW);
        assertThat(contact.getTagsList()).containsExactly("vip", "expo");
        assertThat(PersonMessages.read(lead, "lead")).isEqualTo(ADA);
        assertThat(PersonMessages.read(contact, "contact")).isEqualTo(ADA);
    }

    @Test
    void absentTextGoesOutEmptyAndAnUnsetSourceComesBackNull() {
        Contact.Builder contact = Contact.newBuilder();
        PersonMessages.write(contact, PersonFields.EMPTY);

        assertThat(contact.getEmail()).isEmpty();
        assertThat(contact.getSourceValue()).isZero();
        assertThat(PersonMessages.read(contact, "contact").source()).isNull();
    }

    @Test
    void theFieldsACallerSetAreThoseWithAValue() {
        Lead lead = Lead.newBuilder()
                .setEmail("ada@example.com")
                .setSource(io.hearth.proto.v1.LeadSource.LEAD_SOURCE_REFERRAL)
                .addTags("vip")
                .build();

        assertThat(PersonMessages.fieldsSetIn(lead))
                .containsExactlyInAnyOrder(PersonField.EMAIL, PersonField.SOURCE, PersonField.TAGS);
        assertThat(PersonMessages.fieldsSetIn(Contact.getDefaultInstance())).isEmpty();
    }

    @Test
    void aSourceNumberThisServerDoesNotKnowIsRefusedNamingTheField() {
        Contact contact = Contact.newBuilder().setSourceValue(999).build();

        assertThatThrownBy(() -> PersonMessages.read(contact, "contact"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("contact.source"));
    }
}
