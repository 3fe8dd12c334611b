package io.hearth.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RetriableConnectorException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SalesforceConnectorTest {
    private final FakeSalesforce salesforce = new FakeSalesforce();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final SalesforceConnector connector = Fixtures.connector(waits);

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void isFoundThroughItsServiceFileWithItsCapabilities() {
        List<Connector> found = ServiceLoader.load(Connector.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();

        assertThat(found).singleElement().satisfies(connector -> {
            assertThat(connector.name()).isEqualTo("salesforce");
            assertThat(connector.capabilities())
                    .containsExactlyInAnyOrder(
                            Capability.READ,
                            Capability.WRITE,
                            Capability.WRITE_TOUCHES,
                            Capability.INCREMENTAL,
                            Capability.READ_DEALS,
                            Capability.WRITE_DEALS);
        });
    }

    @Test
    void declaresItsKeysWithDefaultsAndKeepsSecretsSecret() {
        Map<String, ConfigKey> keys = new HashMap<>();
        connector.configKeys().forEach(key -> keys.put(key.name(), key));

        assertThat(keys.keySet())
                .containsExactlyInAnyOrder(
                        "auth",
                        "login_url",
                        "client_id",
                        "client_secret",
                        "refresh_token",
                        "base_url",
                        "api_version",
                        "page_size",
                        "write_fields",
                        "status_values",
                        "rating_values",
                        "contact_rating_field",
                        "touch_id_field",
                        "create_leads",
                        "deal_currency",
                        "stage_values",
                        "deal_id_field");
        assertThat(keys.values().stream().filter(ConfigKey::secret).map(ConfigKey::name))
                .containsExactlyInAnyOrder("client_secret", "refresh_token");
        assertThat(keys.get("login_url").defaultValue()).isEqualTo("https://login.salesforce.com");
        assertThat(keys.get("page_size").defaultValue()).isEqualTo("2000");
        assertThat(keys.get("write_fields").defaultValue()).isEqualTo("temperature,status");
        assertThat(keys.get("base_url").defaultValue()).isNull();
        assertThat(keys.get("stage_values").defaultValue()).isEqualTo(StageValues.DEFAULT);
        assertThat(ConfigKey.redact(connector.configKeys(), salesforce.config()))
                .containsEntry("client_secret", ConfigKey.REDACTED)
                .containsEntry("client_id", "3MVG9fake.consumer.key");
    }

    @Test
    void validateNamesEachKeyThatIsWrong() {
        Map<String, String> config = new HashMap<>(salesforce.config());
        config.remove("client_secret");
        config.put("page_size", "5000");
        config.put("write_fields", "temperature,salary");
        config.put("rating_values", "hot=Hot,tepid=Warm");
        config.put("touch_id_field", "Touch Id; DROP");
        config.put("api_version", "64");
        config.put("stage_values", "proposal=Proposal/Price Quote");
        config.put("deal_id_field", "Hearth Deal Id");

        assertThat(connector.validate(config))
                .extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder(
                        "client_secret",
                        "page_size",
                        "write_fields",
                        "rating_values",
                        "touch_id_field",
                        "api_version",
                        "stage_values",
                        "deal_id_field");
        assertThat(connector.validate(config).stream()
                        .filter(p -> p.key().equals("stage_values"))
                        .map(ConfigProblem::message))
                .containsExactly("'closed_won' needs its StageName: Salesforce closes a deal by its stage");
        assertThat(connector.validate(salesforce.config())).isEmpty();
    }

    @Test
    void aRefreshTokenConnectionNeedsItsToken() {
        Map<String, String> config = new HashMap<>(salesforce.config());
        config.put("auth", "refresh_token");

        assertThat(connector.validate(config)).extracting(ConfigProblem::key).containsExactly("refresh_token");
        config.put("auth", "password");
        assertThat(connector.validate(config)).extracting(ConfigProblem::key).contains("auth");
    }

    @Test
    void anInvalidConfigCannotOpenAReader() {
        assertThatThrownBy(() -> connector.openReader(Map.of("client_id", "x"), null))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("client_secret");
    }

    @Test
    void checkConnectionLogsInAndReadsOneLeadId() {
        assertThat(connector.checkConnection(salesforce.config())).isEmpty();

        assertThat(salesforce.tokenRequests()).hasSize(1);
        assertThat(salesforce.soql("query")).containsExactly("SELECT Id FROM Lead LIMIT 1");
    }

    @Test
    void checkConnectionNamesTheRefusedSecret() {
        salesforce.refuseLogin(FakeReply.json(
                400, "{\"error\":\"invalid_client\",\"error_description\":" + "\"invalid client credentials\"}"));

        assertThat(connector.checkConnection(salesforce.config()))
                .containsExactly(new ConfigProblem(
                        "client_secret",
                        "was refused (invalid_client: invalid client credentials): copy the Consumer Secret of the external "
                                + "client app"));
    }

    @Test
    void checkConnectionNamesAnExpiredRefreshToken() {
        Map<String, String> config = new HashMap<>(salesforce.config());
        config.put("auth", "refresh_token");
        config.put("refresh_token", "5Aep861revoked");
        salesforce.refuseLogin(FakeReply.json(
                400, "{\"error\":\"invalid_grant\",\"error_description\":" + "\"expired access/refresh token\"}"));

        List<ConfigProblem> problems = connector.checkConnection(config);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("refresh_token");
            assertThat(problem.message())
                    .contains("expired access/refresh token", "authorize the app again")
                    .doesNotContain("5Aep861revoked");
        });
    }

    @Test
    void checkConnectionSendsClientCredentialsToTheMyDomainOnly() {
        salesforce.refuseLogin(FakeReply.json(
                400,
                "{\"error\":\"invalid_grant\",\"error_description\":" + "\"request not supported on this domain\"}"));

        assertThat(connector.checkConnection(salesforce.config()))
                .extracting(ConfigProblem::key)
                .containsExactly("login_url");
    }

    @Test
    void checkConnectionNamesTheMissingApiScope() {
        salesforce.grantScopes("id refresh_token");

        assertThat(connector.checkConnection(salesforce.config()))
                .containsExactly(new ConfigProblem(
                        "client_id",
                        "names an app whose OAuth scopes lack api (Manage user data via APIs); the token has only id, "
                                + "refresh_token. Add the api scope to the external client app"));
        assertThat(salesforce.soql("query")).isEmpty();
    }

    @Test
    void checkConnectionExplainsAUserWithoutApiAccess() {
        salesforce.interrupt(
                "query", FakeSalesforce.error(403, "API_CURRENTLY_DISABLED", "API is disabled for this User"));

        assertThat(connector.checkConnection(salesforce.config()))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.key()).isEqualTo("client_id");
                    assertThat(problem.message()).contains("give the user the API Enabled permission");
                });
    }

    @Test
    void checkConnectionRefusedEvenWithANewTokenIsAProblemOnTheCredentials() {
        salesforce.interrupt(
                "query",
                FakeSalesforce.error(401, "INVALID_SESSION_ID", "Session expired or invalid"),
                FakeSalesforce.error(401, "INVALID_SESSION_ID", "Session expired or invalid"));

        assertThat(connector.checkConnection(salesforce.config()))
                .singleElement()
                .satisfies(problem ->
                        assertThat(problem.message()).contains("refused the access token even after logging in again"));
    }

    @Test
    void checkConnectionThatCannotReachSalesforceIsRetriable() {
        Map<String, String> config = new HashMap<>(salesforce.config());
        salesforce.close();

        assertThatThrownBy(() -> connector.checkConnection(config)).isInstanceOf(RetriableConnectorException.class);
    }
}
