package io.hearth.core.persistence;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops one line from the test logs: Flyway's WARN "DB: no data (SQL State: 02000 ...)". HSQLDB
 * answers a statement that touches no row (the backfills of V3, V6 and V9, on an empty database)
 * with SQL warning 02000, "no data", a completion condition rather than a problem, and Flyway logs
 * every SQL warning twice. Every other Flyway warning, and every warning with another SQL state,
 * still shows. Named in {@code logback-test.xml} of core and server.
 */
public final class FlywayNoDataFilter extends TurboFilter {
    static final String LOGGER = "org.flywaydb.core.internal.sqlscript.DefaultSqlScriptExecutor";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        return level == Level.WARN
                        && format != null
                        && LOGGER.equals(logger.getName())
                        && format.startsWith("DB: ")
                        && format.contains("(SQL State: 02000 - ")
                ? FilterReply.DENY
                : FilterReply.NEUTRAL;
    }
}
