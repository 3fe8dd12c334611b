package io.hearth.connector.hubspot;

import static io.hearth.connector.hubspot.Fixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RetriableConnectorException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HubSpot's limits and failures, as its documentation shows them, during a read. */
@Timeout(30)
class HubSpotFaultsTest {
    private final Fixture fixture = new Fixture();
    private final FakeHubSpot hubspot = fixture.hubspot;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theTenSecondRollingLimitWaitsTheIntervalItsHeadersGiveThenGoesOn() {
        fixture.contacts(1, 3, T0);
        hubspot.fail(
                "POST",
                ContactSearch.PATH,
                FakeReply.json(
                                429,
                                "{\"status\":\"error\",\"message\":\"You have "
                                        + "reached your ten_secondly_rolling limit.\",\"errorType\":\"RATE_LIMIT\",\"correlationId\":"
                                        + "\"c1\",\"policyName\":\"TEN_SECONDLY_ROLLING\",\"groupName\":\"publicapi:private-app\"}")
                        .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
                        .withHeader("X-HubSpot-RateLimit-Max", "190")
                        .withHeader("X-HubSpot-RateLimit-Remaining", "0")
                        .withHeader("X-HubSpot-RateLimit-Daily", "1000000")
                        .withHeader("X-HubSpot-RateLimit-Daily-Remaining", "999000"));

        assertThat(fixture.read(null).ids()).containsExactly("1", "2", "3");
        assertThat(fixture.waits).containsExactly(Duration.ofSeconds(10));
        assertThat(hubspot.requests("POST", ContactSearch.PATH)).hasSize(2);
    }

    @Test
    void theSearchPerSecondLimitWaitsASecond() {
        fixture.contacts(1, 3, T0);
        hubspot.fail(
                "POST",
                ContactSearch.PATH,
                FakeReply.json(
                        429,
                        "{\"status\":\"error\",\"message\":\"You have "
                                + "reached your secondly limit.\",\"errorType\":\"RATE_LIMIT\",\"correlationId\":\"c2\","
                                + "\"policyName\":\"SECONDLY\"}"));

        assertThat(fixture.read(null).ids()).hasSize(3);
        assertThat(fixture.waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void theDailyLimitEndsTheRunRetriablyInsteadOfWaitingForMidnight() {
        hubspot.fail(
                "POST",
                ContactSearch.PATH,
                FakeReply.json(
                                429,
                                "{\"status\":\"error\",\"message\":\"You have "
                                        + "reached your daily limit.\",\"errorType\":\"RATE_LIMIT\",\"policyName\":\"DAILY\"}")
                        .withHeader("X-HubSpot-RateLimit-Daily-Remaining", "0"));

        assertThatThrownBy(() -> fixture.read(null))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("You have reached your daily limit.")
                .hasMessageContaining("asked to wait");
        assertThat(fixture.waits).isEmpty();
    }

    @Test
    void aServerErrorIsRetriedWithBackoffThenTheReadGoesOn() {
        fixture.contacts(1, 3, T0);
        hubspot.fail(
                "POST",
                ContactSearch.PATH,
                FakeReply.json(
                        500,
                        "{\"status\":\"error\",\"message\":\"internal " + "error\",\"category\":\"INTERNAL_ERROR\"}"),
                FakeReply.status(502));

        assertThat(fixture.read(null).ids()).containsExactly("1", "2", "3");
        assertThat(fixture.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aRefusedTokenEndsTheRunAtOnceNamingTheKeyToFix() {
        // a private app's token does not expire and has nothing to refresh with: a 401 is final
        assertThatThrownBy(() -> fixture.read(null, 1000, "access_token", "pat-na1-revoked-0000000000"))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("refused the access token (401 INVALID_AUTHENTICATION")
                .hasMessageContaining("set access_token to the current token of the private app")
                .hasMessageNotContaining("pat-na1-revoked");
        assertThat(hubspot.requests("POST", ContactSearch.PATH)).hasSize(1);
    }

    @Test
    void aMissingScopeEndsTheRunNamingTheScope() {
        hubspot.scopes(FakeHubSpot.WRITE_SCOPE);

        assertThatThrownBy(() -> fixture.read(null))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("the token lacks the crm.objects.contacts.read scope")
                .hasMessageContaining("Settings > Integrations > Private Apps");
    }
}
