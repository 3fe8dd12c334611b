package io.hearth.connector.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.SourceRecord.Change;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceRecordTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theFourArgumentConstructorReadsAnUpsert() {
        SourceRecord record = new SourceRecord("17", T, Map.of(StandardFields.EMAIL, "a@example.com"), "row 2");

        assertThat(record.change()).isEqualTo(Change.UPSERT);
        assertThat(record.mergedInto()).isNull();
    }

    @Test
    void deletedCarriesItsIdAndNoFields() {
        SourceRecord record = SourceRecord.deleted("0031x", T, "record 0031x");

        assertThat(record.change()).isEqualTo(Change.DELETED);
        assertThat(record.externalId()).isEqualTo("0031x");
        assertThat(record.fields()).isEmpty();
        assertThat(record.mergedInto()).isNull();
    }

    @Test
    void mergedNamesTheSurvivor() {
        SourceRecord record = SourceRecord.merged("101", "202", T, "contact 101");

        assertThat(record.change()).isEqualTo(Change.MERGED);
        assertThat(record.mergedInto()).isEqualTo("202");
    }

    @Test
    void mergedWithoutSurvivorOrIntoItselfIsRefused() {
        assertThatThrownBy(() -> SourceRecord.merged("101", null, T, "contact 101"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("mergedInto");
        assertThatThrownBy(() -> SourceRecord.merged("101", "101", T, "contact 101"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("into itself");
    }

    @Test
    void onlyMergedRecordsNameASurvivor() {
        assertThatThrownBy(() -> new SourceRecord("1", T, Map.of(), "row 1", Change.UPSERT, "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only for MERGED");
        assertThatThrownBy(() -> new SourceRecord("1", T, Map.of(), "row 1", Change.DELETED, "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only for MERGED");
    }

    @Test
    void deletionsAndMergesNeedAnExternalId() {
        assertThatThrownBy(() -> SourceRecord.deleted(null, T, "row 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs its external id");
        assertThatThrownBy(() -> SourceRecord.merged(null, "2", T, "row 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs its external id");
    }

    @Test
    void changeIsRequired() {
        assertThatThrownBy(() -> new SourceRecord("1", T, Map.of(), "row 1", null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("change is null");
    }
}
