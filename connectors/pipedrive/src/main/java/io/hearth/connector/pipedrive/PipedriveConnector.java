package io.hearth.connector.pipedrive;

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
 * Pipedrive: persons and Leads Inbox leads into Hearth, incrementally, with what Pipedrive deleted or
 * merged, and deals; the fields Hearth owns (temperature, status), touches (as activities) and deals back to it.
 */
public final class PipedriveConnector implements Connector {
    private final Wiring wiring;

    public PipedriveConnector() {
        this(Wiring.PRODUCTION);
    }

    PipedriveConnector(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public String name() {
        return "pipedrive";
    }

    @Override
    public String description() {
        return "Pipedrive CRM: persons, Leads Inbox leads and deals in; temperature, status, touches and deals out";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return PipedriveConfig.KEYS;
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
        return PipedriveConfig.problems(config);
    }

    /** Asks for one person: cheap, and it proves both the token and the permission to see contacts. */
    @Override
    public List<ConfigProblem> checkConnection(Map<String, String> config) {
        List<ConfigProblem> problems = validate(config);
        if (!problems.isEmpty()) {
            return problems;
        }
        CrmHttp http = PipedriveHttp.connect(PipedriveConfig.of(config), wiring);
        CrmResponse response;
        try {
            response = http.send(CrmRequest.get(PersonsPhase.PATH).withQuery(Query.of("limit", "1")));
        } catch (FatalConnectorException refused) {
            return List.of(new ConfigProblem(PipedriveConfig.API_TOKEN.name(), refused.getMessage()));
        }
        try {
            Answers.data(http.json(response));
            return List.of();
        } catch (FatalConnectorException notPipedrive) {
            return List.of(new ConfigProblem(
                    PipedriveConfig.BASE_URL.name(),
                    notPipedrive.getMessage()
                            + "; is base_url Pipedrive's API (" + PipedriveConfig.DEFAULT_BASE_URL
                            + " or https://COMPANY.pipedrive.com)?"));
        }
    }

    @Override
    public RecordReader openReader(Map<String, String> config, String cursor) {
        PipedriveConfig settings = PipedriveConfig.of(config);
        CrmHttp http = PipedriveHttp.connect(settings, wiring);
        PipedriveCursor from = PipedriveCursor.decode(cursor, wiring.clock().instant());
        PersonMapper mapper = new PersonMapper(http, settings);
        GivenPersons given = new GivenPersons();
        return new PipedriveReader(
                List.of(
                        new PersonsPhase(http, settings.pageSize(), mapper, given, from.persons()),
                        new LeadsPhase(http, settings.pageSize(), mapper, given, from.leads()),
                        new DeletionsPhase(http, settings.pageSize(), from.deletions())),
                from);
    }

    /** Pipedrive's deals with their persons and stage names ({@link DealList}). */
    @Override
    public RecordReader openDealReader(Map<String, String> config, String cursor) {
        PipedriveConfig settings = PipedriveConfig.of(config);
        return new DealList(PipedriveHttp.connect(settings, wiring), settings.pageSize(), cursor);
    }

    /** Deals created or updated one at a time ({@link PipedriveDealWriter}). */
    @Override
    public DealWriter openDealWriter(Map<String, String> config) {
        PipedriveConfig settings = PipedriveConfig.of(config);
        return new PipedriveDealWriter(PipedriveHttp.connect(settings, wiring), settings);
    }

    @Override
    public RecordWriter openWriter(Map<String, String> config) {
        PipedriveConfig settings = PipedriveConfig.of(config);
        CrmHttp http = PipedriveHttp.connect(settings, wiring);
        return new PipedriveWriter(new PersonWriter(http, settings), new TouchWriter(http));
    }
}
