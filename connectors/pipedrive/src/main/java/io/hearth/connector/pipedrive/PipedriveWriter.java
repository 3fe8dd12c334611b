package io.hearth.connector.pipedrive;

import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.OutgoingTouch;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.WriteResult;
import java.util.List;

/** Writes people's Hearth-owned fields and touches to one Pipedrive company. */
final class PipedriveWriter implements RecordWriter {
    private final PersonWriter people;
    private final TouchWriter touches;

    PipedriveWriter(PersonWriter people, TouchWriter touches) {
        this.people = people;
        this.touches = touches;
    }

    @Override
    public List<WriteResult> write(List<OutgoingPerson> people) {
        return this.people.write(people);
    }

    @Override
    public List<WriteResult> writeTouches(List<OutgoingTouch> touches) {
        return this.touches.write(touches);
    }

    @Override
    public void close() {
        // every write is sent when made: nothing to flush
    }
}
