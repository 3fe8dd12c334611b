package io.hearth.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.connector.spi.OutgoingTouch;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingTest {
    @Test
    void temperatureLabelsNameEachTemperatureOnce() {
        TemperatureLabels labels = TemperatureLabels.parse(TemperatureLabels.DEFAULT);

        assertThat(labels.nameOf("cool")).isEqualTo("Cool");
        assertThat(labels.temperatureOf("HOT")).contains("hot");
        assertThat(labels.temperatureOf("Key account")).isEmpty();
        assertThat(labels.hottest(List.of("Cold", "Key account", "Warm"))).contains("warm");
        assertThat(labels.hottest(List.of("Key account"))).isEmpty();
        assertThatThrownBy(() -> TemperatureLabels.parse("hot=Hot,warm=Warm,cold=Cold"))
                .hasMessage("cool has no label name");
        assertThatThrownBy(() -> TemperatureLabels.parse("hot=Hot,tepid=Warm"))
                .hasMessageContaining("'tepid' is not a " + "temperature");
    }

    @Test
    void theMarkerOfATouchIsFoundOnlyForThatTouch() {
        String note = "<p>Called</p><p>Logged in Hearth " + ActivityMarker.of("touches/123") + "</p>";

        assertThat(ActivityMarker.touchIdIn(note)).contains("touches/123");
        assertThat(ActivityMarker.touchIdIn("<p>[hearth touches/12]3</p>")).contains("touches/12");
        assertThat(ActivityMarker.touchIdIn("<p>a note a rep wrote</p>")).isEmpty();
        assertThat(ActivityMarker.touchIdIn(null)).isEmpty();
    }

    @Test
    void aChannelWithoutAnActivityTypeOfItsOwnIsATaskNamedAfterIt() {
        OutgoingTouch touch = new OutgoingTouch(
                "touches/1",
                "leads/1",
                "5",
                "carrier-pigeon",
                "no-answer",
                Instant.parse("2026-11-30T23:59:00Z"),
                null);

        var body = TouchActivity.body(touch, 5);

        assertThat(body.path("type").asText()).isEqualTo("task");
        assertThat(body.path("subject").asText()).isEqualTo("Carrier pigeon: no answer");
        assertThat(body.path("due_date").asText()).isEqualTo("2026-11-30");
        assertThat(body.path("note").asText()).isEqualTo("<p>Logged in Hearth [hearth touches/1]</p>");
    }

    @Test
    void thePrimaryEntryOfAListIsChosenElseItsFirst() throws Exception {
        ObjectMapper json = new ObjectMapper();

        assertThat(PersonMapper.primary(
                        json.readTree("{\"emails\":[{\"value\":\"a@x\",\"primary\":false},"
                                + "{\"value\":\"b@x\",\"primary\":true}]}"),
                        "emails",
                        "email"))
                .contains("b@x");
        assertThat(PersonMapper.primary(
                        json.readTree("{\"email\":[{\"value\":\"\",\"primary\":true},"
                                + "{\"value\":\"c@x\",\"primary\":false}]}"),
                        "emails",
                        "email"))
                .contains("c@x");
        assertThat(PersonMapper.primary(json.readTree("{\"emails\":[]}"), "emails", "email"))
                .isEmpty();
    }
}
