package io.hearth.core.sync;

import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.RecordReader;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A CRM held in memory with people and deals, each read a few at a time with the index as cursor. */
class DealListConnector implements Connector {
    final ListConnector people;
    final ListConnector deals;

    DealListConnector(String name, int batchSize) {
        people = new ListConnector(name, batchSize);
        deals = new ListConnector(name, batchSize);
    }

    @Override
    public String name() {
        return people.name();
    }

    @Override
    public String description() {
        return "people and deals held in memory";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return people.configKeys();
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.READ, Capability.READ_DEALS);
    }

    @Override
    public RecordReader openReader(Map<String, String> config, String cursor) {
        return people.openReader(config, cursor);
    }

    @Override
    public RecordReader openDealReader(Map<String, String> config, String cursor) {
        return deals.openReader(config, cursor);
    }
}
