package io.hearth.connector.pipedrive;

import java.util.List;
import java.util.Optional;

/** One stream a read follows, page by page, from its watermark in the cursor. */
interface Phase {
    /** The next page's entries (possibly none, when all were returned before), or empty when the stream is done. */
    Optional<List<Entry>> nextPage();

    /** Whether {@link #nextPage} may still give entries. */
    boolean hasMore();

    /** The cursor once entries of this stream up to {@code after} are returned. */
    PipedriveCursor advance(PipedriveCursor cursor, Watermark after);
}
