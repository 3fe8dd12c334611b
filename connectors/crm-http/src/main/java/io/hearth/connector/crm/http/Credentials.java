package io.hearth.connector.crm.http;

import static java.util.Objects.requireNonNull;

/**
 * What authenticates each request. {@link CrmHttp} asks for the header before every attempt, so a
 * connector whose token expires (OAuth) hands out the refreshed one.
 */
public interface Credentials {
    /** Credentials for an API that needs none, such as an OAuth token endpoint that takes them in the form. */
    Credentials NONE = () -> null;

    /** The header to send, or {@code null} to send none. */
    SecretHeader header();

    /**
     * Called once per request after the system answered 401: obtain new credentials (e.g. a new OAuth
     * access token from the refresh token) and say whether that is worth one more try. The default,
     * for a fixed API token, refreshes nothing, so the 401 fails the run at once.
     *
     * @throws io.hearth.connector.spi.FatalConnectorException     when the refresh itself is refused
     * @throws io.hearth.connector.spi.RetriableConnectorException when the token endpoint cannot be reached
     */
    default boolean refresh() {
        return false;
    }

    /** A fixed token sent as {@code Authorization: Bearer <token>} (HubSpot private apps). */
    static Credentials bearer(String token) {
        SecretHeader header = SecretHeader.bearer(token);
        return () -> header;
    }

    /** A fixed token in a header of its own (Pipedrive's {@code x-api-token}). */
    static Credentials header(String name, String value) {
        SecretHeader header = new SecretHeader(name, requireNonNull(value, "value is null"));
        return () -> header;
    }
}
