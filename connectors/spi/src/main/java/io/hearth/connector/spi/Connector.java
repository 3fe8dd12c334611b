package io.hearth.connector.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A connector: the one entry point of a plugin jar, listed in
 * {@code META-INF/services/io.hearth.connector.spi.Connector} and found with {@link java.util.ServiceLoader}.
 * It needs a public no-argument constructor; everything else comes from the config map, which
 * {@link #validate} checks before any sync starts.
 */
public interface Connector {
    /** Unique among the installed connectors, lower-case, e.g. {@code csv}. */
    String name();

    /** One line for {@code hearth connectors list}. */
    String description();

    /** Every key the connector reads; keys marked secret are never logged or echoed. */
    List<ConfigKey> configKeys();

    Set<Capability> capabilities();

    /**
     * The file name extensions this connector reads, lower-case and without the dot (e.g.
     * {@code csv}), so that a file uploaded without a connector named goes to the connector that
     * claims its extension. Empty, the default, for a connector that reads no files. Two connectors
     * claiming one extension stop the start, like two connectors with one name.
     */
    default Set<String> fileExtensions() {
        return Set.of();
    }

    /** Checks a config without touching the outside world more than needed; empty when it is fine. */
    default List<ConfigProblem> validate(Map<String, String> config) {
        return ConfigKey.check(configKeys(), config);
    }

    /**
     * Checks that the config reaches the outside system: {@link #validate} first, then one cheap
     * authenticated call (e.g. fetch one record, or the account's details), so that a user learns
     * about a wrong token or a missing scope when setting up a connection rather than at its first
     * run. The default only validates, for connectors that reach nothing (files). Problems are named
     * by the config key to fix, e.g. the token's key for a token the system refuses.
     *
     * @throws RetriableConnectorException when the system could not be reached or asked to wait
     *                                     (a timeout, a rate limit): the config may be fine
     */
    default List<ConfigProblem> checkConnection(Map<String, String> config) {
        return validate(config);
    }

    /**
     * Opens a reader positioned after {@code cursor}, or at the start when it is {@code null}.
     * Only connectors with {@link Capability#READ} override this.
     */
    default RecordReader openReader(Map<String, String> config, String cursor) {
        throw new UnsupportedOperationException("connector " + name() + " cannot read");
    }

    /** Opens a writer. Only connectors with {@link Capability#WRITE} override this. */
    default RecordWriter openWriter(Map<String, String> config) {
        throw new UnsupportedOperationException("connector " + name() + " cannot write");
    }

    /**
     * Opens a reader of deals (opportunities) positioned after {@code cursor}, or at the start when it
     * is {@code null}. Its records are {@link SourceRecord}s of deals: the deal's own id in the source
     * as {@link SourceRecord#externalId()} (required: it is how a re-read finds the deal again), fields
     * named by {@link DealFields} (a file's column headers are mapped onto them by Hearth), and
     * {@link SourceRecord.Change#DELETED} for a deal the source deleted. Only connectors with
     * {@link Capability#READ_DEALS} override this; the deal cursor is kept apart from the people's.
     */
    default RecordReader openDealReader(Map<String, String> config, String cursor) {
        throw new UnsupportedOperationException("connector " + name() + " cannot read deals");
    }

    /**
     * The deal fields ({@link DealFields}) the destination holds as they are written, so that Hearth
     * can tell a deal read back unchanged from one changed there: a field the destination has no
     * place for (Salesforce keeps no loss reason) reads back empty, and Hearth must not take that for
     * a change to write again on every run. The default: every field.
     */
    default Set<String> dealFieldsHeld() {
        return Set.copyOf(DealFields.ALL);
    }

    /** Opens a writer of deals. Only connectors with {@link Capability#WRITE_DEALS} override this. */
    default DealWriter openDealWriter(Map<String, String> config) {
        throw new UnsupportedOperationException("connector " + name() + " cannot write deals");
    }
}
