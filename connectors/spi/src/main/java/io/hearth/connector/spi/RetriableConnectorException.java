package io.hearth.connector.spi;

/** Trying again later may succeed: a timeout, a rate limit, a dropped connection. */
public final class RetriableConnectorException extends ConnectorException {
    public RetriableConnectorException(String message, Throwable cause) {
        super(message, cause);
    }

    public RetriableConnectorException(String message) {
        super(message, null);
    }
}
