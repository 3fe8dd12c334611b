package io.hearth.connector.salesforce;

import io.hearth.connector.contract.CrmContract;
import io.hearth.connector.crm.http.RetryPolicy;
import io.hearth.connector.spi.Connector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The CRM contract for Salesforce, against {@link FakeSalesforce}: people are Leads. The org's time
 * moves a minute before each change and three before each run (a read's window ends two minutes
 * behind the clock), and runs a day ahead of Hearth's, so a change made in Salesforce is newer than
 * what Hearth last stored, as it would be.
 */
abstract class SalesforceContract extends CrmContract {
    private FakeSalesforce salesforce;
    /** The time of the org's next change. */
    private volatile Instant now;
    /** The connector's clock: a read's window ends two minutes behind it. */
    private volatile Instant clock;

    @Override
    protected void startCrm() {
        now = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        clock = now;
        salesforce = new FakeSalesforce().at(now.toString());
        salesforce.opportunityField(DEAL_ID_FIELD);
    }

    @Override
    protected void stopCrm() {
        salesforce.close();
    }

    private void tick() {
        now = now.plus(Duration.ofMinutes(1));
        salesforce.at(now.toString());
    }

    @Override
    protected Connector connector() {
        return new SalesforceConnector(new Tuning(
                pause -> {},
                new Clock() {
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
                        return clock;
                    }
                },
                RetryPolicy.DEFAULT.withMaxAttempts(4).withJitter(0),
                Duration.ofSeconds(5)));
    }

    /** The Opportunity field keeping Hearth's ids, so a create retried after a lost answer finds its Opportunity. */
    private static final String DEAL_ID_FIELD = "Hearth_Deal_Id__c";

    /** The org keeps amounts in one currency (the fake's Opportunities have no CurrencyIsoCode). */
    @Override
    protected Map<String, String> config() {
        Map<String, String> config = new java.util.LinkedHashMap<>(salesforce.config());
        config.put("deal_currency", "EUR");
        config.put("deal_id_field", DEAL_ID_FIELD);
        return config;
    }

    @Override
    protected void beforeEachRun() {
        // past the read's settle time after the latest change; Hearth's writes are stamped then
        now = now.plus(Duration.ofMinutes(3));
        salesforce.at(now.toString());
        clock = now;
    }

    @Override
    protected String addPerson(String givenName, String familyName, String email) {
        tick();
        return salesforce.lead(
                "FirstName", givenName, "LastName", familyName, "Email", email, "Company", "Analytical Engines");
    }

    @Override
    protected void changeFamilyName(String externalId, String familyName) {
        tick();
        salesforce.change(externalId, "LastName", familyName);
    }

    @Override
    protected void delete(String externalId) {
        tick();
        salesforce.delete(externalId);
    }

    @Override
    protected void loseNextTouchAnswer() {
        salesforce.dropAnswerAfterCreate();
    }

    @Override
    protected int activities() {
        return salesforce.tasks().size();
    }

    /** An Opportunity's contact is a Contact (a Lead cannot be one); Hearth reads it as a lead all the same. */
    @Override
    protected String addDealContact(String givenName, String familyName, String email) {
        tick();
        return salesforce.contact("FirstName", givenName, "LastName", familyName, "Email", email);
    }

    @Override
    protected java.util.Optional<String> addDeal(String personExternalId, String title, String stage) {
        tick();
        String id = salesforce.opportunity(
                "Name",
                title,
                "Amount",
                "100",
                "StageName",
                stage,
                "CloseDate",
                "2027-03-31",
                "IsClosed",
                "false",
                "IsWon",
                "false");
        salesforce.contactRole(id, personExternalId, true);
        return java.util.Optional.of(id);
    }

    @Override
    protected void winDeal(String externalId) {
        tick();
        salesforce.change(externalId, "StageName", "Closed Won", "IsClosed", "true", "IsWon", "true");
    }

    @Override
    protected String knownStage() {
        return "Proposal/Price Quote";
    }

    @Override
    protected String unknownStage() {
        return "Waiting for the board";
    }

    @Override
    protected boolean writesDeals() {
        return true;
    }

    @Override
    protected Map<String, CrmDeal> crmDeals() {
        Map<String, CrmDeal> deals = new java.util.LinkedHashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode opportunity : salesforce.opportunities()) {
            String id = opportunity.path("Id").asText();
            String contact = salesforce.contactRoles().stream()
                    .filter(role -> role.path("OpportunityId").asText().equals(id))
                    .filter(role -> role.path("IsPrimary").asBoolean(false))
                    .map(role -> role.path("ContactId").asText())
                    .findFirst()
                    .orElse(null);
            deals.put(
                    id,
                    new CrmDeal(
                            contact,
                            opportunity.path("Name").asText(null),
                            opportunity.path("StageName").asText(null),
                            !opportunity.path("IsClosed").asBoolean(false)
                                    ? "open"
                                    : opportunity.path("IsWon").asBoolean(false) ? "won" : "lost"));
        }
        return deals;
    }

    @Override
    protected String crmStageOf(String hearthStage) {
        return StageValues.parse(StageValues.DEFAULT).toSalesforce(hearthStage).orElseThrow();
    }

    /** Creates and updates of Opportunities (not of their contact roles, nor of people). */
    @Override
    protected int dealWrites() {
        return (int) salesforce.crm.requests().stream()
                .filter(r -> r.path().equals(FakeSalesforce.DATA + "/composite/sobjects"))
                .filter(r -> r.bodyText().contains("\"type\":\"Opportunity\""))
                .count();
    }

    @Override
    protected void loseNextDealCreateAnswer() {
        salesforce.dropAnswerAfterCreate();
    }
}
