package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.salesforce.ReadCursor.Position;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads Leads, then Contacts, changed after the cursor: one QueryAll per object,
 * {@code WHERE SystemModstamp} after the cursor's {@code (SystemModstamp, Id)}
 * {@code ORDER BY SystemModstamp, Id}, following {@code nextRecordsUrl}. QueryAll also returns the
 * records deleted or merged away since, so one ordered pass sees every change of an object.
 *
 * <p>Each batch's cursor is the position of its last record, so a read that fails (a lost page, a
 * broken one) never stored a cursor past a record it did not return: the next read asks again from
 * there. Salesforce's pages and Hearth's batches need not line up; the rest of a page waits for the next
 * batch.
 */
final class SalesforceReader implements RecordReader {
    /**
     * Changes younger than this wait for the next read. A transaction stamps its records when it writes
     * them but shows them only when it commits; reading up to now could pass, for good, a record that a
     * transaction still open stamped a moment earlier.
     */
    static final Duration SETTLE_TIME = Duration.ofMinutes(2);
    /** Pages without records that are not the last, in a row, before the read gives up on the answers. */
    static final int MAX_EMPTY_PAGES = 5;

    private static final List<PersonObject> ORDER = List.of(PersonObject.LEAD, PersonObject.CONTACT);

    private final Supplier<SalesforceApi> opener;
    private final PersonRecords records;
    private final int pageSize;
    private final String contactRatingField;
    private final Clock clock;
    private final Deque<JsonNode> buffer = new ArrayDeque<>();
    private ReadCursor cursor;
    private SalesforceApi api;
    private Instant until;
    private int objectIndex;
    private boolean queried;
    private String nextRecordsUrl;
    private JsonReply page;
    private int emptyPages;

    SalesforceReader(Supplier<SalesforceApi> opener, SalesforceConfig config, ReadCursor cursor, Clock clock) {
        this.opener = requireNonNull(opener, "opener is null");
        this.records = new PersonRecords(config.statuses(), config.ratings(), config.contactRatingField());
        this.pageSize = config.pageSize();
        this.contactRatingField = config.contactRatingField();
        this.cursor = requireNonNull(cursor, "cursor is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Batch read(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, got " + maxRecords);
        }
        if (api == null) {
            // logging in happens here, not when opening, so that its faults reach Hearth as a read's
            api = opener.get();
            until = clock.instant().minus(SETTLE_TIME).truncatedTo(ChronoUnit.SECONDS);
        }
        List<SourceRecord> batch = new ArrayList<>();
        while (batch.size() < maxRecords && fill()) {
            PersonObject object = ORDER.get(objectIndex);
            JsonNode record = buffer.poll();
            Instant modstamp = PersonRecords.modstamp(record, page);
            SourceRecord source = records.toSource(object, record, modstamp, page);
            Position position = new Position(modstamp, source.externalId());
            Optional<Position> previous = cursor.of(object);
            if (previous.isPresent()
                    && position.modstamp().isBefore(previous.get().modstamp())) {
                throw new FatalConnectorException("Salesforce answered " + object.apiName() + " records out of "
                        + "SystemModstamp order; the run stops without moving its cursor");
            }
            batch.add(source);
            cursor = cursor.after(object, position);
        }
        return new Batch(batch, List.of(), cursor.encode(), finished());
    }

    @Override
    public void close() {
        // the JDK's HttpClient holds nothing that needs closing on Java 17
    }

    /** Makes sure a record waits in the buffer, fetching pages and moving to the next object; false at the end. */
    private boolean fill() {
        while (buffer.isEmpty()) {
            if (objectIndex >= ORDER.size()) {
                return false;
            }
            PersonObject object = ORDER.get(objectIndex);
            if (!queried) {
                page = api.queryAll(soql(object), pageSize);
                queried = true;
            } else if (nextRecordsUrl != null) {
                page = api.nextPage(nextRecordsUrl);
            } else {
                objectIndex++;
                queried = false;
                continue;
            }
            List<JsonNode> found = page.requireArray("records");
            JsonNode done = page.require("done");
            if (!done.isBoolean()) {
                throw new FatalConnectorException("Salesforce answered a query page whose 'done' is not true or "
                        + "false; the run stops without moving its cursor");
            }
            nextRecordsUrl = done.asBoolean() ? null : page.requireText(page.body(), "nextRecordsUrl");
            emptyPages = found.isEmpty() && nextRecordsUrl != null ? emptyPages + 1 : 0;
            if (emptyPages > MAX_EMPTY_PAGES) {
                throw new FatalConnectorException("Salesforce answered " + emptyPages + " empty query pages in a row "
                        + "that were not the last; the run stops without moving its cursor");
            }
            buffer.addAll(found);
        }
        return true;
    }

    private boolean finished() {
        return objectIndex >= ORDER.size()
                || objectIndex == ORDER.size() - 1 && queried && nextRecordsUrl == null && buffer.isEmpty();
    }

    /** The object's changes after the cursor and before {@link #until}, in the order the cursor follows. */
    String soql(PersonObject object) {
        StringBuilder soql = new StringBuilder("SELECT ")
                .append(String.join(", ", object.selectFields(contactRatingField)))
                .append(" FROM ")
                .append(object.apiName())
                .append(" WHERE SystemModstamp <= ")
                .append(SalesforceTime.soqlLiteral(until));
        cursor.of(object).ifPresent(after -> {
            String modstamp = SalesforceTime.soqlLiteral(after.modstamp());
            soql.append(" AND (SystemModstamp > ")
                    .append(modstamp)
                    .append(" OR (SystemModstamp = ")
                    .append(modstamp)
                    .append(" AND Id > ")
                    .append(Soql.literal(after.id()))
                    .append("))");
        });
        return soql.append(" ORDER BY SystemModstamp ASC, Id ASC").toString();
    }
}
