package io.hearth.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RetriableConnectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PipedriveConnectorTest {
    private final FakePipedrive pipedrive = new FakePipedrive();
    private final Harness harness = new Harness(pipedrive);
    private final PipedriveConnector connector = harness.connector;

    @AfterEach
    void stop() {
        pipedrive.close();
    }

    @Test
    void theJarListsExactlyThisConnector() {
        List<Connector> found = new ArrayList<>();
        ServiceLoader.load(Connector.class).forEach(found::add);

        assertThat(found).singleElement().isInstanceOf(PipedriveConnector.class);
        assertThat(connector.name()).isEqualTo("pipedrive");
        assertThat(connector.capabilities())
                .containsExactlyInAnyOrder(
                        Capability.READ,
                        Capability.WRITE,
                        Capability.WRITE_TOUCHES,
                        Capability.INCREMENTAL,
                        Capability.READ_DEALS,
                        Capability.WRITE_DEALS);
        assertThat(connector.fileExtensions()).isEmpty();
    }

    @Test
    void theTokenIsSecretAndEveryOtherKeyHasADefaultOrIsOptional() {
        assertThat(connector.configKeys())
                .filteredOn(ConfigKey::secret)
                .extracting(ConfigKey::name)
                .containsExactly("api_token");
        assertThat(connector.configKeys())
                .filteredOn(ConfigKey::required)
                .extracting(ConfigKey::name)
                .containsExactly("api_token");
        Map<String, String> defaults = new TreeMap<>();
        connector.configKeys().stream()
                .filter(k -> k.defaultValue() != null)
                .forEach(k -> defaults.put(k.name(), k.defaultValue()));
        assertThat(defaults)
                .containsExactly(
                        Map.entry("base_url", "https://api.pipedrive.com"),
                        Map.entry("hearth_fields", "temperature,status"),
                        Map.entry("page_size", "500"),
                        Map.entry("temperature_labels", "hot=Hot,warm=Warm,cool=Cool,cold=Cold"));
        assertThat(ConfigKey.redact(connector.configKeys(), pipedrive.config())).containsEntry("api_token", "***");
    }

    @Test
    void aConfigIsCheckedBeforeAnySync() {
        assertThat(connector.validate(Map.of("api_token", "t"))).isEmpty();
        assertThat(connector.validate(Map.of())).extracting(ConfigProblem::key).containsExactly("api_token");
        assertThat(connector.validate(Map.of("page_size", "lots", "page_size_typo", "1")))
                .extracting(ConfigProblem::key, ConfigProblem::message)
                .containsExactly(
                        tuple("api_token", "is required: " + PipedriveConfig.API_TOKEN.doc()),
                        tuple("page_size", "must be a whole number, got 'lots'"),
                        tuple(
                                "page_size_typo",
                                "is not a key of this connector; known keys: api_token, "
                                        + "base_url, page_size, hearth_fields, temperature_field, temperature_labels, "
                                        + "status_field, deal_stages, deal_id_field"));

        List<ConfigProblem> problems = connector.validate(Map.of(
                "api_token",
                "t",
                "base_url",
                "ftp://pipedrive",
                "page_size",
                "501",
                "hearth_fields",
                "temperature,company,given_name",
                "temperature_labels",
                "hot=Hot,warm=Hot",
                "status_field",
                "not a key!",
                "temperature_field",
                "abc_123",
                "deal_stages",
                "proposal="));

        assertThat(problems)
                .extracting(ConfigProblem::key)
                .containsExactly(
                        "base_url", "page_size", "hearth_fields", "temperature_labels", "deal_stages", "status_field");
        assertThat(problems.get(0).message()).contains("http or https");
        assertThat(problems.get(1).message()).isEqualTo("must be from 1 to 500, got 501");
        assertThat(problems.get(2).message())
                .contains("'company' stays Pipedrive's")
                .contains("given_name and family_name go together");
        assertThat(problems.get(3).message()).contains("two temperatures have the label 'Hot'");
        assertThat(problems.get(4).message()).isEqualTo("proposal has no Pipedrive stage name (write proposal=Name)");
        assertThat(problems.get(5).message()).contains("must be a custom field's key");
    }

    @Test
    void openingWithABrokenConfigFailsNamingTheKeys() {
        assertThatThrownBy(() -> connector.openReader(Map.of("api_token", "t", "page_size", "0"), null))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("page_size must be from 1 to 500");
    }

    @Test
    void checkConnectionAsksForOnePersonAndFindsNothingWrong() {
        assertThat(connector.checkConnection(pipedrive.config())).isEmpty();

        assertThat(pipedrive.server.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/v2/persons");
            assertThat(r.queryParameter("limit")).contains("1");
            assertThat(r.header("x-api-token")).contains(FakePipedrive.TOKEN);
            assertThat(r.rawQuery()).doesNotContain(FakePipedrive.TOKEN);
        });
    }

    @Test
    void checkConnectionNamesTheTokenWhenPipedriveRefusesIt() {
        List<ConfigProblem> problems =
                connector.checkConnection(pipedrive.config("api_token", "badbadbadbadbadbadbad"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("api_token");
            assertThat(p.message())
                    .contains("refused the API token (401: unauthorized access)")
                    .contains("Personal preferences > API")
                    .doesNotContain("badbadbad");
        });
    }

    @Test
    void checkConnectionNamesTheMissingPermissionOrScope() {
        pipedrive.inject(
                "GET",
                "/api/v2/persons",
                FakeReply.json(
                        403,
                        "{\"success\":false,\"error\":\"You do not have "
                                + "permissions to access this resource\",\"errorCode\":403,\"error_info\":\"Please check "
                                + "developers.pipedrive.com\"}"));

        List<ConfigProblem> problems = connector.checkConnection(pipedrive.config());

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("api_token");
            assertThat(p.message())
                    .isEqualTo("Pipedrive refused access to contacts (persons) (403: You do not have "
                            + "permissions to access this resource); the Pipedrive user whose token is api_token needs "
                            + "permission to see contacts (persons): give it to that user (Pipedrive: Company settings > "
                            + "Permission sets, and the visibility groups) or use the API token of a user who has it "
                            + "[GET /api/v2/persons]");
        });
    }

    @Test
    void checkConnectionNamesTheBaseUrlWhenItIsNotPipedrive() {
        pipedrive.inject(
                "GET", "/api/v2/persons", FakeReply.body(404, "text/html", "<html>Not found</html>".getBytes()));

        assertThat(connector.checkConnection(pipedrive.config()))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.key()).isEqualTo("base_url");
                    assertThat(p.message()).contains("answered 404").contains("is base_url Pipedrive's API");
                });
    }

    @Test
    void checkConnectionReportsNothingButAProblemOfTheConfigItself() {
        assertThat(connector.checkConnection(Map.of("base_url", pipedrive.baseUrl())))
                .extracting(ConfigProblem::key)
                .containsExactly("api_token");
        assertThat(pipedrive.server.requests()).isEmpty();
    }

    @Test
    void checkConnectionThatCannotGetThroughIsRetriable() {
        pipedrive.inject(
                "GET",
                "/api/v2/persons",
                FakeReply.json(429, "{\"success\":false}").withHeader("x-ratelimit-reset", "86400"));

        assertThatThrownBy(() -> connector.checkConnection(pipedrive.config()))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("asked to wait 86400 s");
    }
}
