package io.hearth.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a config shows when printed (a log line, an exception message): never its secrets. */
class SalesforceConfigTest {
    @Test
    void printingAConfigMasksTheClientSecretAndTheRefreshToken() {
        SalesforceConfig clientCredentials = SalesforceConfig.of(Map.of(
                "login_url", "https://acme.my.salesforce.com",
                "client_id", "3MVG9consumer.key",
                "client_secret", "consumer-secret-4711"));
        SalesforceConfig refreshToken = SalesforceConfig.of(Map.of(
                "auth", "refresh_token",
                "client_id", "3MVG9consumer.key",
                "client_secret", "consumer-secret-4711",
                "refresh_token", "5Aep861refresh-token-0815"));

        assertThat(clientCredentials.toString())
                .doesNotContain("consumer-secret-4711")
                .contains("client_credentials", "https://acme.my.salesforce.com", "3MVG9consumer.key")
                .contains("client_secret ***", "refresh_token none");
        assertThat(refreshToken.toString())
                .doesNotContain("consumer-secret-4711")
                .doesNotContain("5Aep861refresh-token-0815")
                .contains("refresh_token", "client_secret ***", "refresh_token ***");
    }
}
