package io.hearth.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmResponse;
import io.hearth.connector.salesforce.SalesforceConfig.AuthMode;
import io.hearth.connector.spi.ConfigProblem;
import java.util.Locale;

/**
 * What a person must fix when Salesforce's token endpoint refuses to log in, named by the config key to
 * change. The endpoint answers OAuth errors ({@code {"error":"invalid_grant","error_description":...}}),
 * mostly with a 400.
 */
final class LoginRefusal {
    private LoginRefusal() {}

    static ConfigProblem of(CrmResponse response, SalesforceConfig config) {
        JsonNode body = response.jsonIfAny().orElse(null);
        String error = body == null ? "" : body.path("error").asText("");
        String description = body == null ? "" : body.path("error_description").asText("");
        String said = error.isEmpty()
                ? response.status() + ": " + response.excerpt()
                : error + (description.isEmpty() ? "" : ": " + description);
        String lower = description.toLowerCase(Locale.ROOT);
        if (error.isEmpty() && (response.status() == 404 || response.status() == 405)) {
            return new ConfigProblem(
                    SalesforceConfig.LOGIN_URL.name(),
                    "has no OAuth token endpoint at "
                            + SalesforceLogin.TOKEN_PATH + " (" + said + "): give the org's My Domain URL, e.g. "
                            + "https://acme.my.salesforce.com");
        }
        if (lower.contains("not supported on this domain")) {
            return new ConfigProblem(
                    SalesforceConfig.LOGIN_URL.name(),
                    "must be the org's My Domain URL (e.g. "
                            + "https://acme.my.salesforce.com) for auth=client_credentials; Salesforce said " + said);
        }
        switch (error) {
            case "invalid_client_id":
                return new ConfigProblem(
                        SalesforceConfig.CLIENT_ID.name(),
                        "is not known to Salesforce (" + said + "): copy the Consumer Key of the external client app");
            case "invalid_client":
                return new ConfigProblem(
                        SalesforceConfig.CLIENT_SECRET.name(),
                        "was refused (" + said + "): copy the Consumer Secret of the external client app");
            case "unsupported_grant_type":
                return new ConfigProblem(
                        SalesforceConfig.AUTH.name(),
                        "names a flow the app does not allow (" + said + "): enable it in the app's OAuth settings");
            case "invalid_grant":
                if (config.auth() == AuthMode.REFRESH_TOKEN) {
                    return new ConfigProblem(
                            SalesforceConfig.REFRESH_TOKEN.name(),
                            "was refused (" + said
                                    + "): it expired or was revoked; authorize the app again and set the new refresh token");
                }
                return new ConfigProblem(
                        SalesforceConfig.CLIENT_ID.name(),
                        "cannot log in with client credentials ("
                                + said
                                + "): enable the Client Credentials Flow in the app's policies and choose its Run As "
                                + "(integration) user");
            default:
                return new ConfigProblem(
                        config.credentialKey(), "was refused when logging in to Salesforce (" + said + ")");
        }
    }
}
