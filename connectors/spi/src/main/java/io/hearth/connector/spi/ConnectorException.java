package io.hearth.connector.spi;

/** A failure of the source or destination, as opposed to a bug; see the two subtypes. */
public abstract sealed class ConnectorException extends RuntimeException
        permits RetriableConnectorException, FatalConnectorException {
    protected ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
