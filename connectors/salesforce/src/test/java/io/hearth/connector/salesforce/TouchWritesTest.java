package io.hearth.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.OutgoingTouch;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.connector.spi.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TouchWritesTest {
    private static final String CREATE = FakeSalesforce.DATA + "/composite/sobjects";
    private static final Instant AT = Instant.parse("2026-11-30T15:45:00Z");

    private final FakeSalesforce salesforce = new FakeSalesforce();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final SalesforceConnector connector = Fixtures.connector(waits);

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void aTouchBecomesACompletedTaskOnItsPerson() {
        String lead = salesforce.lead("LastName", "Lovelace", "Company", "Engines");
        String contact = salesforce.contact("LastName", "Hopper");

        List<WriteResult> results = writeTouches(
                new OutgoingTouch("touches/1", "leads/1", lead, "phone", "left-voicemail", AT, "Call back Tuesday"),
                new OutgoingTouch("touches/2", "contacts/2", contact, "email", null, AT, null));

        assertThat(results).extracting(WriteResult::hearthId).containsExactly("touches/1", "touches/2");
        assertThat(results).allMatch(WriteResult::ok);
        List<ObjectNode> tasks = salesforce.tasks();
        assertThat(tasks)
                .extracting(t -> t.path("Id").asText())
                .containsExactly(results.get(0).externalId(), results.get(1).externalId());
        assertThat(tasks.get(0).toString())
                .contains(
                        "\"WhoId\":\"" + lead + "\"",
                        "\"Subject\":\"Call: left voicemail\"",
                        "\"Status\":\"Completed\"",
                        "\"ActivityDate\":\"2026-11-30\"",
                        "\"TaskSubtype\":\"Call\"",
                        "\"CallDisposition\":\"left-voicemail\"",
                        "\"Description\":\"Call back Tuesday\"",
                        "\"" + FakeSalesforce.TOUCH_FIELD + "\":\"touches/1\"");
        assertThat(tasks.get(1).toString())
                .contains("\"WhoId\":\"" + contact + "\"", "\"Subject\":\"Email\"", "\"TaskSubtype\":\"Email\"")
                .doesNotContain("CallDisposition", "Description");
    }

    @Test
    void aTouchWrittenAgainAfterItsAnswerWasLostExistsOnce() {
        String lead = salesforce.lead("LastName", "Lovelace", "Company", "Engines");
        OutgoingTouch touch = new OutgoingTouch("touches/1", "leads/1", lead, "phone", "connected", AT, null);
        salesforce.dropAnswerAfterCreate();

        assertThatThrownBy(() -> writeTouches(touch)).isInstanceOf(RetriableConnectorException.class);
        List<WriteResult> retried = writeTouches(touch);
        List<WriteResult> again = writeTouches(touch);

        assertThat(salesforce.tasks()).hasSize(1);
        String task = salesforce.tasks().get(0).path("Id").asText();
        assertThat(retried).containsExactly(WriteResult.written("touches/1", task));
        assertThat(again).containsExactly(WriteResult.written("touches/1", task));
        assertThat(salesforce.crm.requests("POST", CREATE)).hasSize(1);
        assertThat(salesforce.soql("queryAll"))
                .last()
                .isEqualTo("SELECT Id, Hearth_Touch_Id__c FROM Task WHERE "
                        + "Hearth_Touch_Id__c IN ('touches/1') ORDER BY CreatedDate ASC, Id ASC");
    }

    @Test
    void aTaskThatAppearedBetweenLookupAndCreateIsAnsweredByTheUniqueField() {
        String lead = salesforce.lead("LastName", "Lovelace", "Company", "Engines");
        OutgoingTouch touch = new OutgoingTouch("touches/1", "leads/1", lead, "meeting", null, AT, null);
        String existing = writeTouches(touch).get(0).externalId();
        // the lookup misses it, as if another write created it a moment later
        salesforce.interrupt("queryAll", FakeReply.json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}"));

        List<WriteResult> results = writeTouches(touch);

        assertThat(results).containsExactly(WriteResult.written("touches/1", existing));
        assertThat(salesforce.tasks()).hasSize(1);
    }

    @Test
    void theSameTouchTwiceInOneWriteIsOneTask() {
        String lead = salesforce.lead("LastName", "Lovelace", "Company", "Engines");
        OutgoingTouch touch = new OutgoingTouch("touches/1", "leads/1", lead, "postcard", null, AT, null);

        List<WriteResult> results = writeTouches(touch, touch);

        assertThat(salesforce.tasks()).hasSize(1);
        assertThat(results)
                .hasSize(2)
                .containsOnly(WriteResult.written(
                        "touches/1", salesforce.tasks().get(0).path("Id").asText()));
    }

    @Test
    void aTouchThatCannotBeWrittenFailsAloneAndAnUnknownChannelIsAPlainTask() {
        String lead = salesforce.lead("LastName", "Lovelace", "Company", "Engines");
        String gone = salesforce.lead("LastName", "Gone", "Company", "Engines");
        salesforce.delete(gone);

        List<WriteResult> results = writeTouches(
                new OutgoingTouch("touches/1", "leads/1", null, "phone", null, AT, null),
                new OutgoingTouch("touches/2", "leads/2", gone, "phone", null, AT, null),
                new OutgoingTouch("touches/3", "leads/3", lead, "carrier-pigeon", null, AT, null));

        assertThat(results.get(0))
                .isEqualTo(WriteResult.failed(
                        "touches/1",
                        "the person leads/1 has no Salesforce " + "Lead or Contact id yet; write the person first"));
        assertThat(results.get(1))
                .isEqualTo(WriteResult.failed(
                        "touches/2",
                        "Salesforce refused the Task: "
                                + "INVALID_CROSS_REFERENCE_KEY: invalid cross reference id (fields: WhoId)"));
        assertThat(results.get(2).ok()).isTrue();
        assertThat(salesforce.tasks())
                .singleElement()
                .satisfies(task -> assertThat(task.toString())
                        .contains("\"Subject\":\"Carrier pigeon\"", "\"TaskSubtype\":\"Task\""));
    }

    @Test
    void aMissingTouchIdFieldSaysHowToCreateIt() {
        String lead = salesforce.lead("LastName", "Lovelace", "Company", "Engines");
        salesforce.withoutTouchField();

        assertThatThrownBy(() -> writeTouches(new OutgoingTouch("touches/1", "leads/1", lead, "phone", null, AT, null)))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("No such column 'Hearth_Touch_Id__c' on entity 'Task'")
                .hasMessageContaining("create a custom Text(80) field on Activity named Hearth_Touch_Id__c, tick "
                        + "Unique and External ID");
        assertThat(salesforce.crm.requests("POST", CREATE)).isEmpty();
    }

    private List<WriteResult> writeTouches(OutgoingTouch... touches) {
        try (RecordWriter writer = connector.openWriter(salesforce.config())) {
            return writer.writeTouches(List.of(touches));
        }
    }
}
