package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V20 gives the touches stored before it the owner follow-up statistics credit: the person's owner
 * at the migration (the contact's, for a touch on a lead that converted), on both databases.
 */
class TouchOwnerBackfillTest {
    private static final UUID LEAD = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID CONVERTED = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID UNOWNED = UUID.fromString("00000000-0000-0000-0000-00000000000c");

    @Test
    void touchesStoredBeforeV20TakeTheirPersonsOwnerOnHsqldb() throws Exception {
        String url = "jdbc:hsqldb:mem:backfill" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url, "SA", "")) {
            assertBackfill(Flyway.configure().dataSource(url, "SA", ""), connection, "");
        }
    }

    @Test
    void touchesStoredBeforeV20TakeTheirPersonsOwnerOnPostgres() throws Exception {
        String url = TestDatabases.postgresUrlOrSkip();
        String schema = "backfill_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url)) {
            try {
                assertBackfill(
                        Flyway.configure().dataSource(url, null, null).schemas(schema), connection, schema + ".");
            } finally {
                try (Statement s = connection.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    private static void assertBackfill(
            org.flywaydb.core.api.configuration.FluentConfiguration flyway, Connection connection, String prefix)
            throws Exception {
        flyway.locations("classpath:db/migration").target("18").load().migrate();
        try (Statement s = connection.createStatement()) {
            lead(s, prefix, LEAD, "'alice'");
            lead(s, prefix, CONVERTED, "'alice'");
            lead(s, prefix, UNOWNED, "NULL");
            s.execute("INSERT INTO " + prefix + "contact (id, display_name, kind, origin, owner,"
                    + " converted_from_lead_id, created_at, updated_at, version) VALUES ('" + CONVERTED
                    + "', 'Converted', 'PROSPECT', 'CONVERTED_LEAD', 'carol', '" + CONVERTED
                    + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)");
            touch(s, prefix, "'" + LEAD + "'", "NULL");
            touch(s, prefix, "'" + CONVERTED + "'", "'" + CONVERTED + "'");
            touch(s, prefix, "'" + UNOWNED + "'", "NULL");
        }

        flyway.target("latest").load().migrate();

        Map<String, String> owners = new HashMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery("SELECT lead_id, owner FROM " + prefix + "touch")) {
            while (rows.next()) {
                owners.put(rows.getString(1), rows.getString(2));
            }
        }
        assertThat(owners)
                .containsEntry(LEAD.toString(), "alice")
                .as("a converted lead's touch: the contact's owner")
                .containsEntry(CONVERTED.toString(), "carol")
                .containsEntry(UNOWNED.toString(), null)
                .hasSize(3);
    }

    private static void lead(Statement s, String prefix, UUID id, String owner) throws Exception {
        s.execute("INSERT INTO " + prefix + "lead (id, display_name, source, owner, status, temperature,"
                + " created_at, updated_at, version) VALUES ('" + id + "', 'Lead', 'OTHER', " + owner
                + ", 'NEW', 'COLD', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)");
    }

    private static void touch(Statement s, String prefix, String leadId, String contactId) throws Exception {
        s.execute("INSERT INTO " + prefix + "touch (id, lead_id, contact_id, kind, channel, occurred_at,"
                + " duration_seconds, outcome, created_at) VALUES ('" + UUID.randomUUID() + "', " + leadId + ", "
                + contactId + ", 'COLD_CALL', 'PHONE', CURRENT_TIMESTAMP, 0, 'NO_ANSWER', CURRENT_TIMESTAMP)");
    }
}
