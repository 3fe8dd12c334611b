package io.hearth.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoqlTest {
    @Test
    void literalsEscapeWithABackslashSoNoValueEndsTheString() {
        assertThat(Soql.literal("o'brien@example.com")).isEqualTo("'o\\'brien@example.com'");
        assertThat(Soql.literal("a\\b\nc")).isEqualTo("'a\\\\b\\nc'");
        assertThat(Soql.inList(List.of("a", "b'"))).isEqualTo("('a', 'b\\'')");
    }

    @Test
    void namesAndIdsAreCheckedNotEscaped() {
        assertThat(Soql.isApiName("Hearth_Touch_Id__c")).isTrue();
        assertThat(Soql.isApiName("Id FROM Lead")).isFalse();
        assertThat(Soql.isId("00Q5g000004AbCd")).isTrue();
        assertThat(Soql.isId("00Q5g000004AbCdEAF")).isTrue();
        assertThat(Soql.isId("00Q5g000004AbCdE")).isFalse();
    }

    @Test
    void salesforceTimesReadInEachFormTheApiWrites() {
        Instant expected = Instant.parse("2026-12-01T10:00:00Z");

        assertThat(SalesforceTime.parse("2026-12-01T10:00:00.000+0000")).contains(expected);
        assertThat(SalesforceTime.parse("2026-12-01T11:00:00.000+01:00")).contains(expected);
        assertThat(SalesforceTime.parse("2026-12-01T10:00:00Z")).contains(expected);
        assertThat(SalesforceTime.parse("yesterday")).isEmpty();
        assertThat(SalesforceTime.soqlLiteral(expected)).isEqualTo("2026-12-01T10:00:00Z");
    }
}
