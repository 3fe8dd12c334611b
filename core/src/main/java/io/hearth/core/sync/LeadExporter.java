package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.spi.WriteResult;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.Leads;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the leads a filter selects through a connector, page by page, so memory stays flat. */
public final class LeadExporter {
    private static final int MAX_ERRORS = 100;

    private final ConnectorRegistry connectors;
    private final Leads leads;

    public LeadExporter(ConnectorRegistry connectors, Leads leads) {
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.leads = requireNonNull(leads, "leads is null");
    }

    /** @param filter the same filter syntax as ListLeads; blank for every active lead */
    public ExportResult export(String connectorName, Map<String, String> config, String filter) {
        Connector connector = connectors.get(connectorName);
        if (!connector.capabilities().contains(Capability.WRITE)) {
            throw new FailedPreconditionException("CONNECTOR_CANNOT_WRITE",
                    "connector " + connector.name() + " cannot write; it only reads");
        }
        List<ConfigProblem> problems = connector.validate(config);
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException(problems.stream()
                    .map(p -> new FieldViolation("config." + p.key(), p.message())).toList());
        }
        // the filter is checked before the destination is touched
        Page<Lead> page = leads.list(filter, "create_time", false, PageSize.MAXIMUM, "");
        long written = 0;
        long failed = 0;
        List<String> errors = new ArrayList<>();
        try (RecordWriter writer = connector.openWriter(config)) {
            while (true) {
                List<OutgoingPerson> people = page.items().stream().map(LeadExporter::outgoing).toList();
                for (WriteResult result : writer.write(people)) {
                    if (result.ok()) {
                        written++;
                    } else {
                        failed++;
                        if (errors.size() < MAX_ERRORS) {
                            errors.add(result.hearthId() + ": " + result.error());
                        }
                    }
                }
                if (page.nextPageToken().isEmpty()) {
                    break;
                }
                page = leads.list(filter, "create_time", false, PageSize.MAXIMUM, page.nextPageToken().get());
            }
        }
        return new ExportResult(written, failed, errors);
    }

    static OutgoingPerson outgoing(Lead lead) {
        LeadFields f = lead.fields();
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, StandardFields.GIVEN_NAME, f.givenName());
        put(fields, StandardFields.FAMILY_NAME, f.familyName());
        put(fields, StandardFields.COMPANY, f.company());
        put(fields, StandardFields.TITLE, f.title());
        put(fields, StandardFields.EMAIL, f.email());
        put(fields, StandardFields.PHONE, f.phone());
        put(fields, StandardFields.SOURCE, f.source().name());
        put(fields, StandardFields.STATUS, f.status().name());
        put(fields, StandardFields.OWNER, f.owner());
        put(fields, StandardFields.NOTES, f.notes());
        put(fields, StandardFields.TAGS, f.tags().isEmpty() ? null : String.join(",", f.tags()));
        return new OutgoingPerson(lead.id().name(), fields);
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
