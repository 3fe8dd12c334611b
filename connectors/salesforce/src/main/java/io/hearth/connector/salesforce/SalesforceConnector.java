package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.salesforce.SalesforceLogin.Granted;
import io.hearth.connector.salesforce.SalesforceLogin.Refused;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RecordWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Salesforce's Leads and Contacts, read incrementally through the REST API (deletions, merges and Lead
 * conversions included), with Hearth's temperature and status written back to them and its touches
 * logged as completed Tasks; Opportunities read as deals, and Hearth's deals written as Opportunities.
 * See this module's README for the setup in Salesforce.
 */
public final class SalesforceConnector implements Connector {
    /** What the connection check asks: one record id, the least a query can answer. */
    static final String CHECK_QUERY = "SELECT Id FROM Lead LIMIT 1";

    private final Tuning tuning;

    public SalesforceConnector() {
        this(Tuning.PRODUCTION);
    }

    SalesforceConnector(Tuning tuning) {
        this.tuning = requireNonNull(tuning, "tuning is null");
    }

    @Override
    public String name() {
        return "salesforce";
    }

    @Override
    public String description() {
        return "Salesforce: Leads and Contacts read incrementally; temperature, status and touches (as Tasks) "
                + "written back; Opportunities both ways";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return SalesforceConfig.KEYS;
    }

    /** Every deal field but the close reason: an Opportunity has no standard field for it. */
    @Override
    public Set<String> dealFieldsHeld() {
        Set<String> held = new HashSet<>(DealFields.ALL);
        held.remove(DealFields.REASON);
        return Set.copyOf(held);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(
                Capability.READ,
                Capability.WRITE,
                Capability.WRITE_TOUCHES,
                Capability.INCREMENTAL,
                Capability.READ_DEALS,
                Capability.WRITE_DEALS);
    }

    @Override
    public List<ConfigProblem> validate(Map<String, String> config) {
        return SalesforceConfig.problems(config);
    }

    /**
     * Logs in, checks that the token may use the API (its {@code api} scope), then reads one Lead id. A
     * refusal becomes a problem on the key to fix.
     */
    @Override
    public List<ConfigProblem> checkConnection(Map<String, String> config) {
        List<ConfigProblem> problems = validate(config);
        if (!problems.isEmpty()) {
            return problems;
        }
        SalesforceConfig salesforce = SalesforceConfig.of(config);
        SalesforceLogin login = SalesforceApi.login(salesforce, tuning);
        SalesforceLogin.Answer answer = login.request();
        if (answer instanceof Refused refused) {
            return List.of(refused.problem());
        }
        Set<String> scopes = ((Granted) answer).token().scopes();
        // a token that names its scopes must hold api (or full, which includes it); one that names none is tried
        if (!scopes.isEmpty() && !scopes.contains("api") && !scopes.contains("full")) {
            return List.of(new ConfigProblem(
                    SalesforceConfig.CLIENT_ID.name(),
                    "names an app whose OAuth scopes "
                            + "lack api (Manage user data via APIs); the token has only "
                            + String.join(", ", scopes.stream().sorted().toList())
                            + ". Add the api scope to the external client app"
                            + (salesforce.auth() == SalesforceConfig.AuthMode.REFRESH_TOKEN
                                    ? " and authorize it again for a new refresh token"
                                    : "")));
        }
        try {
            SalesforceApi.withLogin(salesforce, login, tuning).lookup(CHECK_QUERY);
        } catch (FatalConnectorException e) {
            return List.of(new ConfigProblem(salesforce.credentialKey(), e.getMessage()));
        }
        return List.of();
    }

    @Override
    public RecordReader openReader(Map<String, String> config, String cursor) {
        SalesforceConfig salesforce = parse(config);
        return new SalesforceReader(
                () -> SalesforceApi.open(salesforce, tuning), salesforce, ReadCursor.decode(cursor), tuning.clock());
    }

    /** Opportunities with their contact roles ({@link OpportunityReader}), incrementally. */
    @Override
    public RecordReader openDealReader(Map<String, String> config, String cursor) {
        SalesforceConfig salesforce = parse(config);
        return new OpportunityReader(
                () -> SalesforceApi.open(salesforce, tuning),
                salesforce.pageSize(),
                SalesforceConfig.DEAL_CURRENCY
                        .valueIn(config)
                        .map(String::strip)
                        .orElse(null),
                cursor,
                tuning.clock());
    }

    @Override
    public RecordWriter openWriter(Map<String, String> config) {
        SalesforceConfig salesforce = parse(config);
        return new SalesforceWriter(() -> SalesforceApi.open(salesforce, tuning), salesforce);
    }

    /** Deals as Opportunities with their contact roles ({@link OpportunityWrites}). */
    @Override
    public DealWriter openDealWriter(Map<String, String> config) {
        SalesforceConfig salesforce = parse(config);
        return new SalesforceDealWriter(() -> SalesforceApi.open(salesforce, tuning), salesforce);
    }

    private static SalesforceConfig parse(Map<String, String> config) {
        try {
            return SalesforceConfig.of(config);
        } catch (IllegalArgumentException e) {
            throw new FatalConnectorException(e.getMessage(), e);
        }
    }
}
