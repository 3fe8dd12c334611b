package io.hearth.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangesTest {
    record Inner(String email, List<String> tags) {}

    record Outer(String id, Inner person, String status, String apiToken, long version) {}

    @Test
    void nestedFieldsAreFlattenedAndNamedByTheirApiPath() {
        Outer before = new Outer("1", new Inner("a@x.com", List.of("vip")), "NEW", null, 1);
        Outer after = new Outer("2", new Inner("b@x.com", List.of("vip", "expo")), "NEW", null, 2);

        assertThat(Changes.between(before, after))
                .containsExactly(
                        new FieldChange("email", "a@x.com", "b@x.com"), new FieldChange("tags", "vip", "vip, expo"));
    }

    @Test
    void aCreateListsEveryFieldSetAndBookkeepingIsLeftOut() {
        Outer created = new Outer("1", new Inner("a@x.com", List.of()), "NEW", null, 1);

        assertThat(Changes.between(null, created))
                .containsExactly(new FieldChange("email", null, "a@x.com"), new FieldChange("status", null, "NEW"));
    }

    @Test
    void aSecretsValuesAreMasked() {
        Outer before = new Outer("1", new Inner(null, List.of()), "NEW", "hth_old", 1);
        Outer after = new Outer("1", new Inner(null, List.of()), "NEW", "hth_new", 1);

        assertThat(Changes.between(before, after)).containsExactly(new FieldChange("api_token", "***", "***"));
        assertThat(Changes.between(after, after)).isEmpty();
    }
}
