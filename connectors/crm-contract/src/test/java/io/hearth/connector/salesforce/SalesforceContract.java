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

    @Override
    protected Map<String, String> config() {
        return salesforce.config();
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
}
