package io.hearth.connector.spi;

/** Trying again will not help; the sync fails with this message, which the user sees. */
public final class FatalConnectorException extends ConnectorException {
    public FatalConnectorException(String message, Throwable cause) {
        super(message, cause);
    }

    public FatalConnectorException(String message) {
        super(message, null);
    }
}
