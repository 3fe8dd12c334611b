package io.hearth.core.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.InvalidArgumentException;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeadIdTest {
    @org.junit.jupiter.api.Test
    void parsesItsOwnName() {
        LeadId id = new LeadId(UUID.randomUUID());
        assertThat(LeadId.fromName(id.name(), "name")).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "leads/",
                "leads/1-1-1-1-1",
                "contacts/0190c0d2-0000-7000-8000-000000000000",
                "0190c0d2-0000-7000-8000-000000000000",
                "leads/0190c0d2-0000-7000-8000-00000000000g"
            })
    void rejectsWhatIsNotALeadName(String name) {
        assertThatThrownBy(() -> LeadId.fromName(name, "name"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("name"));
    }
}
