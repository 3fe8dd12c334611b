package io.hearth.connector.hubspot;

import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.OutgoingTouch;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.WriteResult;
import java.util.List;

/** Writes people ({@link ContactWriter}) and touches ({@link TouchWriter}) to HubSpot. */
final class HubSpotWriter implements RecordWriter {
    private final ContactWriter contacts;
    private final TouchWriter touches;

    HubSpotWriter(ContactWriter contacts, TouchWriter touches) {
        this.contacts = contacts;
        this.touches = touches;
    }

    @Override
    public List<WriteResult> write(List<OutgoingPerson> people) {
        return contacts.write(people);
    }

    @Override
    public List<WriteResult> writeTouches(List<OutgoingTouch> touches) {
        return this.touches.write(touches);
    }

    @Override
    public void close() {
        // every call is complete when it returns: nothing is buffered
    }
}
