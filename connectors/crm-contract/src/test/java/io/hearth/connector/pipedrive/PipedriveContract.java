package io.hearth.connector.pipedrive;

import io.hearth.connector.contract.CrmContract;
import io.hearth.connector.crm.http.RetryPolicy;
import io.hearth.connector.spi.Connector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The CRM contract for Pipedrive, against {@link FakePipedrive}: people are persons. The company's
 * clock (the connector's too) moves a minute before each change and each run, and runs a day ahead of
 * Hearth's, so a change made in Pipedrive is newer than what Hearth last stored, as it would be.
 */
abstract class PipedriveContract extends CrmContract {
    private FakePipedrive pipedrive;

    @Override
    protected void startCrm() {
        pipedrive = new FakePipedrive();
        Instant ahead = Instant.now().plus(Duration.ofDays(1));
        pipedrive.tick((int) Duration.between(pipedrive.now(), ahead).toSeconds());
    }

    @Override
    protected void stopCrm() {
        pipedrive.close();
    }

    @Override
    protected Connector connector() {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return pipedrive.now();
            }
        };
        return new PipedriveConnector(new Wiring(pause -> {}, clock, RetryPolicy.DEFAULT.withJitter(0)));
    }

    @Override
    protected Map<String, String> config() {
        return pipedrive.config();
    }

    @Override
    protected void beforeEachRun() {
        pipedrive.tick(60);
    }

    @Override
    protected String addPerson(String givenName, String familyName, String email) {
        pipedrive.tick(60);
        return pipedrive.person(givenName, familyName, email).path("id").asText();
    }

    @Override
    protected void changeFamilyName(String externalId, String familyName) {
        pipedrive.tick(60);
        pipedrive.update(
                Long.parseLong(externalId),
                person -> person.put("last_name", familyName)
                        .put("name", person.path("first_name").asText() + " " + familyName));
    }

    @Override
    protected void delete(String externalId) {
        pipedrive.tick(60);
        pipedrive.delete(Long.parseLong(externalId));
    }

    @Override
    protected void loseNextTouchAnswer() {
        pipedrive.loseAnswer("POST", "/api/v2/activities", 1);
    }

    @Override
    protected int activities() {
        return pipedrive.activities().size();
    }

    private long nextDealId = 301;

    @Override
    protected java.util.Optional<String> addDeal(String personExternalId, String title, String stage) {
        long stageId = stage.equals(knownStage()) ? 1 : 2;
        pipedrive.stage(1, knownStage());
        pipedrive.stage(2, unknownStage());
        long id = nextDealId++;
        pipedrive.deal(
                id,
                Long.parseLong(personExternalId),
                title,
                "stage_id",
                Long.toString(stageId),
                "expected_close_date",
                "2027-03-31");
        return java.util.Optional.of(Long.toString(id));
    }

    @Override
    protected void winDeal(String externalId) {
        pipedrive.modifyDeal(Long.parseLong(externalId), "status", "won");
    }

    @Override
    protected String knownStage() {
        return "Proposal Made";
    }

    @Override
    protected String unknownStage() {
        return "Waiting for the board";
    }
}
