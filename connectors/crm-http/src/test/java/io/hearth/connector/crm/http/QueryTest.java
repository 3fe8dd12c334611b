package io.hearth.connector.crm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTest {
    @Test
    void encodesNamesAndValuesAndSkipsNullValues() {
        Query query = Query.of("updated_since", "2026-12-01T10:00:00Z", "cursor", null, "term", "Müller & Co");

        assertThat(query.encoded()).isEqualTo("updated_since=2026-12-01T10%3A00%3A00Z&term=M%C3%BCller%20%26%20Co");
    }

    @Test
    void repeatsANameForEachValueAndKeepsOrder() {
        Map<String, String> more = new LinkedHashMap<>();
        more.put("limit", "100");
        more.put("archived", "false");

        Query query = Query.empty()
                .andEach("properties", List.of("email", "firstname"))
                .andAll(more);

        assertThat(query.encoded()).isEqualTo("properties=email&properties=firstname&limit=100&archived=false");
    }

    @Test
    void isImmutable() {
        Query base = Query.of("a", "1");
        base.and("b", "2");

        assertThat(base.encoded()).isEqualTo("a=1");
        assertThat(Query.empty().isEmpty()).isTrue();
        assertThat(Query.empty().encoded()).isEmpty();
    }

    @Test
    void namesAndValuesComeInPairs() {
        assertThatThrownBy(() -> Query.of("a")).hasMessageContaining("pairs");
    }

    @Test
    void aQueryIsAppendedToAPathThatAlreadyHasOne() {
        assertThat(CrmRequest.get("/query/01g-2000?x=1")
                        .withQuery(Query.of("y", "2"))
                        .pathAndQuery())
                .isEqualTo("/query/01g-2000?x=1&y=2");
        assertThat(CrmRequest.get("/query/01g-2000?x=1").describe()).isEqualTo("GET /query/01g-2000");
    }
}
