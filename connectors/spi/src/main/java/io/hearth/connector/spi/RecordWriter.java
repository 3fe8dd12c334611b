package io.hearth.connector.spi;

import java.util.List;

/** Writes people to a destination; closing it finishes the output (flushes a file). */
public interface RecordWriter extends AutoCloseable {
    /** One result per person, in order; a person the destination refused does not stop the others. */
    List<WriteResult> write(List<OutgoingPerson> people);

    @Override
    void close();
}
