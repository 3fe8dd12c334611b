package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.spi.WriteResult;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.dedup.PersonMatchStore;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityFields;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageSize;
import io.hearth.core.sync.ConnectorRegistry;
import io.hearth.core.sync.ExportResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the leads or the contacts a filter selects through a connector, page by page, so memory
 * stays flat. Both kinds come out in the same columns, so either file imports back as no change.
 */
public final class PeopleExporter {
    private static final int MAX_ERRORS = 100;

    private final ConnectorRegistry connectors;
    private final Leads leads;
    private final Contacts contacts;
    private final Opportunities opportunities;
    private final PersonMatchStore people;

    /**
     * @param opportunities lists the deals an export selects, as ListOpportunities does for the caller
     * @param people finds the deals' contacts, a page at a time, for their e-mail
     */
    public PeopleExporter(
            ConnectorRegistry connectors,
            Leads leads,
            Contacts contacts,
            Opportunities opportunities,
            PersonMatchStore people) {
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.leads = requireNonNull(leads, "leads is null");
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.opportunities = requireNonNull(opportunities, "opportunities is null");
        this.people = requireNonNull(people, "people is null");
    }

    /**
     * Refuses the config of an export the server streams back to the caller: it writes the file
     * itself and gives the connector its path, so the caller's config leaves the path out.
     *
     * @param field the request field of the config, e.g. {@code config}
     */
    public static void requireNoPath(Map<String, String> config, String field) {
        if (config.containsKey("path")) {
            throw InvalidArgumentException.of(field + ".path", "the server streams the file back; leave path out");
        }
    }

    /** @param filter the same filter syntax as ListLeads; blank for every active lead */
    public ExportResult exportLeads(String connectorName, Map<String, String> config, String filter) {
        return export(connectorName, config, token -> {
            Page<Lead> page = leads.list(filter, "create_time", false, PageSize.MAXIMUM, token);
            return new Page<>(
                    page.items().stream().map(PeopleExporter::outgoing).toList(), page.nextPageToken());
        });
    }

    /** @param filter the same filter syntax as ListContacts; blank for every active contact */
    public ExportResult exportContacts(String connectorName, Map<String, String> config, String filter) {
        return export(connectorName, config, token -> {
            Page<Contact> page = contacts.list(filter, false, PageSize.MAXIMUM, token);
            return new Page<>(
                    page.items().stream().map(PeopleExporter::outgoing).toList(), page.nextPageToken());
        });
    }

    /**
     * Writes the deals a filter selects (the caller's to see, archived ones left out) through a
     * connector that writes deals, in the columns the deal import maps back by itself: the deal's
     * Hearth name, title, contact (Hearth name and e-mail), stage, amount and currency, expected close
     * date, owner, outcome, reason and lead source. Imported again (records=deals) it changes nothing.
     *
     * <p>An export writes a file, so a connector that reads and writes no files (a CRM: it claims no
     * file extension) is refused, naming the connection that writes a CRM's deals: handed deals without
     * the CRM's ids, it could only refuse each one.
     *
     * @param filter the same filter syntax as ListOpportunities; blank for every deal
     * @throws InvalidArgumentException on {@code connector} for a connector that writes no files
     */
    public ExportResult exportOpportunities(String connectorName, Map<String, String> config, String filter) {
        Connector connector = connectors.get(connectorName);
        if (connector.fileExtensions().isEmpty()) {
            throw InvalidArgumentException.of(
                    "connector",
                    "an export writes a file, and " + connector.name() + " writes no files; export deals with csv or"
                            + " xlsx, and write them to " + connector.name() + " with a connection that syncs deals"
                            + " and writes (--direction both --set records=people,deals), whose write-back"
                            + " knows each contact's id there");
        }
        requireWrites(connector, config, Capability.WRITE_DEALS, "deals");
        Page<OutgoingDeal> page = deals(filter, "");
        long written = 0;
        long failed = 0;
        List<String> errors = new ArrayList<>();
        try (DealWriter writer = connector.openDealWriter(config)) {
            while (true) {
                for (WriteResult result : writer.write(page.items())) {
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
                page = deals(filter, page.nextPageToken().get());
            }
        }
        return new ExportResult(written, failed, errors);
    }

    private Page<OutgoingDeal> deals(String filter, String token) {
        Page<Opportunity> page = opportunities.list(filter, null, null, false, "create_time", PageSize.MAXIMUM, token);
        Map<ContactId, Contact> contactsById = new HashMap<>();
        List<ContactId> ids =
                page.items().stream().map(Opportunity::contact).distinct().toList();
        people.contactsWithIds(ids).forEach(c -> contactsById.put(c.id(), c));
        return new Page<>(
                page.items().stream()
                        .map(o -> outgoing(o, contactsById.get(o.contact())))
                        .toList(),
                page.nextPageToken());
    }

    static OutgoingDeal outgoing(Opportunity deal, Contact contact) {
        Map<String, String> fields = new LinkedHashMap<>();
        OpportunityFields f = deal.fields();
        put(fields, DealFields.TITLE, f.title());
        put(fields, DealFields.CONTACT, deal.contact().name());
        put(
                fields,
                DealFields.CONTACT_EMAIL,
                contact == null ? null : contact.fields().email());
        put(fields, DealFields.STAGE, deal.stage());
        put(fields, DealFields.AMOUNT, f.amount().amount().toPlainString());
        put(fields, DealFields.CURRENCY, f.amount().currency());
        put(fields, DealFields.CLOSE_DATE, f.expectedCloseDate().toString());
        put(fields, DealFields.OWNER, f.owner());
        put(fields, DealFields.OUTCOME, deal.outcome().name().toLowerCase(Locale.ROOT));
        put(fields, DealFields.REASON, deal.closeReason());
        put(
                fields,
                DealFields.LEAD_SOURCE,
                deal.source().leadSource() == null
                        ? null
                        : deal.source().leadSource().name());
        return new OutgoingDeal(deal.id().name(), null, null, fields);
    }

    /** Refuses the connector unless it may write {@code what} with this config. */
    private static void requireWrites(Connector connector, Map<String, String> config, Capability needed, String what) {
        if (!connector.capabilities().contains(needed)) {
            throw new FailedPreconditionException(
                    ErrorReason.CONNECTOR_CANNOT_WRITE, "connector " + connector.name() + " cannot write " + what);
        }
        List<ConfigProblem> problems = connector.validate(config);
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException(problems.stream()
                    .map(p -> new FieldViolation("config." + p.key(), p.message()))
                    .toList());
        }
    }

