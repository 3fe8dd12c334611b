package io.hearth.connector.hubspot;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.CrmRequest;
import io.hearth.connector.crm.http.CrmResponse;
import io.hearth.connector.crm.http.Query;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RecordWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HubSpot contacts, both ways: reads contacts changed (and deleted or merged) since the last run,
 * writes back the fields Hearth owns and logs touches as activities; deals both ways too. Authenticates as a private app
 * with its access token. See this module's README for the scopes, the field mapping and the cursor.
 */
public final class HubSpotConnector implements Connector {
    private final HubSpotRuntime runtime;

    /** The connector as the server loads it. */
    public HubSpotConnector() {
        this(HubSpotRuntime.SYSTEM);
    }

    HubSpotConnector(HubSpotRuntime runtime) {
        this.runtime = requireNonNull(runtime, "runtime is null");
    }

    @Override
    public String name() {
        return "hubspot";
    }

    @Override
    public String description() {
        return "HubSpot CRM contacts and deals: incremental reads, temperature and status written back, touches as"
                + " activities, deals created and updated";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return HubSpotConfig.KEYS;
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
        return HubSpotConfig.problems(config);
    }

    /**
     * Lists one contact ({@code GET /crm/v3/objects/contacts?limit=1}): the cheapest call that needs
     * the token and the {@code crm.objects.contacts.read} scope. A refused token or a missing scope is
     * a problem of {@code access_token}; an answer that is not HubSpot's, one of {@code base_url}.
     */
    @Override
    public List<ConfigProblem> checkConnection(Map<String, String> config) {
        List<ConfigProblem> problems = validate(config);
        if (!problems.isEmpty()) {
            return problems;
        }
        CrmHttp http = runtime.httpForCheck(HubSpotConfig.of(config));
        CrmRequest request = CrmRequest.get(DeletedContacts.PATH).withQuery(Query.of("limit", "1"));
        CrmResponse response;
        try {
            response = http.send(request);
        } catch (FatalConnectorException refused) {
            // send fails only on a refused token or scope (401, 403) and on an oversized answer
            return List.of(new ConfigProblem(HubSpotConfig.ACCESS_TOKEN.name(), refused.getMessage()));
        }
        if (!response.isSuccess()
                || response.jsonIfAny()
                        .filter(body -> body.path("results").isArray())
                        .isEmpty()) {
            return List.of(new ConfigProblem(
                    HubSpotConfig.BASE_URL.name(),
                    "does not answer as HubSpot's API: " + request.describe() + " answered " + response.status() + " ("
                            + response.excerpt() + ")"));
        }
        return List.of();
    }

    @Override
    public RecordReader openReader(Map<String, String> config, String cursor) {
        HubSpotConfig hubspot = checked(config);
        CrmHttp http = runtime.http(hubspot);
        ContactFields fields = new ContactFields(hubspot);
        long until = Math.max(
                0, runtime.clock().millis() - runtime.searchIndexDelay().toMillis());
        ContactCursor start = cursor == null ? ContactCursor.first(until) : ContactCursor.decode(cursor);
        return new HubSpotReader(
                new ContactSearch(http, fields.propertiesToRead(), hubspot.pageSize()),
                new DeletedContacts(http),
                fields,
                hubspot.readDeletions(),
                start,
                until);
    }

    /** HubSpot's deals with their contacts ({@link DealList}); needs the {@code crm.objects.deals.read} scope. */
    @Override
    public RecordReader openDealReader(Map<String, String> config, String cursor) {
        HubSpotConfig hubspot = checked(config);
        return new DealList(
                runtime.http(hubspot),
                HubSpotConfig.DEAL_CURRENCY.valueIn(config).map(String::strip).orElse(null),
                cursor);
    }

    @Override
    public RecordWriter openWriter(Map<String, String> config) {
        HubSpotConfig hubspot = checked(config);
        CrmHttp http = runtime.http(hubspot);
        return new HubSpotWriter(new ContactWriter(http, new ContactFields(hubspot)), new TouchWriter(http));
    }

    /**
     * HubSpot's deals, created by an upsert on {@code deal_id_property} and updated by id
     * ({@link HubSpotDealWriter}); needs the {@code crm.objects.deals.write} scope.
     */
    @Override
    public DealWriter openDealWriter(Map<String, String> config) {
        HubSpotConfig hubspot = checked(config);
        return new HubSpotDealWriter(
                runtime.http(hubspot),
                HubSpotConfig.DEAL_ID_PROPERTY.valueIn(config).orElseThrow().strip(),
                HubSpotConfig.DEAL_PIPELINE.valueIn(config).orElseThrow().strip(),
                HubSpotConfig.dealStages(config),
                HubSpotConfig.DEAL_CURRENCY.valueIn(config).map(String::strip).orElse(null));
    }

    private static HubSpotConfig checked(Map<String, String> config) {
        List<ConfigProblem> problems = HubSpotConfig.problems(config);
        if (!problems.isEmpty()) {
            throw new FatalConnectorException("the HubSpot connection's config has problems: "
                    + String.join(
                            "; ",
                            problems.stream()
                                    .map(p -> p.key() + " " + p.message())
                                    .toList()));
        }
        return HubSpotConfig.of(config);
    }
}
