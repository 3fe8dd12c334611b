package io.hearth.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class FailureSummaryTest {
    @Test
    void aDatabaseFailureShowsItsClassesSqlStateAndOriginButNoSqlOrValues() {
        SQLException driver = new SQLException(
                "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 "
                        + "Where: COPY lead, line 1, column given_name: \"ada@secret.example\"",
                "22021",
                7);
        DataAccessException jooq = new DataAccessException(
                "SQL [insert into lead (given_name) values (?)]; " + driver.getMessage(), driver);

        String summary = FailureSummary.of(new IllegalStateException("batch failed: " + jooq.getMessage(), jooq));

        assertThat(summary)
                .startsWith("java.lang.IllegalStateException <- org.jooq.exception.DataAccessException"
                        + " <- java.sql.SQLException [SQLState 22021, vendor code 7] at io.hearth.core.error."
                        + "FailureSummaryTest.aDatabaseFailureShows")
                .doesNotContain("insert", "secret", "0x00", "batch failed");
    }

    @Test
    void otherFailuresShowTheirMessagesAsShortPrintableExcerpts() {
        String summary = FailureSummary.of(new IllegalStateException(
                "power cut", new IllegalArgumentException("bad\nline " + "x".repeat(10_000))));

        assertThat(summary)
                .startsWith("java.lang.IllegalStateException: power cut <- "
                        + "java.lang.IllegalArgumentException: bad\uFFFDline xxx")
                .doesNotContain("\n")
                .hasSizeLessThan(500);
    }
}
