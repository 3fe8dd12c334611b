package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.OutgoingTouch;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.WriteResult;
import java.util.List;
import java.util.function.Supplier;

/** Writes people ({@link PersonWrites}) and touches ({@link TouchWrites}); logs in at the first write. */
final class SalesforceWriter implements RecordWriter {
    private final Supplier<SalesforceApi> opener;
    private final SalesforceConfig config;
    private SalesforceApi api;

    SalesforceWriter(Supplier<SalesforceApi> opener, SalesforceConfig config) {
        this.opener = requireNonNull(opener, "opener is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public List<WriteResult> write(List<OutgoingPerson> people) {
        if (people.isEmpty()) {
            return List.of();
        }
        OutgoingFields outgoing = new OutgoingFields(
                config.writeFields(), config.statuses(), config.ratings(), config.contactRatingField());
        return new PersonWrites(api(), outgoing, config.createLeads()).write(people);
    }

    @Override
    public List<WriteResult> writeTouches(List<OutgoingTouch> touches) {
        if (touches.isEmpty()) {
            return List.of();
        }
        return new TouchWrites(api(), config.touchIdField()).write(touches);
    }

    @Override
    public void close() {
        // every write is sent when it returns; nothing is buffered
    }

    private SalesforceApi api() {
        if (api == null) {
            api = opener.get();
        }
        return api;
    }
}
