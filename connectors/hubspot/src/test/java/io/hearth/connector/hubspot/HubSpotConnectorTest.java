package io.hearth.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.RetriableConnectorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HubSpotConnectorTest {
    private final Fixture fixture = new Fixture();
    private final HubSpotConnector connector = fixture.connector;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theJarListsExactlyThisConnector() {
        List<Connector> found = new ArrayList<>();
        ServiceLoader.load(Connector.class).forEach(found::add);

        assertThat(found).singleElement().isInstanceOf(HubSpotConnector.class);
        assertThat(connector.name()).isEqualTo("hubspot");
        assertThat(connector.capabilities())
                .containsExactlyInAnyOrder(
                        Capability.READ,
                        Capability.WRITE,
                        Capability.WRITE_TOUCHES,
                        Capability.INCREMENTAL,
                        Capability.READ_DEALS,
                        Capability.WRITE_DEALS);
    }

    @Test
    void theTokenIsSecretAndTheDefaultsAreHubSpotsOwn() {
        Map<String, ConfigKey> keys = new HashMap<>();
        connector.configKeys().forEach(key -> keys.put(key.name(), key));

        assertThat(keys.get("access_token").secret()).isTrue();
        assertThat(keys.get("access_token").required()).isTrue();
        assertThat(keys.values()).filteredOn(ConfigKey::secret).hasSize(1);
        assertThat(keys.get("base_url").defaultValue()).isEqualTo("https://api.hubapi.com");
        assertThat(keys.get("page_size").defaultValue()).isEqualTo("200");
        assertThat(keys.get("hearth_owned_fields").defaultValue()).isEqualTo("temperature,status");
        assertThat(keys.get("temperature_property").defaultValue()).isEqualTo("hearth_temperature");
        assertThat(keys.get("read_deletions").defaultValue()).isEqualTo("true");
        assertThat(ConfigKey.redact(connector.configKeys(), fixture.config()))
                .containsEntry("access_token", ConfigKey.REDACTED);
        assertThat(HubSpotConfig.of(fixture.config()).toString()).doesNotContain(FakeHubSpot.TOKEN);
    }

    @Test
    void validateNamesEachKeyThatIsWrong() {
        assertThat(connector.validate(Map.of("access_token", "pat-x"))).isEmpty();
        assertThat(connector.validate(Map.of(
                        "access_token",
                        "pat-x",
                        "page_size",
                        "201",
                        "base_url",
                        "ftp://x",
                        "hearth_owned_fields",
                        "temperature,owner",
                        "status_property",
                        "Lead Status",
                        "contact_stages",
                        "customer,lead",
                        "colour",
                        "red")))
                .extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder(
                        "colour", "base_url", "page_size", "hearth_owned_fields", "status_property", "lead_stages");
        assertThat(connector.validate(Map.of())).extracting(ConfigProblem::key).containsExactly("access_token");
    }

    @Test
    void checkConnectionMakesOneCheapAuthenticatedCall() {
        assertThat(connector.checkConnection(fixture.config())).isEmpty();

        assertThat(fixture.hubspot.requests("GET", DeletedContacts.PATH))
                .singleElement()
                .satisfies(request -> {
                    assertThat(request.queryParameter("limit")).contains("1");
                    assertThat(request.header("Authorization")).contains("Bearer " + FakeHubSpot.TOKEN);
                });
    }

    @Test
    void checkConnectionNamesTheTokenWhenHubSpotRefusesIt() {
        List<ConfigProblem> problems = connector.checkConnection(fixture.config("access_token", "pat-na1-wrong-token"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("access_token");
            assertThat(problem.message())
                    .contains("refused the access token (401 INVALID_AUTHENTICATION")
                    .contains("Private Apps")
                    .doesNotContain("pat-na1-wrong-token");
        });
    }

    @Test
    void checkConnectionNamesTheMissingScope() {
        fixture.hubspot.scopes(FakeHubSpot.WRITE_SCOPE);

        assertThat(connector.checkConnection(fixture.config())).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("access_token");
            assertThat(problem.message()).contains("the token lacks the crm.objects.contacts.read scope");
        });
    }

    @Test
    void checkConnectionNamesTheBaseUrlWhenSomethingElseAnswers() {
        fixture.hubspot.fail(
                "GET",
                DeletedContacts.PATH,
                FakeReply.body(404, "text/html", "<html>Not Found</html>".getBytes(StandardCharsets.UTF_8)));

        assertThat(connector.checkConnection(fixture.config())).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("base_url");
            assertThat(problem.message())
                    .contains("does not answer as HubSpot's API")
                    .contains("404");
        });
    }

    @Test
    void checkConnectionToAnUnreachableHubSpotIsRetriableAndQuick() {
        String closed;
        try (FakeHubSpot gone = new FakeHubSpot(Fixture.NOW)) {
            closed = gone.baseUrl();
        }

        assertThatThrownBy(() -> connector.checkConnection(fixture.config("base_url", closed)))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("could not connect")
                .hasMessageContaining("attempt 2 of 2");
        assertThat(fixture.waits).hasSize(1);
    }

    @Test
    void checkConnectionOfAnInvalidConfigCallsNobody() {
        assertThat(connector.checkConnection(Map.of("base_url", fixture.hubspot.baseUrl())))
                .extracting(ConfigProblem::key)
                .containsExactly("access_token");
        assertThat(fixture.hubspot.server().requests()).isEmpty();
    }
}
