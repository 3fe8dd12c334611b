package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.Credentials;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.CrmRequest;
import io.hearth.connector.crm.http.CrmResponse;
import io.hearth.connector.crm.http.SecretHeader;
import io.hearth.connector.salesforce.SalesforceConfig.AuthMode;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.FatalConnectorException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OAuth 2.0 at {@code login_url}: the client credentials flow (the app's Run As user) or the refresh
 * token flow. Hands {@link CrmHttp} the current access token and, after a 401 ({@code INVALID_SESSION_ID}:
 * the session expired), gets a new one once.
 */
final class SalesforceLogin implements Credentials {
    static final String TOKEN_PATH = "/services/oauth2/token";

    /** An access token and where its org's API is. */
    record Token(String accessToken, String instanceUrl, Set<String> scopes) {
        @Override
        public String toString() {
            return "Token[instanceUrl=" + instanceUrl + ", scopes=" + scopes + "]";
        }
    }

    /** What the token endpoint answered. */
    sealed interface Answer permits Granted, Refused {}

    record Granted(Token token) implements Answer {}

    /** Refused, with the config key to fix and what to do. */
    record Refused(ConfigProblem problem) implements Answer {}

    private final SalesforceConfig config;
    private final CrmHttp tokenEndpoint;
    private Token token;

    SalesforceLogin(SalesforceConfig config, CrmHttp tokenEndpoint) {
        this.config = requireNonNull(config, "config is null");
        this.tokenEndpoint = requireNonNull(tokenEndpoint, "tokenEndpoint is null");
    }

    /** The current token, obtained on first use. */
    synchronized Token token() {
        return token != null ? token : obtain();
    }

    @Override
    public synchronized SecretHeader header() {
        return SecretHeader.bearer(token().accessToken());
    }

    @Override
    public synchronized boolean refresh() {
        obtain();
        return true;
    }

    /**
     * Asks the token endpoint once for a token, which becomes the current one when granted.
     *
     * @throws io.hearth.connector.spi.RetriableConnectorException when it cannot be reached
     */
    Answer request() {
        CrmResponse response;
        try {
            response = tokenEndpoint.send(CrmRequest.form(TOKEN_PATH, form()));
        } catch (FatalConnectorException e) {
            // a 401 or 403 from the token endpoint itself: the message already says what Salesforce refused
            return new Refused(new ConfigProblem(config.credentialKey(), e.getMessage()));
        }
        if (!response.isSuccess()) {
            return new Refused(LoginRefusal.of(response, config));
        }
        JsonNode body = response.jsonIfAny()
                .filter(JsonNode::isObject)
                .orElseThrow(() -> new FatalConnectorException("Salesforce's token endpoint answered "
                        + response.status() + " with something that is not a token: " + response.excerpt()));
        String accessToken = body.path("access_token").asText("");
        String instanceUrl = body.path("instance_url").asText("");
        if (accessToken.isBlank()) {
            throw new FatalConnectorException("Salesforce's token endpoint answered without an access_token");
        }
        if (config.baseUrl() == null) {
            checkInstanceUrl(instanceUrl);
        }
        Set<String> scopes = Arrays.stream(body.path("scope").asText("").split(" "))
                .filter(scope -> !scope.isBlank())
                .collect(Collectors.toUnmodifiableSet());
        Token granted = new Token(accessToken, instanceUrl, scopes);
        synchronized (this) {
            token = granted;
        }
        return new Granted(granted);
    }

    private Token obtain() {
        Answer answer = request();
        if (answer instanceof Refused refused) {
            throw new FatalConnectorException("Salesforce refused to log in: "
                    + refused.problem().key() + " " + refused.problem().message());
        }
        return ((Granted) answer).token();
    }

    private Map<String, String> form() {
        Map<String, String> form = new LinkedHashMap<>();
        if (config.auth() == AuthMode.REFRESH_TOKEN) {
            form.put("grant_type", "refresh_token");
            form.put("refresh_token", config.refreshToken());
        } else {
            form.put("grant_type", "client_credentials");
        }
        form.put("client_id", config.clientId());
        if (config.clientSecret() != null) {
            form.put("client_secret", config.clientSecret());
        }
        return form;
    }

    /**
     * The access token goes where the login server says the org is; only https may carry it, except to
     * this machine (a local proxy or a test).
     */
    private static void checkInstanceUrl(String instanceUrl) {
        URI uri;
        try {
            uri = URI.create(instanceUrl);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        boolean loopback = uri != null && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
        if (uri == null
                || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || loopback && "http".equals(uri.getScheme()))) {
            throw new FatalConnectorException("Salesforce's token endpoint answered no usable instance_url (an https "
                    + "URL is expected); set base_url to the org's API address");
        }
    }
}
