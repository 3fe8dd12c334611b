package io.hearth.connector.pipedrive;

/**
 * Paging of Pipedrive's v1 lists, which have offsets, not cursors. An offset shifts when a record
 * changes during the read (it moves to the end of the time order), which would skip another; so each
 * page is asked from the watermark again, at offset 0. Only when a whole page was returned before (more
 * records changed in one second than a page holds) does the offset move on, past that page.
 */
final class OffsetPaging {
    private final int pageSize;
    private int start;
    private boolean done;

    OffsetPaging(int pageSize) {
        this.pageSize = pageSize;
    }

    int start() {
        return start;
    }

    boolean done() {
        return done;
    }

    /** After a page of {@code received} records, {@code fresh} of them not returned before. */
    void pageRead(int received, int fresh, boolean more) {
        done = !more || received == 0;
        start = fresh == 0 ? start + received : 0;
    }
}
