package io.hearth.connector.spi;

import java.util.List;

/**
 * Writes deals to a destination; closing it finishes the output (flushes a file). A connector opens
 * one with {@link Connector#openDealWriter} when it declares {@link Capability#WRITE_DEALS}.
 */
public interface DealWriter extends AutoCloseable {
    /**
     * One result per deal, in order, whose {@code hearthId} is {@link OutgoingDeal#hearthId()} and whose
     * {@code externalId} is the deal's id in the destination ({@code null} for a file). A deal the
     * destination refused is a {@link WriteResult#failed} result and does not stop the others.
     */
    List<WriteResult> write(List<OutgoingDeal> deals);

    @Override
    void close();
}
