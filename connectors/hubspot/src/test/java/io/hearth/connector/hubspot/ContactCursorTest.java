package io.hearth.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.FatalConnectorException;
import org.junit.jupiter.api.Test;

class ContactCursorTest {
    @Test
    void aCursorSurvivesItsTextInEveryState() {
        ContactCursor first = ContactCursor.first(1_000);
        ContactCursor midChanges = first.changedThrough(1_764_583_200_000L, 501);
        ContactCursor done = midChanges.changesDone(1_764_583_300_000L);
        ContactCursor midBin = done.deletedThrough("7301", 7288L);

        for (ContactCursor cursor :
                new ContactCursor[] {first, midChanges, done, midBin, midBin.deletionsDone(2_000)}) {
            assertThat(ContactCursor.decode(cursor.encode())).isEqualTo(cursor);
        }
        assertThat(midBin.encode())
                .isEqualTo("{\"v\":1,\"phase\":\"deleted\",\"modifiedFrom\":1764583300001,"
                        + "\"deletedAfter\":1000,\"deletedPage\":\"7301\",\"deletedId\":\"7288\"}");
    }

    @Test
    void theWindowsNeverMoveBack() {
        ContactCursor cursor = ContactCursor.first(5_000).changedThrough(9_000, 3);

        assertThat(cursor.changesDone(4_000).modifiedFrom()).isEqualTo(9_000);
        assertThat(cursor.deletionsDone(4_000).deletedAfter()).isEqualTo(5_000);
    }

    @Test
    void aCursorThisConnectorDidNotWriteIsRefused() {
        for (String text : new String[] {
            "",
            "[]",
            "{\"v\":1}",
            "{\"v\":1,\"phase\":\"changes\",\"modifiedFrom\":-1," + "\"deletedAfter\":0}",
            "{\"v\":1,\"phase\":\"changes\",\"modifiedFrom\":1,\"deletedAfter\":0," + "\"tieId\":\"x1\"}",
            "{\"v\":2,\"phase\":\"changes\"}"
        }) {
            assertThatThrownBy(() -> ContactCursor.decode(text))
                    .as(text)
                    .isInstanceOf(FatalConnectorException.class)
                    .hasMessageStartingWith("the stored HubSpot cursor cannot be read");
        }
    }
}
