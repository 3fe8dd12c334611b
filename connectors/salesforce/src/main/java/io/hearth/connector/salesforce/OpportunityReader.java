package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Salesforce Opportunities changed after the cursor ({@code queryAll}, so deleted ones come too), in
 * ({@code SystemModstamp}, {@code Id}) order up to {@link SalesforceReader#SETTLE_TIME} before now, as
 * people are read; the cursor is the last Opportunity's {@code SystemModstamp|Id}, kept after a complete
 * read so the next run reads only changes. Each page's contacts come from one
 * {@code OpportunityContactRole} query: the primary role's contact, else the lowest contact id.
 *
 * <p>Fields: {@code Name} the title, {@code Amount} with {@code CurrencyIsoCode} (or the connection's
 * {@code deal_currency}) the amount, {@code StageName} the stage, {@code CloseDate} the expected close
 * date, {@code OwnerId} the owner, {@code IsClosed}/{@code IsWon} the outcome, {@code LeadSource} the lead
 * source. Salesforce has no standard loss reason, so a lost deal gets Hearth's "no reason recorded".
 */
final class OpportunityReader implements RecordReader {
    static final String OBJECT = "Opportunity";
    static final List<String> FIELDS = List.of(
            "Id",
            "Name",
            "Amount",
            "StageName",
            "CloseDate",
            "OwnerId",
            "IsClosed",
            "IsWon",
            "LeadSource",
            "SystemModstamp",
            "IsDeleted");

    private final Supplier<SalesforceApi> opener;
    private final int pageSize;
    private final String dealCurrency;
    private final Clock clock;
    private final Deque<SourceRecord> buffer = new ArrayDeque<>();
    private String cursor;
    private SalesforceApi api;
    private Instant until;
    private boolean queried;
    private String nextRecordsUrl;

    /** @param cursor {@code SystemModstamp|Id} of the last Opportunity read, or null (or empty) for all */
    OpportunityReader(Supplier<SalesforceApi> opener, int pageSize, String dealCurrency, String cursor, Clock clock) {
        this.opener = requireNonNull(opener, "opener is null");
        this.pageSize = pageSize;
        this.dealCurrency = dealCurrency;
        this.cursor = cursor == null || cursor.isEmpty() ? null : cursor;
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Batch read(int maxRecords) {
        if (api == null) {
            api = opener.get();
            until = clock.instant().minus(SalesforceReader.SETTLE_TIME).truncatedTo(ChronoUnit.SECONDS);
        }
        List<SourceRecord> batch = new ArrayList<>();
        String after = cursor;
        while (batch.size() < maxRecords && fill()) {
            SourceRecord record = buffer.poll();
            batch.add(record);
            after = record.modifiedAt() + "|" + record.externalId();
        }
        cursor = after;
        boolean last = queried && nextRecordsUrl == null && buffer.isEmpty();
        return new Batch(batch, List.of(), cursor == null ? "" : cursor, last);
    }

    private boolean fill() {
        while (buffer.isEmpty()) {
            JsonReply page;
            if (!queried) {
                page = api.queryAll(soql(), pageSize);
                queried = true;
            } else if (nextRecordsUrl != null) {
                page = api.nextPage(nextRecordsUrl);
            } else {
                return false;
            }
            nextRecordsUrl =
                    page.require("done").asBoolean(true) ? null : page.requireText(page.body(), "nextRecordsUrl");
            List<JsonNode> found = page.requireArray("records");
            Map<String, String> contacts = contacts(found);
            for (JsonNode opportunity : found) {
                buffer.add(deal(opportunity, page, contacts));
            }
            if (found.isEmpty() && nextRecordsUrl != null) {
                throw new FatalConnectorException("Salesforce answered an empty Opportunity page that was not the"
                        + " last; the run stops without moving its cursor");
            }
        }
        return true;
    }

    String soql() {
        List<String> fields = new ArrayList<>(FIELDS);
        if (dealCurrency == null) {
            fields.add("CurrencyIsoCode");
        }
        StringBuilder soql = new StringBuilder("SELECT ")
                .append(String.join(", ", fields))
                .append(" FROM ")
                .append(OBJECT)
                .append(" WHERE SystemModstamp <= ")
                .append(SalesforceTime.soqlLiteral(until));
        if (cursor != null) {
            String[] parts = cursor.split("\\|", 2);
            Instant modstamp;
            try {
                modstamp = Instant.parse(parts[0]);
            } catch (DateTimeParseException | ArrayIndexOutOfBoundsException e) {
                throw new FatalConnectorException("the Opportunity cursor " + cursor + " is not SystemModstamp|Id");
            }
            String at = SalesforceTime.soqlLiteral(modstamp);
            soql.append(" AND (SystemModstamp > ")
                    .append(at)
                    .append(" OR (SystemModstamp = ")
                    .append(at)
                    .append(" AND Id > ")
                    .append(Soql.literal(parts[1]))
                    .append("))");
        }
        return soql.append(" ORDER BY SystemModstamp ASC, Id ASC").toString();
    }

    /** The contact of each Opportunity of the page that has one: its primary role's, else the lowest id. */
    private Map<String, String> contacts(List<JsonNode> opportunities) {
        List<String> ids = opportunities.stream()
                .filter(o -> !o.path("IsDeleted").asBoolean(false))
                .map(o -> o.path("Id").asText())
                .toList();
        Map<String, String> contacts = new HashMap<>();
        if (ids.isEmpty()) {
            return contacts;
        }
        String soql =
                "SELECT Id, OpportunityId, ContactId, IsPrimary FROM OpportunityContactRole WHERE OpportunityId IN ("
                        + ids.stream().map(Soql::literal).collect(Collectors.joining(", ")) + ")";
        Map<String, Boolean> primary = new HashMap<>();
        for (JsonNode role : api.lookup(soql)) {
            String opportunity = role.path("OpportunityId").asText();
            String contact = role.path("ContactId").asText();
            boolean isPrimary = role.path("IsPrimary").asBoolean(false);
            String current = contacts.get(opportunity);
            if (current == null
                    || isPrimary && !primary.get(opportunity)
                    || isPrimary == primary.get(opportunity) && contact.compareTo(current) < 0) {
                contacts.put(opportunity, contact);
                primary.put(opportunity, isPrimary);
            }
        }
        return contacts;
    }

    private SourceRecord deal(JsonNode opportunity, JsonReply page, Map<String, String> contacts) {
        String id = page.requireText(opportunity, "Id");
        Instant modstamp = PersonRecords.modstamp(opportunity, page);
        if (opportunity.path("IsDeleted").asBoolean(false)) {
            return SourceRecord.deleted(id, modstamp, "Opportunity " + id);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, DealFields.TITLE, opportunity, "Name");
        put(fields, DealFields.AMOUNT, opportunity, "Amount");
        String currency = text(opportunity, "CurrencyIsoCode");
        if (currency != null || dealCurrency != null) {
            fields.put(DealFields.CURRENCY, currency != null ? currency : dealCurrency);
        }
        put(fields, DealFields.STAGE, opportunity, "StageName");
        put(fields, DealFields.CLOSE_DATE, opportunity, "CloseDate");
        put(fields, DealFields.OWNER, opportunity, "OwnerId");
        if (opportunity.path("IsClosed").asBoolean(false)) {
            fields.put(DealFields.OUTCOME, opportunity.path("IsWon").asBoolean(false) ? "won" : "lost");
        }
        put(fields, DealFields.LEAD_SOURCE, opportunity, "LeadSource");
        String contact = contacts.get(id);
        if (contact != null) {
            fields.put(DealFields.CONTACT_ID, contact);
        }
        return new SourceRecord(id, modstamp, fields, "Opportunity " + id);
    }

    private static void put(Map<String, String> fields, String name, JsonNode node, String field) {
        String value = text(node, field);
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    @Override
    public void close() {
        // the JDK's HttpClient holds nothing that needs closing on Java 17
    }
}
