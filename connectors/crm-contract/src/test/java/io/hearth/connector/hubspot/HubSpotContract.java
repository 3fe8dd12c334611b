package io.hearth.connector.hubspot;

import io.hearth.connector.contract.CrmContract;
import io.hearth.connector.crm.http.RetryPolicy;
import io.hearth.connector.spi.Connector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CRM contract for HubSpot, against {@link FakeHubSpot}. HubSpot's read window ends a minute behind
 * the connector's clock, so each change is stamped a minute after the last run's clock and every run
 * moves the clock two minutes past the latest change. HubSpot's time runs a day ahead of Hearth's, so a
 * change made in HubSpot is newer than what Hearth last stored, as it would be.
 */
abstract class HubSpotContract extends CrmContract {
    private FakeHubSpot hubspot;
    /** The time of the next change made in HubSpot. */
    private volatile long changeAt;
    /** The connector's clock. */
    private volatile long clock;

    private long nextId = 501;

    @Override
    protected void startCrm() {
        long start = Instant.now().plus(Duration.ofDays(1)).toEpochMilli() / 1000 * 1000;
        changeAt = start;
        clock = start;
        hubspot = new FakeHubSpot(start);
    }

    @Override
    protected void stopCrm() {
        hubspot.close();
    }

    @Override
    protected Connector connector() {
        Clock movable = new Clock() {
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
                return Instant.ofEpochMilli(clock);
            }
        };
        return new HubSpotConnector(new HubSpotRuntime(
                movable, pause -> {}, RetryPolicy.DEFAULT.withMaxAttempts(4).withJitter(0), Duration.ofMinutes(1)));
    }

    @Override
    protected Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("access_token", FakeHubSpot.TOKEN);
        config.put("base_url", hubspot.baseUrl());
        return config;
    }

    @Override
    protected void beforeEachRun() {
        clock = changeAt + 120_000;
        hubspot.now(clock);
        changeAt = clock + 60_000;
    }

    @Override
    protected String addPerson(String givenName, String familyName, String email) {
        long id = nextId++;
        hubspot.contact(
                id, changeAt, "firstname", givenName, "lastname", familyName, "email", email, "lifecyclestage", "lead");
        return Long.toString(id);
    }

    @Override
    protected void changeFamilyName(String externalId, String familyName) {
        hubspot.modify(Long.parseLong(externalId), changeAt, "lastname", familyName);
    }

    @Override
    protected void delete(String externalId) {
        hubspot.archive(Long.parseLong(externalId), changeAt);
    }

    @Override
    protected void loseNextTouchAnswer() {
        hubspot.loseNextCreateReply();
    }

    @Override
    protected int activities() {
        return hubspot.activities().size();
    }

    private long nextDealId = 9001;

    @Override
    protected java.util.Optional<String> addDeal(String personExternalId, String title, String stage) {
        long id = nextDealId++;
        hubspot.deal(
                id,
                changeAt,
                java.util.List.of(Long.parseLong(personExternalId)),
                "dealname",
                title,
                "amount",
                "100",
                "deal_currency_code",
                "EUR",
                "dealstage",
                stage,
                "closedate",
                "2027-03-31T00:00:00Z",
                "hs_is_closed",
                "false");
        return java.util.Optional.of(Long.toString(id));
    }

    @Override
    protected void winDeal(String externalId) {
        hubspot.modifyDeal(
                Long.parseLong(externalId),
                changeAt,
                "dealstage",
                "closedwon",
                "hs_is_closed",
                "true",
                "hs_is_closed_won",
                "true");
    }

    @Override
    protected boolean writesDeals() {
        return true;
    }

    @Override
    protected Map<String, CrmDeal> crmDeals() {
        Map<String, CrmDeal> deals = new LinkedHashMap<>();
        for (FakeHubSpot.Deal deal : hubspot.deals()) {
            deals.put(
                    Long.toString(deal.id),
                    new CrmDeal(
                            deal.contacts.stream()
                                    .map(String::valueOf)
                                    .findFirst()
                                    .orElse(null),
                            deal.properties.get("dealname"),
                            deal.properties.get("dealstage"),
                            !"true".equals(deal.properties.get("hs_is_closed"))
                                    ? "open"
                                    : "true".equals(deal.properties.get("hs_is_closed_won")) ? "won" : "lost"));
        }
        return deals;
    }

    @Override
    protected String crmStageOf(String hearthStage) {
        return HubSpotConfig.dealStages(Map.of()).get(hearthStage);
    }

    @Override
    protected int dealWrites() {
        return hubspot.requests("POST", HubSpotDealWriter.UPDATE).size()
                + hubspot.requests("POST", HubSpotDealWriter.UPSERT).size();
    }

    @Override
    protected void loseNextDealCreateAnswer() {
        hubspot.loseNextDealUpsertReply();
    }

    @Override
    protected String knownStage() {
        return "appointmentscheduled";
    }

    @Override
    protected String unknownStage() {
        return "1234567";
    }
}
