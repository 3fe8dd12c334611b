package io.hearth.connector.hubspot;

import io.hearth.connector.hubspot.ContactSearch.Found;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads HubSpot's contacts changed since the cursor, and the contacts deleted since, in this order:
 * <ol>
 *   <li>the recycle bin ({@link DeletedContacts}), for contacts deleted in the window: {@code DELETED}
 *       records. Not on a first read: Hearth holds none of them yet;
 *   <li>the CRM search ({@link ContactSearch}) for contacts modified in the window, sorted by
 *       {@code lastmodifieddate}, following {@code paging.next.after}: {@code UPSERT} records, each
 *       followed by a {@code MERGED} record for every id in its {@code hs_merged_object_ids} (a merge
 *       gives the merged contact a new id and lists the old ones there). Deletions come first so that a
 *       merged contact that also shows in the bin ends merged, not archived.
 * </ol>
 * The window ends {@link HubSpotRuntime#searchIndexDelay} before now and is fixed for the read.
 *
 * <p>Contacts are returned in ({@code lastmodifieddate}, id) order, which the cursor records exactly
 * ({@link ContactCursor}). A page is sorted by time only, so the contacts of its last millisecond wait
 * for the next page (which may hold more of that millisecond, with smaller ids); a millisecond filling a
 * whole page is read on its own, sorted by id. A query is restarted from the last contact taken, which
 * splits its window there, when paging on would pass the search's {@value ContactSearch#RESULT_CAP}-result
 * cap, and when its {@code total} shrinks: a contact of the window was modified meanwhile and left it,
 * so the offsets after it moved back and the page just read may start past a contact never seen; that
 * page is dropped.
 */
final class HubSpotReader implements RecordReader {
    /** The most HTTP pages one {@link #read} fetches, so that a long scan of the bin stores its progress. */
    static final int MAX_PAGES_PER_BATCH = 10;

    private final ContactSearch search;
    private final DeletedContacts deleted;
    private final ContactFields fields;
    private final boolean readDeletions;
    private final long until;

    private final Deque<Unit> ready = new ArrayDeque<>();
    /** The cursor after the last unit handed to Hearth. */
    private ContactCursor returned;
    /** The cursor after the last unit in {@link #ready}. */
    private ContactCursor queued;
    /** Whether the unit that ends the read is queued. */
    private boolean finished;

    // the search query in progress; a null offset starts a new query from the queued position
    private Integer offset;
    /** The total of the query's last page: it shrinks when contacts leave the window during the read. */
    private long lastTotal;
    /** Where the query in progress started, to tell a restart that moved on from one that did not. */
    private ContactCursor queryStart;
    /** The millisecond read by id, when one filled a page; null while reading by time. */
    private Long tieMillisecond;
    /** The contacts of a page's last millisecond, waiting for the next page. */
    private final List<Found> heldBack = new ArrayList<>();

    /** What must go into one batch together, and the cursor after it. */
    private record Unit(List<SourceRecord> records, ContactCursor after) {}

    HubSpotReader(
            ContactSearch search,
            DeletedContacts deleted,
            ContactFields fields,
            boolean readDeletions,
            ContactCursor start,
            long until) {
        this.search = search;
        this.deleted = deleted;
        this.fields = fields;
        this.readDeletions = readDeletions;
        this.until = until;
        this.returned = start;
        this.queued = start;
    }

    @Override
    public Batch read(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, got " + maxRecords);
        }
        List<SourceRecord> records = new ArrayList<>();
        int fetched = 0;
        while (true) {
            Unit unit = ready.peek();
            if (unit != null) {
                if (records.size() + unit.records().size() > maxRecords) {
                    if (records.isEmpty()) {
                        throw new FatalConnectorException("HubSpot contact "
                                + unit.records().get(0).externalId()
                                + " comes with " + unit.records().size() + " records (itself and the contacts merged "
                                + "into it), more than the " + maxRecords + " Hearth reads at once");
                    }
                    break;
                }
                records.addAll(unit.records());
                returned = unit.after();
                ready.poll();
                continue;
            }
            if (finished || fetched >= MAX_PAGES_PER_BATCH) {
                break;
            }
            fetch();
            fetched++;
        }
        return new Batch(records, List.of(), returned.encode(), finished && ready.isEmpty());
    }

    private void fetch() {
        if (queued.phase() == ContactCursor.Phase.DELETED) {
            if (readDeletions) {
                fetchDeleted();
            } else {
                queue(List.of(), queued.deletionsDone(until));
            }
        } else if (queued.modifiedFrom() > until) {
            // the last read ended less than the index delay ago: nothing can be in the window yet
            queue(List.of(), queued.changesDone(until));
            finished = true;
        } else {
            fetchChanges();
        }
    }

    private void fetchDeleted() {
        String token = queued.deletedPage();
        Long returnedThrough = queued.deletedId();
        long after = queued.deletedAfter();
        DeletedContacts.Page page = deleted.page(token);
        for (DeletedContacts.Deleted contact : page.contacts()) {
            long at = contact.archivedAt().toEpochMilli();
            if ((returnedThrough == null || contact.id() > returnedThrough) && at > after && at <= until) {
                String id = Long.toString(contact.id());
                queue(
                        List.of(SourceRecord.deleted(id, contact.archivedAt(), "deleted contact " + id)),
                        queued.deletedThrough(token, contact.id()));
            }
        }
        queue(
                List.of(),
                page.next()
                        .map(next -> queued.deletedThrough(next, null))
                        .orElseGet(() -> queued.deletionsDone(until)));
    }

    private void fetchChanges() {
        if (offset == null) {
            queryStart = queued;
        }
        // following after, the query must stay the one it started as
        ContactSearch.Page page;
        if (tieMillisecond != null) {
            long afterId =
                    queryStart.modifiedFrom() == tieMillisecond && queryStart.tieId() != null ? queryStart.tieId() : 0;
            page = search.tie(tieMillisecond, afterId, offset);
        } else {
            page = search.window(queryStart.modifiedFrom(), queryStart.tieId(), until, offset);
        }
        if (offset != null && page.total() < lastTotal) {
            // contacts left the window since the last page, so this page starts past contacts never seen:
            // take nothing from it and query again from the last contact taken
            heldBack.clear();
            restartQuery();
            return;
        }
        lastTotal = page.total();
        boolean more = page.nextAfter().isPresent();
        // a contact already taken may come again when the index caught up with a change meanwhile
        Map<Long, Found> candidates = new LinkedHashMap<>();
        heldBack.forEach(contact -> candidates.put(contact.id(), contact));
        page.contacts().stream()
                .filter(contact -> contact.isAfter(queued.modifiedFrom(), queued.tieId()))
                .filter(contact -> contact.modifiedAt().toEpochMilli() <= until)
                .forEach(contact -> candidates.put(contact.id(), contact));
        List<Found> sorted = new ArrayList<>(candidates.values());
        sorted.sort(Comparator.comparing(Found::modifiedAt).thenComparingLong(Found::id));
        heldBack.clear();
        if (more && tieMillisecond == null && !sorted.isEmpty()) {
            long last = sorted.get(sorted.size() - 1).modifiedAt().toEpochMilli();
            sorted.stream()
                    .filter(contact -> contact.modifiedAt().toEpochMilli() == last)
                    .forEach(heldBack::add);
            sorted.removeAll(heldBack);
            if (sorted.isEmpty()) {
                // one millisecond fills the page: its contacts' order is arbitrary, so read it by id
                tieMillisecond = last;
                heldBack.clear();
                restartQuery();
                return;
            }
        }
        sorted.forEach(this::queue);
        if (!more) {
            restartQuery();
            if (tieMillisecond != null) {
                // the millisecond is read; the window goes on from its last contact
                tieMillisecond = null;
            } else {
                queue(List.of(), queued.changesDone(until));
                finished = true;
            }
            return;
        }
        int next = page.nextAfter().get();
        if (next + search.pageSize() > ContactSearch.RESULT_CAP) {
            if (queued.equals(queryStart)) {
                // cannot happen with HubSpot's ordering; a loop without end would be worse than stopping
                throw new FatalConnectorException("HubSpot's contact search gave " + next + " results from "
                        + queued.encode() + " without one past it; the run stops without moving its cursor");
            }
            heldBack.clear();
            restartQuery();
        } else {
            offset = next;
        }
    }

    private void restartQuery() {
        offset = null;
    }

    private void queue(Found contact) {
        String id = Long.toString(contact.id());
        List<SourceRecord> records = new ArrayList<>();
        records.add(new SourceRecord(id, contact.modifiedAt(), fields.read(contact.properties()), "contact " + id));
        String merged = contact.properties().get(ContactFields.MERGED_IDS);
        if (merged != null) {
            Arrays.stream(merged.split(";"))
                    .map(String::strip)
                    .filter(old -> old.matches("\\d{1,18}"))
                    .filter(old -> !old.equals(id))
                    .distinct()
                    .forEach(old -> records.add(SourceRecord.merged(
                            old, id, contact.modifiedAt(), "contact " + old + " (merged into " + id + ")")));
        }
        queue(records, queued.changedThrough(contact.modifiedAt().toEpochMilli(), contact.id()));
    }

    private void queue(List<SourceRecord> records, ContactCursor after) {
        ready.add(new Unit(records, after));
        queued = after;
    }

    @Override
    public void close() {
        // nothing to release: each request is complete when it returns
    }
}
