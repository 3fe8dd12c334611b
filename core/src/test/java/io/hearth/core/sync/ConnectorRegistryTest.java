package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.csv.CsvConnector;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.Connector;
import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectorRegistryTest {
    private final ConnectorRegistry registry = ConnectorRegistry.of(
            List.of(new CsvConnector(), new Claiming("xlsx", Set.of("xlsx")), new Claiming("hubspot", Set.of())));

    @Test
    void aFileGoesToTheConnectorClaimingItsExtensionInAnyLetterCase() {
        assertThat(registry.forFileName("leads.csv", "header.connector").name()).isEqualTo("csv");
        assertThat(registry.forFileName("Leads.TSV", "header.connector").name()).isEqualTo("csv");
        assertThat(registry.forFileName("export.2024.txt", "header.connector").name())
                .isEqualTo("csv");
        assertThat(registry.forFileName("Q3 leads.xlsx", "header.connector").name())
                .isEqualTo("xlsx");
    }

    @Test
    void aFileNoConnectorClaimsIsInvalidListingTheClaimedExtensions() {
        for (String fileName : List.of("notes.doc", "README", "leads.csv.gz", "leads.")) {
            assertThatThrownBy(() -> registry.forFileName(fileName, "header.connector"))
                    .isInstanceOfSatisfying(
                            InvalidArgumentException.class,
                            e -> assertThat(e.violations())
                                    .singleElement()
                                    .isEqualTo(
                                            new FieldViolation(
                                                    "header.connector",
                                                    "cannot tell the connector from '" + fileName
                                                            + "': name one, or use a file ending in .csv, .tsv, .txt or .xlsx")));
        }
        assertThatThrownBy(() -> ConnectorRegistry.of(List.of(new Claiming("hubspot", Set.of())))
                        .forFileName("leads.csv", "header.connector"))
                .hasMessageContaining("name one; no installed connector claims a file extension");
    }

    @Test
    void twoConnectorsClaimingOneExtensionStopTheStartNamingBoth() {
        assertThatThrownBy(() ->
                        ConnectorRegistry.of(List.of(new CsvConnector(), new Claiming("sheets", Set.of("ods", "csv")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two connectors claim the file extension 'csv'")
                .hasMessageContaining("'csv' " + CsvConnector.class.getName())
                .hasMessageContaining("'sheets' " + Claiming.class.getName());
    }

    @Test
    void anExtensionWithItsDotOrInCapitalsIsRefusedAtStart() {
        for (String extension : List.of(".csv", "CSV", "")) {
            assertThatThrownBy(() -> ConnectorRegistry.of(List.of(new Claiming("sheets", Set.of(extension)))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("connector 'sheets'")
                    .hasMessageContaining("claims the file extension '" + extension + "'");
        }
    }

    @Test
    void twoConnectorsWithOneNameStopTheStart() {
        assertThatThrownBy(() -> ConnectorRegistry.of(List.of(new CsvConnector(), new Claiming("csv", Set.of()))))
                .hasMessageContaining("two connectors are named 'csv'");
    }

    @Test
    void pagesFollowNamesNotPositions() {
        assertThat(registry.page(2, null)).extracting(Connector::name).containsExactly("csv", "hubspot");
        assertThat(registry.page(2, "hubspot")).extracting(Connector::name).containsExactly("xlsx");
        assertThat(registry.page(2, "xlsx")).isEmpty();
    }

    @Test
    void aPageAfterAConnectorSinceRemovedContinuesWithTheNextName() {
        // "dynamics" was installed when the page ending with it was shown
        assertThat(registry.page(2, "dynamics")).extracting(Connector::name).containsExactly("hubspot", "xlsx");
        assertThat(registry.page(2, "zoho")).isEmpty();
    }

    /** A connector that only claims extensions; the record's accessors implement name() and fileExtensions(). */
    record Claiming(String name, Set<String> fileExtensions) implements Connector {
        @Override
        public String description() {
            return "claims " + fileExtensions;
        }

        @Override
        public List<ConfigKey> configKeys() {
            return List.of();
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.READ);
        }
    }
}
