package io.hearth.connector.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The defaults of the abilities added for CRM connectors: a connector that ignores them keeps working. */
class OptionalAbilitiesTest {
    private final Connector connector = new Connector() {
        @Override
        public String name() {
            return "files-only";
        }

        @Override
        public String description() {
            return "a connector written before checkConnection existed";
        }

        @Override
        public List<ConfigKey> configKeys() {
            return List.of(ConfigKey.secret("token", "API token"));
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.WRITE);
        }
    };

    @Test
    void checkConnectionDefaultsToValidate() {
        assertThat(connector.checkConnection(Map.of()))
                .extracting(ConfigProblem::key)
                .containsExactly("token");
        assertThat(connector.checkConnection(Map.of("token", "t"))).isEmpty();
    }

    @Test
    void aWriterWritesNoTouchesUnlessItSaysSo() {
        RecordWriter writer = new RecordWriter() {
            @Override
            public List<WriteResult> write(List<OutgoingPerson> people) {
                return List.of();
            }

            @Override
            public void close() {}
        };
        OutgoingTouch touch = new OutgoingTouch("touches/1", "leads/1", null, "phone", null, Instant.EPOCH, null);

        assertThatThrownBy(() -> writer.writeTouches(List.of(touch))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void crmFieldsExtendWhatAFileSyncReadsWithoutChangingIt() {
        assertThat(StandardFields.ALL).doesNotContain(StandardFields.STAGE, StandardFields.TEMPERATURE);
        assertThat(StandardFields.CRM)
                .startsWith(StandardFields.ALL.toArray(String[]::new))
                .endsWith(StandardFields.STAGE, StandardFields.TEMPERATURE)
                .doesNotHaveDuplicates();
    }

    @Test
    void aConnectorWrittenBeforeDealsReadsAndWritesNone() {
        assertThat(connector.capabilities()).doesNotContain(Capability.READ_DEALS, Capability.WRITE_DEALS);
        assertThatThrownBy(() -> connector.openDealReader(Map.of(), null))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("files-only cannot read deals");
        assertThatThrownBy(() -> connector.openDealWriter(Map.of()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("files-only cannot write deals");
    }

    @Test
    void dealFieldsNeverCollideWithPersonFields() {
        assertThat(DealFields.ALL).doesNotHaveDuplicates().doesNotContainAnyElementsOf(StandardFields.CRM);
    }
}
