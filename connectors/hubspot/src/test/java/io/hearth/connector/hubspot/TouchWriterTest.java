package io.hearth.connector.hubspot;

import static io.hearth.connector.hubspot.Fixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.spi.OutgoingTouch;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.connector.spi.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TouchWriterTest {
    private static final Instant WHEN = Instant.parse("2026-11-30T14:05:00Z");

    private final Fixture fixture = new Fixture();
    private final FakeHubSpot hubspot = fixture.hubspot;

    @BeforeEach
    void contacts() {
        hubspot.contact(7, T0, "email", "ada@example.com");
        hubspot.contact(8, T0, "email", "grace@example.com");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<WriteResult> write(List<OutgoingTouch> touches) {
        try (RecordWriter writer = fixture.connector.openWriter(fixture.config())) {
            return writer.writeTouches(touches);
        }
    }

    private static OutgoingTouch touch(String id, String contact, String channel, String outcome, String note) {
        return new OutgoingTouch("touches/" + id, "leads/" + contact, contact, channel, outcome, WHEN, note);
    }

    @Test
    void eachChannelBecomesItsActivityAssociatedWithTheContact() {
        List<WriteResult> results = write(List.of(
                touch("a1", "7", "phone", "left-voicemail", "Asked her to call back"),
                touch("a2", "7", "email", null, null),
                touch("a3", "8", "video-call", "meeting-booked", "Demo next week"),
                touch("a4", "8", "postcard", null, "Season's greetings"),
                touch("a5", "8", "carrier-pigeon", "no-answer", null)));

        assertThat(results).allSatisfy(result -> assertThat(result.ok()).isTrue());
        assertThat(results)
                .extracting(WriteResult::hearthId)
                .containsExactly("touches/a1", "touches/a2", "touches/a3", "touches/a4", "touches/a5");
        List<FakeHubSpot.Activity> activities = hubspot.activities();
        assertThat(activities)
                .extracting(a -> a.type)
                .containsExactlyInAnyOrder("calls", "emails", "meetings", "notes", "notes");
        FakeHubSpot.Activity call = activities.stream()
                .filter(a -> a.type.equals("calls"))
                .findFirst()
                .orElseThrow();
        assertThat(call.contacts).containsExactly(7L);
        assertThat(call.associationType).isEqualTo(194);
        assertThat(call.properties)
                .containsEntry("hs_timestamp", "2026-11-30T14:05:00Z")
                .containsEntry("hs_call_title", "Phone call: left voicemail")
                .containsEntry("hs_call_direction", "OUTBOUND")
                .containsEntry("hs_call_status", "COMPLETED")
                .containsEntry("hs_call_disposition", "b2cf5968-551e-4856-9783-52b3da59a7d0")
                .containsEntry("hs_call_body", "Asked her to call back\n\n[Hearth touch touches/a1]");
        assertThat(results.get(0).externalId()).isEqualTo(Long.toString(call.id));
        FakeHubSpot.Activity meeting = activities.stream()
                .filter(a -> a.type.equals("meetings"))
                .findFirst()
                .orElseThrow();
        assertThat(meeting.properties)
                .containsEntry("hs_meeting_title", "Video call: meeting booked")
                .containsEntry("hs_meeting_outcome", "SCHEDULED")
                .containsEntry("hs_meeting_start_time", "2026-11-30T14:05:00Z");
        assertThat(activities.stream().filter(a -> a.type.equals("notes")).map(a -> a.properties.get("hs_note_body")))
                .containsExactlyInAnyOrder(
                        "Postcard\n\nSeason's greetings\n\n[Hearth touch touches/a4]",
                        "Carrier pigeon: no answer\n\n[Hearth touch touches/a5]");
    }

    @Test
    void aTouchWrittenAgainAfterItsAnswerWasLostExistsOnce() {
        OutgoingTouch touch = touch("b1", "7", "phone", "connected", "Good talk");
        hubspot.loseNextCreateReply();

        assertThatThrownBy(() -> write(List.of(touch)))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("not sent again");
        assertThat(hubspot.activities()).hasSize(1);

        // Hearth retries the same touch, as the SPI says it will
        List<WriteResult> retried = write(List.of(touch));

        assertThat(hubspot.activities()).hasSize(1);
        assertThat(retried)
                .containsExactly(WriteResult.written(
                        "touches/b1", Long.toString(hubspot.activities().get(0).id)));
        assertThat(hubspot.requests("POST", "/crm/v3/objects/calls/batch/create"))
                .hasSize(1);
    }

    @Test
    void writingTheSameTouchesAgainCreatesNothing() {
        List<OutgoingTouch> touches = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            touches.add(touch("c" + i, i % 2 == 0 ? "7" : "8", "phone", null, "call " + i));
        }
        List<WriteResult> first = write(touches);
        List<WriteResult> second = write(touches);

        assertThat(hubspot.activities()).hasSize(130);
        assertThat(second).isEqualTo(first);
        assertThat(hubspot.requests("POST", "/crm/v3/objects/calls/batch/create"))
                .extracting(r -> FakeHubSpot.json(r).path("inputs").size())
                .containsExactly(100, 30);
        JsonNode associationRead =
                FakeHubSpot.json(hubspot.requests("POST", "/crm/v4/associations/contacts/calls/batch/read")
                        .get(0));
        assertThat(associationRead.path("inputs").toString()).isEqualTo("[{\"id\":\"7\"},{\"id\":\"8\"}]");
    }

    @Test
    void aNoteQuotingAnotherTouchsMarkerDoesNotPassForIt() {
        write(List.of(touch("e1", "7", "phone", null, "pasted from HubSpot: [Hearth touch touches/e2]")));

        List<WriteResult> results = write(List.of(touch("e2", "7", "phone", null, null)));

        assertThat(hubspot.activities()).hasSize(2);
        assertThat(results.get(0).externalId())
                .isEqualTo(Long.toString(hubspot.activities().get(1).id));
    }

    @Test
    void aTouchOfAPersonHubSpotDoesNotKnowFailsAlone() {
        List<WriteResult> results = write(List.of(
                new OutgoingTouch("touches/d1", "leads/x", null, "phone", null, WHEN, null),
                touch("d2", "999", "phone", null, null),
                touch("d3", "7", "phone", null, null)));

        assertThat(results.get(0).error()).contains("no HubSpot contact id yet");
        assertThat(results.get(1).error()).contains("Could not associate to contact 999");
        assertThat(results.get(2).ok()).isTrue();
        assertThat(hubspot.activities()).hasSize(1);
    }
}
