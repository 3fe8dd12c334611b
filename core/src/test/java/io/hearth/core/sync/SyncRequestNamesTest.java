package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The names and configs sync requests carry: connectors, runs, and the file an export streams back. */
class SyncRequestNamesTest {
    @Test
    void aConnectorIsNamedWithOrWithoutItsCollection() {
        assertThat(ConnectorRegistry.connectorName("connectors/csv", "connector"))
                .isEqualTo("csv");
        assertThat(ConnectorRegistry.connectorName("csv", "connector")).isEqualTo("csv");
        for (String bad : new String[] {"", "connectors/", "connectors/ ", "connectors/a/b"}) {
            assertRefused(
                    () -> ConnectorRegistry.connectorName(bad, "header.connector"),
                    "header.connector",
                    "must name a connector as connectors/{name}, got '" + bad + "'");
        }
    }

    @Test
    void aRunIsNamedInItsCollection() {
        UUID id = UUID.randomUUID();

        assertThat(SyncRun.idFromName("syncRuns/" + id, "name")).isEqualTo(id);
        assertRefused(() -> SyncRun.idFromName("runs/1", "name"), "name", "must be syncRuns/{run_id}, got 'runs/1'");
        assertRefused(
                () -> SyncRun.idFromName("syncRuns/1", "parent"),
                "parent",
                "'syncRuns/1' does not hold a valid run id");
    }

    @Test
    void anExportConfigLeavesThePathToTheServer() {
        assertThatCode(() -> PeopleExporter.requireNoPath(Map.of("sheet", "Leads"), "config"))
                .doesNotThrowAnyException();
        assertRefused(
                () -> PeopleExporter.requireNoPath(Map.of("path", "/tmp/x.csv"), "config"),
                "config.path",
                "the server streams the file back; leave path out");
    }

    private static void assertRefused(ThrowingCallable call, String field, String description) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations()).containsExactly(new FieldViolation(field, description)));
    }
}