    /** @param pages the page after a page token ("" for the first), as people to write */
    private ExportResult export(
            String connectorName, Map<String, String> config, Function<String, Page<OutgoingPerson>> pages) {
        Connector connector = connectors.get(connectorName);
        if (!connector.capabilities().contains(Capability.WRITE)) {
            throw new FailedPreconditionException(
                    ErrorReason.CONNECTOR_CANNOT_WRITE,
                    "connector " + connector.name() + " cannot write; it only reads");
        }
        List<ConfigProblem> problems = connector.validate(config);
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException(problems.stream()
                    .map(p -> new FieldViolation("config." + p.key(), p.message()))
                    .toList());
        }
        // the filter is checked before the destination is touched
        Page<OutgoingPerson> page = pages.apply("");
        long written = 0;
        long failed = 0;
        List<String> errors = new ArrayList<>();
        try (RecordWriter writer = connector.openWriter(config)) {
            while (true) {
                for (WriteResult result : writer.write(page.items())) {
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
                page = pages.apply(page.nextPageToken().get());
            }
        }
        return new ExportResult(written, failed, errors);
    }

    static OutgoingPerson outgoing(Lead lead) {
        LeadFields f = lead.fields();
        Map<String, String> fields = personFields(
                f.givenName(),
                f.familyName(),
                f.company(),
                f.title(),
                f.email(),
                f.phone(),
                f.source(),
                f.owner(),
                f.notes(),
                f.tags());
        put(fields, StandardFields.STATUS, f.status().name());
        return new OutgoingPerson(lead.id().name(), fields);
    }

    static OutgoingPerson outgoing(Contact contact) {
        ContactFields f = contact.fields();
        Map<String, String> fields = personFields(
                f.givenName(),
                f.familyName(),
                f.company(),
                f.title(),
                f.email(),
                f.phone(),
                f.source(),
                f.owner(),
                f.notes(),
                f.tags());
        put(
                fields,
                StandardFields.KIND,
                f.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return new OutgoingPerson(contact.id().name(), fields);
    }

    /** What leads and contacts share, under the standard field names. */
    private static Map<String, String> personFields(
            String givenName,
            String familyName,
            String company,
            String title,
            String email,
            String phone,
            LeadSource source,
            String owner,
            String notes,
            List<String> tags) {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, StandardFields.GIVEN_NAME, givenName);
        put(fields, StandardFields.FAMILY_NAME, familyName);
        put(fields, StandardFields.COMPANY, company);
        put(fields, StandardFields.TITLE, title);
        put(fields, StandardFields.EMAIL, email);
        put(fields, StandardFields.PHONE, phone);
        put(fields, StandardFields.SOURCE, source == null ? null : source.name());
        put(fields, StandardFields.OWNER, owner);
        put(fields, StandardFields.NOTES, notes);
        put(fields, StandardFields.TAGS, tags.isEmpty() ? null : String.join(",", tags));
        return fields;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
