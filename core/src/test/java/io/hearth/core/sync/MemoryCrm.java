package io.hearth.core.sync;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigType;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.OutgoingTouch;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.spi.WriteResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A CRM in memory that reads incrementally and writes back as the CRM connectors do: a person
 * written is changed in the CRM (so the next read returns it, like HubSpot's lastmodifieddate), and
 * a touch becomes an activity found again by its touch id, so a retried write answers with the
 * activity it already made. Failures can be planted for the next touch write. Deals too: read
 * incrementally with their contact's id, and written as HubSpot's writer does, a new deal created
 * once per Hearth id (a retried create finds the deal it made) and associated with its contact.
 */
final class MemoryCrm implements Connector {
    /** A record as the CRM holds it, with the change number that orders incremental reads. */
    static final class Record {
        final Map<String, String> fields = new TreeMap<>();
        long changed;
        /** Set when the CRM deleted the record ({@code ""}) or merged it into the record it names. */
        String removedInto;
        /** Set when the CRM converted the record (a lead) into the contact {@code removedInto} names. */
        boolean converted;
    }

    private final String name;
    final Map<String, Record> records = new LinkedHashMap<>();
    /** Every person write, as sent. */
    final List<OutgoingPerson> personWrites = new ArrayList<>();
    /** Every touch sent, retries included. */
    final List<OutgoingTouch> touchesSent = new ArrayList<>();
    /** The activities made, by touch id: each touch's id appears once however often it was sent. */
    final Map<String, String> activities = new LinkedHashMap<>();
    /** External ids of people the CRM refuses to write. */
    final Set<String> refused = new HashSet<>();
    /** External ids of people whose touches the CRM refuses. */
    final Set<String> touchesRefused = new HashSet<>();
    /** The deals, by id; each holds {@link DealFields} and, when Hearth made it, Hearth's id. */
    final Map<String, Record> deals = new LinkedHashMap<>();
    /** Every deal write, as sent, retries included. */
    final List<OutgoingDeal> dealWrites = new ArrayList<>();
    /** External ids of contacts whose deals the CRM refuses to write. */
    final Set<String> dealsRefused = new HashSet<>();

    static final String HEARTH_ID = "hearth_id";

    private long changes;
    private RuntimeException afterNextTouchWrite;
    private RuntimeException afterNextDealWrite;
    private RuntimeException beforeNextDealWrite;

    MemoryCrm(String name) {
        this.name = name;
    }

    synchronized MemoryCrm put(String externalId, String... fields) {
        Record record = records.computeIfAbsent(externalId, id -> new Record());
        for (int i = 0; i < fields.length; i += 2) {
            record.fields.put(fields[i], fields[i + 1]);
        }
        record.changed = ++changes;
        return this;
    }

    /** Deletes a record, as a CRM's recycle bin reports it: read next as a deleted record. */
    synchronized MemoryCrm delete(String externalId) {
        Record record = records.get(externalId);
        record.removedInto = "";
        record.changed = ++changes;
        return this;
    }

    /** Merges a record into another: the survivor is read next as changed, then the merged record. */
    synchronized MemoryCrm merge(String externalId, String survivor) {
        Record record = records.get(externalId);
        record.removedInto = survivor;
        record.changed = ++changes;
        records.get(survivor).changed = ++changes;
        return this;
    }

    /**
     * Converts a lead record into a contact, as Salesforce reports it: read next as merged into
     * {@code contactId} with the stage {@code contact}. The contact record is not made: {@link #put} it.
     */
    synchronized MemoryCrm convert(String externalId, String contactId) {
        Record record = records.get(externalId);
        record.removedInto = contactId;
        record.converted = true;
        record.changed = ++changes;
        return this;
    }

    /** Puts a deal as the CRM's users make them: read next as changed. */
    synchronized MemoryCrm putDeal(String externalId, String... fields) {
        Record deal = deals.computeIfAbsent(externalId, id -> new Record());
        for (int i = 0; i < fields.length; i += 2) {
            deal.fields.put(fields[i], fields[i + 1]);
        }
        deal.changed = ++changes;
        return this;
    }

    /** The next deal write writes its deals and then fails with {@code failure}, as if its answer were lost. */
    synchronized void loseNextDealAnswer(RuntimeException failure) {
        afterNextDealWrite = failure;
    }

    /** The next deal write fails with {@code failure} before writing anything. */
    synchronized void failNextDealWrite(RuntimeException failure) {
        beforeNextDealWrite = failure;
    }

    /** The next touch write makes its activities and then fails with {@code failure}, as if its answer were lost. */
    synchronized void loseNextTouchAnswer(RuntimeException failure) {
        afterNextTouchWrite = failure;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "a CRM in memory";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                ConfigKey.optional("label", ConfigType.STRING, null, "tells accounts apart"),
                new ConfigKey("token", ConfigType.STRING, false, null, true, "never shown"));
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(
                Capability.READ,
                Capability.INCREMENTAL,
                Capability.WRITE,
                Capability.WRITE_TOUCHES,
                Capability.READ_DEALS,
                Capability.WRITE_DEALS);
    }

    @Override
    public RecordReader openReader(Map<String, String> config, String cursor) {
        long after = cursor == null ? 0 : Long.parseLong(cursor);
        return new RecordReader() {
            @Override
            public Batch read(int maxRecords) {
                synchronized (MemoryCrm.this) {
                    List<SourceRecord> changed = new ArrayList<>();
                    List<SourceRecord> removed = new ArrayList<>();
                    long last = after;
                    for (Map.Entry<String, Record> e : records.entrySet()) {
                        Record record = e.getValue();
                        if (record.changed > after) {
                            String position = "record " + e.getKey();
                            if (record.removedInto == null) {
                                changed.add(new SourceRecord(e.getKey(), null, Map.copyOf(record.fields), position));
                            } else if (record.removedInto.isEmpty()) {
                                removed.add(SourceRecord.deleted(e.getKey(), null, position));
                            } else if (record.converted) {
                                removed.add(new SourceRecord(
                                        e.getKey(),
                                        null,
                                        Map.of(StandardFields.STAGE, StandardFields.STAGE_CONTACT),
                                        position,
                                        SourceRecord.Change.MERGED,
                                        record.removedInto));
                            } else {
                                removed.add(SourceRecord.merged(e.getKey(), record.removedInto, null, position));
                            }
                            last = Math.max(last, record.changed);
                        }
                    }
                    // as HubSpot reads them: the contacts changed, then the deleted and merged ones
                    changed.addAll(removed);
                    return new Batch(changed, List.of(), Long.toString(last), true);
                }
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public RecordWriter openWriter(Map<String, String> config) {
        return new RecordWriter() {
            @Override
            public List<WriteResult> write(List<OutgoingPerson> people) {
                synchronized (MemoryCrm.this) {
                    List<WriteResult> results = new ArrayList<>();
                    for (OutgoingPerson person : people) {
                        personWrites.add(person);
                        if (refused.contains(person.externalId())) {
                            results.add(WriteResult.failed(person.hearthId(), "VALIDATION_ERROR: not allowed"));
                            continue;
                        }
                        Record record = records.get(person.externalId());
                        record.fields.putAll(person.fields());
                        record.changed = ++changes;
                        results.add(WriteResult.written(person.hearthId(), person.externalId()));
                    }
                    return results;
                }
            }

            @Override
            public List<WriteResult> writeTouches(List<OutgoingTouch> touches) {
                synchronized (MemoryCrm.this) {
                    List<WriteResult> results = new ArrayList<>();
                    for (OutgoingTouch touch : touches) {
                        touchesSent.add(touch);
                        if (touchesRefused.contains(touch.personExternalId())) {
                            results.add(WriteResult.failed(touch.touchId(), "INVALID_ASSOCIATION: contact is locked"));
                            continue;
                        }
                        String activity = activities.computeIfAbsent(
                                touch.touchId(), id -> "activity-" + (activities.size() + 1));
                        results.add(WriteResult.written(touch.touchId(), activity));
                    }
                    RuntimeException failure = afterNextTouchWrite;
                    afterNextTouchWrite = null;
                    if (failure != null) {
                        throw failure;
                    }
                    return results;
                }
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public RecordReader openDealReader(Map<String, String> config, String cursor) {
        long after = cursor == null ? 0 : Long.parseLong(cursor);
        return new RecordReader() {
            @Override
            public Batch read(int maxRecords) {
                synchronized (MemoryCrm.this) {
                    List<SourceRecord> changed = new ArrayList<>();
                    long last = after;
                    for (Map.Entry<String, Record> e : deals.entrySet()) {
                        if (e.getValue().changed > after) {
                            Map<String, String> fields = new TreeMap<>(e.getValue().fields);
                            fields.remove(HEARTH_ID);
                            changed.add(new SourceRecord(e.getKey(), null, fields, "deal " + e.getKey()));
                            last = Math.max(last, e.getValue().changed);
                        }
                    }
                    return new Batch(changed, List.of(), Long.toString(last), true);
                }
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public DealWriter openDealWriter(Map<String, String> config) {
        return new DealWriter() {
            @Override
            public List<WriteResult> write(List<OutgoingDeal> sent) {
                synchronized (MemoryCrm.this) {
                    RuntimeException before = beforeNextDealWrite;
                    beforeNextDealWrite = null;
                    if (before != null) {
                        throw before;
                    }
                    List<WriteResult> results = new ArrayList<>();
                    for (OutgoingDeal deal : sent) {
                        dealWrites.add(deal);
                        if (dealsRefused.contains(deal.contactExternalId())) {
                            results.add(WriteResult.failed(deal.hearthId(), "INVALID_OPTION: the stage is locked"));
                            continue;
                        }
                        String id = deal.externalId();
                        if (id == null) {
                            id = deals.entrySet().stream()
                                    .filter(e -> deal.hearthId()
                                            .equals(e.getValue().fields.get(HEARTH_ID)))
                                    .map(Map.Entry::getKey)
                                    .findFirst()
                                    .orElse("deal-" + (deals.size() + 1));
                        }
                        Record record = deals.computeIfAbsent(id, d -> new Record());
                        record.fields.putAll(deal.fields());
                        if (deal.externalId() == null) {
                            record.fields.put(HEARTH_ID, deal.hearthId());
                            record.fields.put(DealFields.CONTACT_ID, deal.contactExternalId());
                        }
                        record.changed = ++changes;
                        results.add(WriteResult.written(deal.hearthId(), id));
                    }
                    RuntimeException failure = afterNextDealWrite;
                    afterNextDealWrite = null;
                    if (failure != null) {
                        throw failure;
                    }
                    return results;
                }
            }

            @Override
            public void close() {}
        };
    }

    static RetriableConnectorException timeout() {
        return new RetriableConnectorException("the CRM timed out", null);
    }
}
