package io.hearth.connector.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutgoingPersonTest {
    @Test
    void theTwoArgumentConstructorKnowsNoExternalId() {
        OutgoingPerson person = new OutgoingPerson("leads/1", Map.of(StandardFields.EMAIL, "a@example.com"));

        assertThat(person.externalId()).isNull();
        assertThat(person.fields()).containsEntry(StandardFields.EMAIL, "a@example.com");
    }

    @Test
    void carriesTheDestinationsIdWhenKnown() {
        assertThat(new OutgoingPerson("contacts/2", "hs-901", Map.of()).externalId())
                .isEqualTo("hs-901");
    }

    @Test
    void fieldsAreACopy() {
        Map<String, String> fields = new HashMap<>(Map.of(StandardFields.EMAIL, "a@example.com"));
        OutgoingPerson person = new OutgoingPerson("leads/1", "x", fields);
        fields.put(StandardFields.PHONE, "+15551234567");

        assertThat(person.fields()).doesNotContainKey(StandardFields.PHONE);
        assertThatThrownBy(() -> person.fields().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void hearthIdIsRequired() {
        assertThatThrownBy(() -> new OutgoingPerson(null, "x", Map.of())).hasMessage("hearthId is null");
    }
}
