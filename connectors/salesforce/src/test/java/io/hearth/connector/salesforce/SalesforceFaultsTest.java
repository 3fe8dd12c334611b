package io.hearth.connector.salesforce;

import static io.hearth.connector.salesforce.Fixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.crm.http.fake.RecordedRequest;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.connector.spi.SourceRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The faults every CRM has, as Salesforce shows them; no test sleeps, the waits are recorded. */
@Timeout(30)
class SalesforceFaultsTest {
    private final FakeSalesforce salesforce = new FakeSalesforce();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final SalesforceConnector connector = Fixtures.connector(waits);

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void theConcurrentRequestLimitBacksOffThenTheReadGoesOn() {
        String lead = salesforce.lead("LastName", "Patient", "Company", "Acme");
        salesforce.interrupt(
                "queryAll",
                FakeSalesforce.error(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.")
                        .withHeader("Sforce-Limit-Info", FakeSalesforce.LIMIT_INFO));

        List<SourceRecord> records =
                readAll(connector, salesforce.config(), null, 10).records();

        assertThat(records).extracting(SourceRecord::externalId).containsExactly(lead);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aTooManyRequestsAnswerWaitsItsRetryAfter() {
        salesforce.lead("LastName", "Patient", "Company", "Acme");
        salesforce.interrupt(
                "queryAll",
                FakeReply.json(
                                429,
                                "[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"," + "\"message\":\"Too many requests\"}]")
                        .withHeader("Retry-After", "7"));

        assertThat(readAll(connector, salesforce.config(), null, 10).records()).hasSize(1);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void theDailyLimitEndsTheRunAtOnceAndTheNextRunResumes() {
        String first = salesforce.lead("LastName", "First", "Company", "Acme");
        String cursor = readAll(connector, salesforce.config(), null, 10).lastCursor();
        String second = salesforce.at("2026-12-01T10:00:00Z").lead("LastName", "Second", "Company", "Acme");
        salesforce.interrupt(
                "queryAll",
                FakeSalesforce.error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
                        .withHeader("Sforce-Limit-Info", "api-usage=15000/15000"));

        try (RecordReader reader = connector.openReader(salesforce.config(), cursor)) {
            assertThatThrownBy(() -> reader.read(10))
                    .isInstanceOf(RetriableConnectorException.class)
                    .hasMessageContaining(
                            "the org's API requests of the last 24 hours are used up " + "(api-usage=15000/15000)")
                    .hasMessageContaining("a later run resumes where it stopped");
        }
        assertThat(waits).isEmpty();

        assertThat(readAll(connector, salesforce.config(), cursor, 10).records())
                .extracting(SourceRecord::externalId)
                .containsExactly(second)
                .doesNotContain(first);
    }

    @Test
    void anExpiredSessionGetsANewTokenOnceAndTheReadGoesOn() {
        for (int i = 0; i < 5; i++) {
            salesforce.at("2026-12-01T08:00:0" + i + "Z").lead("LastName", "Lead " + i, "Company", "Acme");
        }
        Map<String, String> config = new HashMap<>(salesforce.config());
        config.put("page_size", "200");
        try (RecordReader reader = connector.openReader(config, null)) {
            assertThat(reader.read(2).records()).hasSize(2);
            salesforce.expireToken();

            Batch rest = reader.read(10);

            assertThat(rest.records()).hasSize(3);
            assertThat(rest.last()).isTrue();
        }
        assertThat(salesforce.tokenRequests())
                .hasSize(2)
                .allSatisfy(form -> assertThat(form)
                        .containsEntry("grant_type", "client_credentials")
                        .containsEntry("client_id", "3MVG9fake.consumer.key")
                        .containsEntry("client_secret", "fake-consumer-secret-1234"));
        List<RecordedRequest> queries = salesforce.crm.requests("GET", FakeSalesforce.DATA + "/queryAll");
        assertThat(queries.get(queries.size() - 1).header("Authorization")).contains("Bearer 00Dfake!token-2");
    }

    @Test
    void aRefreshTokenConnectionLogsInWithIt() {
        salesforce.lead("LastName", "Any", "Company", "Acme");
        Map<String, String> config = new HashMap<>(salesforce.config());
        config.put("auth", "refresh_token");
        config.put("refresh_token", "5Aep861fake.refresh.token");

        assertThat(readAll(connector, config, null, 10).records()).hasSize(1);
        assertThat(salesforce.tokenRequests())
                .singleElement()
                .satisfies(form -> assertThat(form)
                        .containsEntry("grant_type", "refresh_token")
                        .containsEntry("refresh_token", "5Aep861fake.refresh.token"));
    }

    @Test
    void aSessionRefusedAgainAfterLoggingInAgainEndsTheRunWithWhatToCheck() {
        salesforce.lead("LastName", "Any", "Company", "Acme");
        salesforce.interrupt(
                "queryAll",
                FakeSalesforce.error(401, "INVALID_SESSION_ID", "Session expired or invalid"),
                FakeSalesforce.error(401, "INVALID_SESSION_ID", "Session expired or invalid"));

        try (RecordReader reader = connector.openReader(salesforce.config(), null)) {
            assertThatThrownBy(() -> reader.read(10))
                    .isInstanceOf(FatalConnectorException.class)
                    .hasMessageContaining("Salesforce refused the access token even after logging in again "
                            + "(INVALID_SESSION_ID: Session expired or invalid)")
                    .hasMessageNotContaining("00Dfake!token")
                    .hasMessageNotContaining("fake-consumer-secret");
        }
        assertThat(salesforce.tokenRequests()).hasSize(2);
    }

    @Test
    void aServerErrorIsRetriedAfterABackoff() {
        String lead = salesforce.lead("LastName", "Any", "Company", "Acme");
        salesforce.interrupt(
                "queryAll", FakeSalesforce.error(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred"));

        assertThat(readAll(connector, salesforce.config(), null, 10).records())
                .extracting(SourceRecord::externalId)
                .containsExactly(lead);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void serverErrorsPastTheRetryBoundEndTheRunAsRetriable() {
        salesforce.lead("LastName", "Any", "Company", "Acme");
        FakeReply unavailable = FakeSalesforce.error(503, "SERVER_UNAVAILABLE", "Server unavailable");
        salesforce.interrupt("queryAll", unavailable, unavailable, unavailable, unavailable);

        try (RecordReader reader = connector.openReader(salesforce.config(), null)) {
            assertThatThrownBy(() -> reader.read(10))
                    .isInstanceOf(RetriableConnectorException.class)
                    .hasMessageContaining("attempt 4 of 4");
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aLoginRefusedDuringARunEndsItWithTheKeyToFix() {
        salesforce.lead("LastName", "Any", "Company", "Acme");
        salesforce.refuseLogin(FakeReply.json(
                400, "{\"error\":\"invalid_client\",\"error_description\":" + "\"invalid client credentials\"}"));

        try (RecordReader reader = connector.openReader(salesforce.config(), null)) {
            assertThatThrownBy(() -> reader.read(10))
                    .isInstanceOf(FatalConnectorException.class)
                    .hasMessage("Salesforce refused to log in: client_secret was refused (invalid_client: invalid "
                            + "client credentials): copy the Consumer Secret of the external client app");
        }
    }
}
