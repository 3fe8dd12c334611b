package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class FlywayNoDataFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final FlywayNoDataFilter filter = new FlywayNoDataFilter();

    @Test
    void dropsOnlyFlywaysNoDataWarning() {
        assertThat(decide(FlywayNoDataFilter.LOGGER, Level.WARN, "DB: no data (SQL State: 02000 - Error Code: -1100)"))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsOtherStatesLevelsAndLoggers() {
        assertThat(decide(
                        FlywayNoDataFilter.LOGGER, Level.WARN, "DB: something else (SQL State: 01000 - Error Code: 0)"))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(FlywayNoDataFilter.LOGGER, Level.ERROR, "DB: no data (SQL State: 02000 - Error Code: -1100)"))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(
                        "io.hearth.core.sync.SyncEngine",
                        Level.WARN,
                        "DB: no data (SQL State: 02000 - Error Code: -1100)"))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    private FilterReply decide(String logger, Level level, String message) {
        return filter.decide(null, context.getLogger(logger), level, message, null, null);
    }
}
