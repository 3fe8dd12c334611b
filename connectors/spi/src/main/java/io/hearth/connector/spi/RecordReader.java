package io.hearth.connector.spi;

/** Reads a source in batches. Hearth calls it from one thread and closes it when done or failed. */
public interface RecordReader extends AutoCloseable {
    /**
     * The next batch of at most {@code maxRecords} records (rejected records do not count).
     *
     * @throws RetriableConnectorException when trying again later may succeed (timeouts, rate limits);
     *                                     Hearth reopens the reader at the last stored cursor
     * @throws FatalConnectorException     when it cannot (bad credentials, a file that is not a spreadsheet)
     */
    Batch read(int maxRecords);

    @Override
    void close();
}
