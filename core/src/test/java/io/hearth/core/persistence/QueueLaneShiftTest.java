package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.queue.Lane;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V23 inserts the opportunity lane between the hot leads and the due follow-ups. Lanes are stored
 * as {@link Lane#priority()}, so the entries of the lanes above it must move up by one: every
 * entry stored before keeps its lane and the queue keeps its order, on both databases.
 */
class QueueLaneShiftTest {
    /** The lanes as they were before V23, top first, and their stored priorities then (7 down to 1). */
    private static final List<Lane> LANES_BEFORE_V23 =
            List.of(Lane.SPEED_TO_LEAD, Lane.SIZZLING, Lane.HOT, Lane.DUE_FOLLOW_UP, Lane.WARM, Lane.COOL, Lane.COLD);

    @Test
    void entriesStoredBeforeV23KeepTheirLanesAndOrderOnHsqldb() throws Exception {
        String url = "jdbc:hsqldb:mem:laneshift" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url, "SA", "")) {
            assertShift(Flyway.configure().dataSource(url, "SA", ""), connection, "");
        }
    }

    @Test
    void entriesStoredBeforeV23KeepTheirLanesAndOrderOnPostgres() throws Exception {
        String url = TestDatabases.postgresUrlOrSkip();
        String schema = "laneshift_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url)) {
            try {
                assertShift(Flyway.configure().dataSource(url, null, null).schemas(schema), connection, schema + ".");
            } finally {
                try (Statement s = connection.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    private static void assertShift(
            org.flywaydb.core.api.configuration.FluentConfiguration flyway, Connection connection, String prefix)
            throws Exception {
        flyway.locations("classpath:db/migration").target("22").load().migrate();
        try (Statement s = connection.createStatement()) {
            for (int i = 0; i < LANES_BEFORE_V23.size(); i++) {
                int storedThen = LANES_BEFORE_V23.size() - i;
                s.execute("INSERT INTO " + prefix + "queue_entry (person_id, person_kind, display_name,"
                        + " lane_priority, queue_rank, visible_from, action, channel, reasons) VALUES ('"
                        + new UUID(0, i + 1) + "', 'LEAD', '" + LANES_BEFORE_V23.get(i) + "', " + storedThen
                        + ", 0, CURRENT_TIMESTAMP, 'COLD_CALL', 'PHONE', 'why')");
            }
        }

        flyway.target("latest").load().migrate();

        List<Lane> lanes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery("SELECT display_name, lane_priority FROM " + prefix
                        + "queue_entry ORDER BY lane_priority DESC, queue_rank DESC, person_id DESC")) {
            while (rows.next()) {
                names.add(rows.getString(1));
                lanes.add(Lane.ofPriority(rows.getInt(2)));
            }
        }
        assertThat(lanes).as("each entry's lane, read with today's Lane").containsExactlyElementsOf(LANES_BEFORE_V23);
        assertThat(names)
                .as("the queue's order")
                .containsExactlyElementsOf(
                        LANES_BEFORE_V23.stream().map(Lane::name).toList());
        assertThat(Lane.OPPORTUNITY.priority())
                .isLessThan(Lane.HOT.priority())
                .isGreaterThan(Lane.DUE_FOLLOW_UP.priority());
    }
}
