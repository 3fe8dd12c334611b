package io.hearth.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.salesforce.ReadCursor.Position;
import io.hearth.connector.spi.FatalConnectorException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadCursorTest {
    private static final String LEAD = "00Q5g000004AbCdEAF";

    @Test
    void writesVersionedJsonAndReadsItBack() {
        ReadCursor cursor =
                ReadCursor.START.after(PersonObject.LEAD, new Position(Instant.parse("2026-12-01T10:00:00Z"), LEAD));

        assertThat(cursor.encode())
                .isEqualTo("{\"v\":1,\"Lead\":{\"modstamp\":\"2026-12-01T10:00:00Z\",\"id\":\"" + LEAD + "\"}}");
        assertThat(ReadCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(ReadCursor.decode(null)).isEqualTo(ReadCursor.START);
        assertThat(ReadCursor.START.encode()).isEqualTo("{\"v\":1}");
    }

    @Test
    void aCursorItDidNotWriteIsRefused() {
        for (String text : new String[] {
            "",
            "[]",
            "{\"v\":2}",
            "{\"v\":1,\"Lead\":{\"modstamp\":\"yesterday\"," + "\"id\":\"" + LEAD + "\"}}",
            "{\"v\":1,\"Lead\":{\"modstamp\":\"2026-12-01T10:00:00Z\"," + "\"id\":\"x' OR Id != '\"}}"
        }) {
            assertThatThrownBy(() -> ReadCursor.decode(text)).as(text).isInstanceOf(FatalConnectorException.class);
        }
    }
}
