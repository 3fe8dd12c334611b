package io.hearth.connector.crm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.fake.FakeCrmServer;
import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.crm.http.fake.RecordedRequest;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RetriableConnectorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class CrmHttpTest {
    private static final String TOKEN = "pat-na1-s3cr3t-t0ken";
    private static final String PATH = "/crm/v3/objects/contacts";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final RetryPolicy POLICY =
            RetryPolicy.DEFAULT.withMaxAttempts(4).withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

    private final FakeCrmServer crm = FakeCrmServer.start();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopFake() {
        crm.close();
    }

    /** Records the waits instead of sleeping; jitter draws 0, so backoffs are exact. */
    private CrmHttp.Builder http() {
        return CrmHttp.builder("HubSpot", crm.baseUrl())
                .credentials(Credentials.bearer(TOKEN))
                .retryPolicy(POLICY)
                .sleeper(waits::add)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .random(() -> 0L);
    }

    @Test
    void getSendsTheCredentialAndEncodedQueryAndReturnsTheJson() {
        crm.on("GET", PATH, FakeReply.json(200, "{\"results\":[{\"id\":\"1\"}]}"));

        JsonReply reply = http().build().get(PATH, Query.of("limit", "100", "q", "a b&c=d", "after", null));

        assertThat(reply.requireArray("results"))
                .extracting(n -> n.get("id").asText())
                .containsExactly("1");
        RecordedRequest request = crm.requests().get(0);
        assertThat(request.header("Authorization")).contains("Bearer " + TOKEN);
        assertThat(request.header("Accept")).contains("application/json");
        assertThat(request.rawQuery()).isEqualTo("limit=100&q=a%20b%26c%3Dd");
        assertThat(request.queryParameter("q")).contains("a b&c=d");
        assertThat(waits).isEmpty();
    }

    @Test
    void postSendsJsonAndPostFormSendsAForm() {
        crm.on("POST", "/search", FakeReply.json(200, "{\"total\":0}"));
        crm.on("POST", "/services/oauth2/token", FakeReply.json(200, "{\"access_token\":\"x\"}"));
        CrmHttp http = http().credentials(Credentials.NONE).build();

        http.post("/search", Map.of("limit", 100));
        http.postForm("/services/oauth2/token", Map.of("grant_type", "client_credentials"));

        RecordedRequest search = crm.requests().get(0);
        assertThat(search.header("Content-Type")).contains("application/json");
        assertThat(search.bodyText()).isEqualTo("{\"limit\":100}");
        assertThat(search.header("Authorization")).isEmpty();
        RecordedRequest token = crm.requests().get(1);
        assertThat(token.header("Content-Type")).contains("application/x-www-form-urlencoded");
        assertThat(token.bodyText()).isEqualTo("grant_type=client_credentials");
    }

    @Test
    void rateLimitWaitsTheRetryAfterSecondsThenSucceeds() {
        crm.on(
                "GET",
                PATH,
                FakeReply.json(429, "{\"errorType\":\"RATE_LIMIT\"}").withHeader("Retry-After", "7"),
                FakeReply.json(200, "{\"results\":[]}"));

        http().build().get(PATH);

        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(crm.requests()).hasSize(2);
    }

    @Test
    void rateLimitWaitsUntilTheRetryAfterDate() {
        crm.on(
                "GET",
                PATH,
                FakeReply.json(429, "{}").withHeader("Retry-After", "Tue, 01 Dec 2026 10:00:12 GMT"),
                FakeReply.json(200, "{}"));

        http().build().get(PATH);

        assertThat(waits).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void theDialectTurnsACrmsOwnLimitErrorAndResetHeaderIntoARetry() {
        // Salesforce says 403 REQUEST_LIMIT_EXCEEDED; Pipedrive's reset header counts seconds
        ErrorDialect dialect = new ErrorDialect() {
            @Override
            public boolean isRateLimited(CrmResponse response) {
                return response.status() == 403
                        && response.jsonIfAny()
                                .map(body ->
                                        body.path(0).path("errorCode").asText().equals("REQUEST_LIMIT_EXCEEDED"))
                                .orElse(false);
            }

            @Override
            public Optional<Duration> retryAfter(CrmResponse response, Instant now) {
                return RetryAfter.seconds(response.header("x-ratelimit-reset").orElse(null));
            }
        };
        crm.on(
                "GET",
                PATH,
                FakeReply.json(
                                403,
                                "[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"TotalRequests"
                                        + " Limit exceeded.\"}]")
                        .withHeader("x-ratelimit-reset", "3"),
                FakeReply.json(200, "{}"));

        http().errorDialect(dialect).build().get(PATH);

        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void rateLimitWithoutAHintBacksOffExponentiallyAndGivesUpRetriably() {
        crm.on("GET", PATH, FakeReply.json(429, "{\"message\":\"You have reached your secondly limit.\"}"));

        assertThatThrownBy(() -> http().build().get(PATH))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageStartingWith("HubSpot: GET " + PATH + " was rate limited (429: You have reached your "
                        + "secondly limit.), attempt 4 of 4")
                .hasMessageContaining("a later run resumes");
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(crm.requests()).hasSize(4);
    }

    @Test
    void aWaitLongerThanThePolicyAllowsEndsTheRunAtOnce() {
        crm.on("GET", PATH, FakeReply.json(429, "{}").withHeader("Retry-After", "86400"));

        assertThatThrownBy(() -> http().build().get(PATH))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("asked to wait 86400 s, longer than the 60 s one request waits");
        assertThat(waits).isEmpty();
        assertThat(crm.requests()).hasSize(1);
    }

    @Test
    void theTotalWaitOfOneRequestIsBounded() {
        crm.on("GET", PATH, FakeReply.json(429, "{}").withHeader("Retry-After", "50"));
        RetryPolicy policy = POLICY.withMaxAttempts(10).withMaxWait(Duration.ofSeconds(60), Duration.ofSeconds(120));

        assertThatThrownBy(() -> http().retryPolicy(policy).build().get(PATH))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("waiting 50 s more would pass the 120 s one request waits in all");
        assertThat(waits).containsExactly(Duration.ofSeconds(50), Duration.ofSeconds(50));
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() {
        crm.on(
                "GET",
                PATH,
                FakeReply.json(500, "{\"message\":\"internal\"}"),
                FakeReply.status(502),
                FakeReply.json(200, "{\"ok\":true}"));

        JsonReply reply = http().build().get(PATH);

        assertThat(reply.body().get("ok").asBoolean()).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void jitterShortensTheBackoffWithinItsFraction() {
        crm.on("GET", PATH, FakeReply.status(503), FakeReply.json(200, "{}"));

        // a draw of 0.5 (the top bit of the long) with jitter 0.5 shortens the 1 s wait by a quarter
        http().random(() -> Long.MIN_VALUE).build().get(PATH);

        assertThat(waits).containsExactly(Duration.ofMillis(750));
    }

    @Test
    void aDroppedConnectionIsRetried() {
        // a POST, because the JDK's client itself resends a GET once on a closed connection
        crm.on("POST", "/search", FakeReply.drop(), FakeReply.json(200, "{}"));

        http().build().post("/search", Map.of());

        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(crm.requests()).hasSize(2);
    }

    @Test
    void aDroppedConnectionDoesNotRepeatARequestThatMustNotRunTwice() {
        crm.on("POST", "/engagements", FakeReply.drop(), FakeReply.json(201, "{\"id\":\"9\"}"));

        assertThatThrownBy(() -> http().build().postOnce("/engagements", Map.of("type", "CALL")))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("lost the connection")
                .hasMessageContaining("not sent again because it may have arrived");
        assertThat(crm.requests()).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsRetriedThenRetriable() {
        String deadUrl = crm.baseUrl();
        crm.close();
        CrmHttp http = CrmHttp.builder("Pipedrive", deadUrl)
                .retryPolicy(POLICY)
                .sleeper(waits::add)
                .random(() -> 0L)
                .build();

        assertThatThrownBy(() -> http.get("/api/v2/persons"))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageStartingWith("Pipedrive: GET /api/v2/persons could not connect")
                .hasMessageContaining("attempt 4 of 4");
        assertThat(waits).hasSize(3);
    }

    @Test
    void aStalledAnswerTimesOutWithinTheBoundAndIsRetriable() {
        crm.on("GET", PATH, FakeReply.stall());
        CrmHttp http = http().requestTimeout(Duration.ofMillis(200))
                .retryPolicy(POLICY.withMaxAttempts(2))
                .build();
        long start = System.nanoTime();

        assertThatThrownBy(() -> http.get(PATH))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("no answer within 200 ms")
                .hasMessageContaining("attempt 2 of 2");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(crm.requests()).hasSize(2);
    }

    @Test
    void aRequestThatMustNotRunTwiceIsNotRepeatedAfterItMayHaveArrived() {
        crm.on("POST", "/engagements", FakeReply.json(500, "{}"), FakeReply.json(201, "{\"id\":\"9\"}"));

        assertThatThrownBy(() -> http().build().postOnce("/engagements", Map.of("type", "CALL")))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("not sent again because it may have been carried out");
        assertThat(crm.requests()).hasSize(1);
    }

    @Test
    void aRequestThatMustNotRunTwiceIsStillRepeatedAfterARateLimit() {
        crm.on(
                "POST",
                "/engagements",
                FakeReply.json(429, "{}").withHeader("Retry-After", "1"),
                FakeReply.json(201, "{\"id\":\"9\"}"));

        JsonReply reply = http().build().postOnce("/engagements", Map.of("type", "CALL"));

        assertThat(reply.requireText(reply.body(), "id")).isEqualTo("9");
        assertThat(crm.requests()).hasSize(2);
    }

    @Test
    void a401RefreshesTheCredentialsOnceAndRetriesWithTheNewOnes() {
        RefreshingToken token = new RefreshingToken(true);
        crm.on("GET", PATH, FakeReply.json(401, "[{\"errorCode\":\"INVALID_SESSION_ID\"}]"), FakeReply.json(200, "{}"));

        http().credentials(token).build().get(PATH);

        assertThat(token.refreshes.get()).isEqualTo(1);
        assertThat(crm.requests())
                .extracting(r -> r.header("Authorization").orElseThrow())
                .containsExactly("Bearer access-token-0", "Bearer access-token-1");
        assertThat(waits).isEmpty();
    }

    @Test
    void a401AfterTheRefreshIsFatalWithAMessageAPersonCanActOn() {
        RefreshingToken token = new RefreshingToken(true);
        crm.on("GET", PATH, FakeReply.json(401, "{\"message\":\"Authentication credentials not found.\"}"));

        assertThatThrownBy(() -> http().credentials(token).build().get(PATH))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessage("HubSpot refused the credentials (401: Authentication credentials not found.); check the "
                        + "token in the connection's config [GET " + PATH + "]");
        assertThat(token.refreshes.get()).isEqualTo(1);
        assertThat(crm.requests()).hasSize(2);
    }

    @Test
    void a401WithAFixedTokenIsFatalAtOnce() {
        crm.on("GET", PATH, FakeReply.json(401, "{}"));

        assertThatThrownBy(() -> http().build().get(PATH)).isInstanceOf(FatalConnectorException.class);
        assertThat(crm.requests()).hasSize(1);
    }

    @Test
    void a403NamesTheMissingScopeThroughTheDialect() {
        crm.on(
                "GET",
                PATH,
                FakeReply.json(
                        403,
                        "{\"status\":\"error\",\"category\":\"MISSING_SCOPES\",\"errors\":"
                                + "[{\"context\":{\"requiredGranularScopes\":[\"crm.objects.contacts.read\"]}}]}"));
        ErrorDialect hubSpot = new ErrorDialect() {
            @Override
            public String accessDenied(CrmResponse response) {
                JsonNode body = response.jsonIfAny().orElseThrow();
                return "token lacks the "
                        + body.at("/errors/0/context/requiredGranularScopes/0").asText()
                        + " scope: add it to the private app";
            }
        };

        assertThatThrownBy(() -> http().errorDialect(hubSpot).build().get(PATH))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessage("HubSpot token lacks the crm.objects.contacts.read scope: add it to the private app [GET "
                        + PATH + "]");
    }

    @Test
    void aTruncatedPageIsFatalNamingThePathButNotTheQueryOrToken() {
        crm.on("GET", PATH, FakeReply.json(200, "{\"results\":[{\"id\":\"1\",\"properties\":{\"email\":\"a@"));

        assertThatThrownBy(() -> http().build().get(PATH, Query.of("email", "private@example.com")))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining(
                        "HubSpot answered 200 with a body that is unusable: the JSON ends early, as if " + "cut short")
                .hasMessageContaining("[GET " + PATH + "]")
                .hasMessageContaining("It begins: {\"results\":[{\"id\":\"1\"")
                .hasMessageNotContaining("private@example.com")
                .hasMessageNotContaining(TOKEN)
                .hasMessageNotContaining("com.fasterxml")
                .hasNoCause();
    }

    @Test
    void trailingGarbageAfterTheJsonIsFatal() {
        crm.on("GET", PATH, FakeReply.json(200, "{\"results\":[]}<html>proxy error</html>"));

        assertThatThrownBy(() -> http().build().get(PATH))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aPageWithoutAFieldTheConnectorNeedsIsFatal() {
        crm.on("GET", PATH, FakeReply.json(200, "{\"total\":3,\"paging\":{}}"));
        JsonReply reply = http().build().get(PATH);

        assertThatThrownBy(() -> reply.requireArray("results"))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessage("HubSpot's answer to GET " + PATH
                        + " lacks 'results' (it has total, paging); the run stops " + "without moving its cursor");
        assertThat(reply.text(reply.body(), "/paging/next/after")).isEmpty();
    }

    @Test
    void anAnswerPastTheSizeLimitIsFatal() {
        crm.on("GET", PATH, FakeReply.json(200, "{\"results\":\"" + "x".repeat(5000) + "\"}"));

        assertThatThrownBy(() -> http().maxResponseBytes(1024).build().get(PATH))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("more than 1024 bytes");
    }

    @Test
    void aSecretEchoedByTheSystemIsMaskedInMessages() {
        crm.on("GET", PATH, FakeReply.json(403, "{\"message\":\"token " + TOKEN + " is not allowed\"}"));
        crm.on("GET", "/token-page", FakeReply.json(200, "{\"access_token\":\"00Dxx!AQ4AQFresh\",\"instance_url"));

        assertThatThrownBy(() -> http().build().get(PATH))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("token *** is not allowed")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> http().build().get("/token-page"))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageNotContaining("AQ4AQFresh");
    }

    @Test
    void otherClientErrorsAreReturnedBySendAndFatalForJson() {
        crm.on("GET", "/crm/v3/objects/contacts/404", FakeReply.json(404, "{\"message\":\"Object not found\"}"));
        CrmHttp http = http().build();

        assertThat(http.send(CrmRequest.get("/crm/v3/objects/contacts/404")).status())
                .isEqualTo(404);
        assertThatThrownBy(() -> http.get("/crm/v3/objects/contacts/404"))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessage("HubSpot answered 404: Object not found [GET /crm/v3/objects/contacts/404]");
        assertThat(waits).isEmpty();
    }

    @Test
    void anAnswerSentForIsReadAsJsonAfterItsStatusWasLookedAt() {
        crm.on("PATCH", "/persons/1", FakeReply.json(200, "{\"data\":{\"id\":1}}"));
        crm.on("PATCH", "/persons/2", FakeReply.json(200, "{\"data\":{\"id\":"));
        crm.on("PATCH", "/persons/3", FakeReply.json(404, "{\"error\":\"Person not found\"}"));
        CrmHttp http = http().build();

        CrmResponse found = http.send(CrmHttp.jsonRequest("PATCH", "/persons/1", Map.of()));
        assertThat(http.json(found).require("data").get("id").asInt()).isEqualTo(1);
        CrmResponse truncated = http.send(CrmHttp.jsonRequest("PATCH", "/persons/2", Map.of()));
        assertThatThrownBy(() -> http.json(truncated))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("PATCH /persons/2")
                .hasMessageContaining("as if cut short");
        CrmResponse missing = http.send(CrmHttp.jsonRequest("PATCH", "/persons/3", Map.of()));
        assertThat(missing.status()).isEqualTo(404);
        assertThatThrownBy(() -> http.json(missing))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("answered 404: Person not found");
    }

    @Test
    void anEmptySuccessIsAMissingNode() {
        crm.on("PATCH", "/sobjects/Lead/00Q1", FakeReply.status(204));

        assertThat(http().build()
                        .patch("/sobjects/Lead/00Q1", Map.of("Rating", "Hot"))
                        .body()
                        .isMissingNode())
                .isTrue();
    }

    @Test
    void anInterruptedWaitEndsTheRequestAndKeepsTheInterrupt() {
        crm.on("GET", PATH, FakeReply.status(503));
        CrmHttp http = http().sleeper(duration -> {
                    throw new InterruptedException();
                })
                .build();

        try {
            assertThatThrownBy(() -> http.get(PATH))
                    .isInstanceOf(RetriableConnectorException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void baseUrlsAndPathsThatCouldLeakTheCredentialAreRefused() {
        assertThatThrownBy(() -> CrmHttp.builder("X", "ftp://example.com")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> CrmHttp.builder("X", "https://example.com?token=1"))
                .hasMessageContaining("no query");
        assertThatThrownBy(() -> CrmRequest.get("https://evil.example.com/x")).hasMessageContaining("absolute URL");
        assertThatThrownBy(() -> CrmRequest.get("//evil.example.com/x")).hasMessageContaining("absolute URL");
        assertThatThrownBy(() -> CrmRequest.get("/x").withHeader("Authorization", "Bearer y"))
                .hasMessageContaining("Credentials");
    }

    @Test
    void aBaseUrlWithAPathPrefixKeepsIt() {
        crm.on("GET", "/hubspot/crm/v3/objects/contacts", FakeReply.json(200, "{}"));

        CrmHttp.builder("HubSpot", crm.baseUrl() + "/hubspot/").build().get(PATH);

        assertThat(crm.unmatched()).isEmpty();
    }

    /** An OAuth access token that a refresh replaces, counting the refreshes. */
    private static final class RefreshingToken implements Credentials {
        final AtomicInteger refreshes = new AtomicInteger();
        private final boolean refreshable;

        RefreshingToken(boolean refreshable) {
            this.refreshable = refreshable;
        }

        @Override
        public SecretHeader header() {
            return SecretHeader.bearer("access-token-" + refreshes.get());
        }

        @Override
        public boolean refresh() {
            refreshes.incrementAndGet();
            return refreshable;
        }
    }
}
