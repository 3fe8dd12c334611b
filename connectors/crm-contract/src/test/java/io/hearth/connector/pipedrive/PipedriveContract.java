package io.hearth.connector.pipedrive;

import io.hearth.connector.contract.CrmContract;
import io.hearth.connector.crm.http.RetryPolicy;
import io.hearth.connector.spi.Connector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
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
        for (int i = 0; i < STAGES.size(); i++) {
            pipedrive.stage(i + 1, STAGES.get(i));
        }
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

    /**
     * With {@code deal_id_field}, where each deal Hearth creates keeps its Hearth id: without it a deal
     * create whose answer was lost is created again (Pipedrive deals have nowhere else to keep it).
     */
    @Override
    protected Map<String, String> config() {
        Map<String, String> config = new java.util.LinkedHashMap<>(pipedrive.config());
        config.put("deal_id_field", DEAL_ID_FIELD);
        return config;
    }

    /** A deal custom field's API key, as Pipedrive makes them (a hash). */
    private static final String DEAL_ID_FIELD = "5b2f6b8f0e1a4c1d9f3e7a6b2c4d8e0f1a3b5c7d";

    /** Pipedrive's default pipeline, and a stage Hearth does not know; the stage ids are their places. */
    private static final List<String> STAGES = List.of(
            "Qualified",
            "Contact Made",
            "Demo Scheduled",
            "Proposal Made",
            "Negotiations Started",
            "Waiting for the board");

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
        long id = nextDealId++;
        pipedrive.deal(
                id,
                Long.parseLong(personExternalId),
                title,
                "stage_id",
                Long.toString(STAGES.indexOf(stage) + 1),
                "expected_close_date",
                "2027-03-31");
        return java.util.Optional.of(Long.toString(id));
    }

    @Override
    protected void winDeal(String externalId) {
        pipedrive.modifyDeal(Long.parseLong(externalId), "status", "won");
    }

    @Override
    protected boolean writesDeals() {
        return true;
    }

    @Override
    protected Map<String, CrmDeal> crmDeals() {
        Map<String, CrmDeal> deals = new java.util.LinkedHashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode deal : pipedrive.deals()) {
            deals.put(
                    deal.path("id").asText(),
                    new CrmDeal(
                            deal.path("person_id").asText(null),
                            deal.path("title").asText(null),
                            pipedrive.stageName(deal.path("stage_id").asLong()),
                            deal.path("status").asText()));
        }
        return deals;
    }

    @Override
    protected String crmStageOf(String hearthStage) {
        return switch (hearthStage) {
            case "qualification" -> "Qualified";
            case "needs_analysis" -> "Demo Scheduled";
            case "proposal" -> "Proposal Made";
            case "negotiation" -> "Negotiations Started";
            default -> throw new IllegalArgumentException("no stage of the default pipeline for " + hearthStage);
        };
    }

    @Override
    protected int dealWrites() {
        return (int) pipedrive.server.requests().stream()
                .filter(r -> r.method().equals("POST") || r.method().equals("PATCH"))
                .filter(r -> r.path().startsWith(DealList.PATH))
                .count();
    }

    @Override
    protected void loseNextDealCreateAnswer() {
        pipedrive.loseAnswer("POST", DealList.PATH, 1);
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
