package io.hearth.core.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL server settings Hearth's reads depend on, checked when a server starts. The work
 * queue's and the matching lookups' plans follow the tables' statistics, which autovacuum keeps
 * (an import refreshes what it fills; single writes leave it to autovacuum): with it off, a team's
 * queue read at 5,000 leads made one by one took 21 ms instead of well under one, PostgreSQL
 * sorting every entry where it would walk the index to the first page.
 */
public final class PostgresSettings {
    private PostgresSettings() {}

    /** What is wrong with the server's settings, one sentence each; empty when nothing is. */
    public static List<String> warnings(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet settings = statement.executeQuery(
                        "select current_setting('autovacuum'), current_setting('track_counts')")) {
            settings.next();
            return warnings(settings.getString(1), settings.getString(2));
        }
    }

    /** {@link #warnings(Connection)} from the values of {@code autovacuum} and {@code track_counts}. */
    static List<String> warnings(String autovacuum, String trackCounts) {
        List<String> warnings = new ArrayList<>();
        if (!on(trackCounts)) {
            warnings.add("PostgreSQL's track_counts is off, so autovacuum never analyzes Hearth's tables: the work "
                    + "queue and duplicate lookups are planned on stale statistics and slow down as the tables "
                    + "grow; turn it on (its default), or run ANALYZE on the database regularly");
        } else if (!on(autovacuum)) {
            warnings.add("PostgreSQL's autovacuum is off, so nothing analyzes Hearth's tables as they grow: the "
                    + "work queue and duplicate lookups are planned on stale statistics and slow down; turn it on "
                    + "(its default), or run ANALYZE on the database regularly");
        }
        return warnings;
    }

    private static boolean on(String value) {
        return value != null && (value.equalsIgnoreCase("on") || value.equalsIgnoreCase("true"));
    }
}
