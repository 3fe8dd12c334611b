package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.WriteResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes deals as Opportunities with sObject Collections, {@value SalesforceApi#MAX_COLLECTION} a call,
 * each with its own result; the mapping is {@link OpportunityReader}'s the other way round, so what is
 * written reads back as the same deal:
 * <ol>
 *   <li>a deal with an Opportunity id is updated by it, with the fields it has; its current StageName is
 *       read first (one query per {@value #IDS_PER_LOOKUP}), and kept when Hearth already reads it as the
 *       deal's stage; a deal left with nothing to send is answered written without an update;
 *   <li>a deal without one is created, with its Name, StageName and CloseDate (Salesforce requires the
 *       three, so a deal lacking one fails alone), then its contact becomes the primary contact role, which
 *       is how the reader finds a deal's contact. With {@code deal_id_field}, the deal's Hearth id is kept
 *       in that field and looked up first, so a create retried after a lost answer finds its Opportunity.
 *       Without it, the create is still never resent by the HTTP layer once it may have arrived.
 * </ol>
 */
final class OpportunityWrites {
    /** Ids per lookup query, far below SOQL's 100,000 characters. */
    static final int IDS_PER_LOOKUP = 100;

    private static final String OPPORTUNITY_PREFIX = "006";
    private static final String CONTACT_PREFIX = "003";
    private static final String LEAD_PREFIX = "00Q";

    private final SalesforceApi api;
    private final StageValues stages;
    private final String dealIdField;
    private final String dealCurrency;

    /**
     * @param dealIdField  the Opportunity field keeping the Hearth id, or null for none
     * @param dealCurrency the org's only currency, or null when Opportunities carry CurrencyIsoCode
     */
    OpportunityWrites(SalesforceApi api, StageValues stages, String dealIdField, String dealCurrency) {
        this.api = requireNonNull(api, "api is null");
        this.stages = requireNonNull(stages, "stages is null");
        this.dealIdField = dealIdField;
        this.dealCurrency = dealCurrency;
    }

    /** A deal's record to send, and whose it is. */
    private record Pending(int index, ObjectNode record) {}

    List<WriteResult> write(List<OutgoingDeal> deals) {
        WriteResult[] results = new WriteResult[deals.size()];
        Map<Integer, String> ids = new LinkedHashMap<>();
        List<Integer> toCreate = new ArrayList<>();
        for (int i = 0; i < deals.size(); i++) {
            OutgoingDeal deal = deals.get(i);
            String id = deal.externalId();
            if (id == null) {
                toCreate.add(i);
            } else if (!isId(id, OPPORTUNITY_PREFIX)) {
                results[i] = WriteResult.failed(deal.hearthId(), "'" + clip(id) + "' is not an Opportunity id");
            } else {
                ids.put(i, id);
            }
        }
        if (dealIdField != null && !toCreate.isEmpty()) {
            // created by an earlier attempt whose answer was lost: updated instead, never created twice
            Map<String, String> earlier = byHearthId(
                    toCreate.stream().map(i -> deals.get(i).hearthId()).toList());
            toCreate.removeIf(i -> {
                String id = earlier.get(deals.get(i).hearthId());
                if (id != null) {
                    ids.put(i, id);
                }
                return id != null;
            });
        }
        Map<String, String> stageNames = stageNames(List.copyOf(new HashSet<>(ids.values())));
        Map<String, String> owners = owners(deals);
        List<Pending> updates = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        ids.forEach((index, id) -> {
            OutgoingDeal deal = deals.get(index);
            if (!stageNames.containsKey(id)) {
                results[index] = WriteResult.failed(
                        deal.hearthId(), "Salesforce has no Opportunity " + id + " (deleted in Salesforce?)");
            } else {
                try {
                    contactId(deal);
                    ObjectNode record = record(deal, id, stageNames.get(id), owners);
                    if (!claimed.add(id)) {
                        // one record twice in one call is refused by Salesforce, and one of the two would be lost
                        throw new Refused("Opportunity " + id + " is also another deal of this write; merge the two in"
                                + " Hearth");
                    }
                    if (record.size() > 2) {
                        updates.add(new Pending(index, record));
                    } else {
                        // nothing to change (its StageName kept, a reason Salesforce cannot hold): not sent, since
                        // an update changes SystemModstamp and the next read would bring it back, every run
                        results[index] = WriteResult.written(deal.hearthId(), id);
                    }
                } catch (Refused refused) {
                    results[index] = WriteResult.failed(deal.hearthId(), refused.getMessage());
                }
            }
        });
        for (List<Pending> chunk : PersonWrites.chunks(updates)) {
            List<JsonNode> answers =
                    api.update(chunk.stream().map(Pending::record).toList());
            for (int k = 0; k < chunk.size(); k++) {
                int index = chunk.get(k).index();
                String id = chunk.get(k).record().path("Id").asText();
                RecordResult result = RecordResult.of(answers.get(k));
                results[index] = result.success()
                        ? WriteResult.written(deals.get(index).hearthId(), id)
                        : WriteResult.failed(
                                deals.get(index).hearthId(),
                                "Salesforce refused Opportunity " + id + ": " + result.errors());
            }
        }
        create(deals, toCreate, owners, results);
        addContactRoles(deals, results);
        return List.of(results);
    }

    private void create(
            List<OutgoingDeal> deals, List<Integer> indexes, Map<String, String> owners, WriteResult[] results) {
        List<Pending> creates = new ArrayList<>();
        for (int index : indexes) {
            OutgoingDeal deal = deals.get(index);
            try {
                contactId(deal)
                        .orElseThrow(() -> new Refused(
                                "its contact is not in Salesforce yet (no Contact id); write the contact first"));
                ObjectNode record = record(deal, null, null, owners);
                for (String[] required : new String[][] {
                    {"Name", "a title"}, {"StageName", "a stage"}, {"CloseDate", "an expected close date"}
                }) {
                    if (!record.hasNonNull(required[0])) {
                        throw new Refused("a new Opportunity needs " + required[1] + " (" + required[0]
                                + ", which Salesforce requires), and this deal has none");
                    }
                }
                if (dealIdField != null) {
                    record.put(dealIdField, deal.hearthId());
                }
                creates.add(new Pending(index, record));
            } catch (Refused refused) {
                results[index] = WriteResult.failed(deal.hearthId(), refused.getMessage());
            }
        }
        for (List<Pending> chunk : PersonWrites.chunks(creates)) {
            List<JsonNode> answers =
                    api.create(chunk.stream().map(Pending::record).toList());
            for (int k = 0; k < chunk.size(); k++) {
                int index = chunk.get(k).index();
                RecordResult result = RecordResult.of(answers.get(k));
                results[index] = result.success() && result.id() != null
                        ? WriteResult.written(deals.get(index).hearthId(), result.id())
                        : WriteResult.failed(
                                deals.get(index).hearthId(),
                                "Salesforce refused the new Opportunity: " + result.errors());
            }
        }
    }

    /**
     * Gives each written deal's Opportunity its contact as a contact role when it has none for that Contact,
     * primary when the Opportunity has no primary contact yet. A role Salesforce refuses leaves the deal
     * written (the Opportunity is there, and Hearth must keep its id); the deal's next write tries again.
     */
    private void addContactRoles(List<OutgoingDeal> deals, WriteResult[] results) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < deals.size(); i++) {
            // written deals only, whose contact id was checked
            String contact = deals.get(i).contactExternalId();
            if (results[i].ok() && contact != null) {
                wanted.putIfAbsent(results[i].externalId(), contact);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Set<String> present = new HashSet<>();
        Set<String> withPrimary = new HashSet<>();
        List<String> opportunities = List.copyOf(wanted.keySet());
        for (List<String> some : slices(opportunities)) {
            String soql =
                    "SELECT OpportunityId, ContactId, IsPrimary FROM OpportunityContactRole WHERE OpportunityId IN "
                            + Soql.inList(some);
            for (JsonNode role : api.lookup(soql)) {
                String opportunity = role.path("OpportunityId").asText();
                present.add(opportunity + "|" + role.path("ContactId").asText());
                if (role.path("IsPrimary").asBoolean(false)) {
                    withPrimary.add(opportunity);
                }
            }
        }
        List<ObjectNode> roles = new ArrayList<>();
        wanted.forEach((opportunity, contact) -> {
            if (!present.contains(opportunity + "|" + contact)) {
                ObjectNode role = JsonNodeFactory.instance.objectNode();
                role.putObject("attributes").put("type", "OpportunityContactRole");
                role.put("OpportunityId", opportunity)
                        .put("ContactId", contact)
                        .put("IsPrimary", !withPrimary.contains(opportunity));
                roles.add(role);
            }
        });
        for (List<ObjectNode> chunk : PersonWrites.chunks(roles)) {
            api.create(chunk);
        }
    }

    /**
     * The Opportunity's fields for the deal. {@code id} and {@code stageName} are the Opportunity's and its
     * current StageName, both null for a new one.
     */
    private ObjectNode record(OutgoingDeal deal, String id, String stageName, Map<String, String> owners)
            throws Refused {
        Map<String, String> fields = deal.fields();
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.putObject("attributes").put("type", OpportunityReader.OBJECT);
        if (id != null) {
            record.put("Id", id);
        }
        given(fields, DealFields.TITLE).ifPresent(title -> record.put("Name", clip(title, 120)));
        Optional<String> amount = given(fields, DealFields.AMOUNT);
        if (amount.isPresent()) {
            try {
                record.put("Amount", new BigDecimal(amount.get()));
            } catch (NumberFormatException e) {
                throw new Refused("its amount '" + clip(amount.get()) + "' is not a number");
            }
        }
        Optional<String> currency = given(fields, DealFields.CURRENCY).map(code -> code.toUpperCase(Locale.ROOT));
        if (currency.isPresent() && dealCurrency == null) {
            record.put("CurrencyIsoCode", currency.get());
        } else if (currency.isPresent() && !currency.get().equals(dealCurrency)) {
            throw new Refused("its amount is in " + currency.get() + ", and the org keeps amounts in " + dealCurrency
                    + " only (deal_currency)");
        }
        Optional<String> close = given(fields, DealFields.CLOSE_DATE);
        if (close.isPresent()) {
            try {
                record.put("CloseDate", LocalDate.parse(close.get()).toString());
            } catch (DateTimeParseException e) {
                throw new Refused("its close date '" + clip(close.get()) + "' is not an ISO date");
            }
        }
        given(fields, DealFields.OWNER)
                .map(owner -> isId(owner, "005") ? owner : owners.get(owner.toLowerCase(Locale.ROOT)))
                .ifPresent(owner -> record.put("OwnerId", owner));
        Optional<String> stage = stage(fields);
        boolean kept = stage.isPresent()
                && stageName != null
                && stages.toHearth(stageName).equals(stage);
        if (stage.isPresent() && !kept) {
            String hearthStage = stage.get();
            record.put(
                    "StageName",
                    stages.toSalesforce(hearthStage)
                            .orElseThrow(() -> new Refused(
                                    "no StageName stands for Hearth's stage '" + clip(hearthStage) + "'; add "
                                            + hearthStage + "=<StageName> to the connection's stage_values")));
        }
        return record;
    }

    /** Hearth's stage to write: the closing one of a won or lost deal, else the stage it has. */
    private static Optional<String> stage(Map<String, String> fields) throws Refused {
        String outcome = given(fields, DealFields.OUTCOME)
                .map(o -> o.toLowerCase(Locale.ROOT))
                .orElse("");
        return switch (outcome) {
            case "won" -> Optional.of("closed_won");
            case "lost" -> Optional.of("closed_lost");
            case "", "open" -> given(fields, DealFields.STAGE);
            default -> throw new Refused("its outcome '" + clip(outcome) + "' is not open, won or lost");
        };
    }

    /** The current StageName of these Opportunities, by id; a deleted one is absent. */
    private Map<String, String> stageNames(List<String> ids) {
        Map<String, String> names = new HashMap<>();
        for (List<String> some : slices(ids)) {
            String soql = "SELECT Id, StageName FROM " + OpportunityReader.OBJECT + " WHERE Id IN " + Soql.inList(some);
            for (JsonNode opportunity : api.lookup(soql)) {
                names.put(
                        opportunity.path("Id").asText(),
                        opportunity.path("StageName").asText(""));
            }
        }
        return names;
    }

    /** The Opportunities already keeping these Hearth ids in {@code deal_id_field}, by Hearth id. */
    private Map<String, String> byHearthId(List<String> hearthIds) {
        Map<String, String> found = new HashMap<>();
        for (List<String> some : slices(hearthIds)) {
            String soql = "SELECT Id, " + dealIdField + " FROM " + OpportunityReader.OBJECT + " WHERE " + dealIdField
                    + " IN " + Soql.inList(some);
            for (JsonNode opportunity : api.lookup(soql)) {
                String id = opportunity.path("Id").asText("");
                if (Soql.isId(id)) {
                    found.putIfAbsent(opportunity.path(dealIdField).asText(""), id);
                }
            }
        }
        return found;
    }

    /** The active users whose emails the deals give as owners, by lower-case email. */
    private Map<String, String> owners(List<OutgoingDeal> deals) {
        List<String> emails = deals.stream()
                .map(deal -> given(deal.fields(), DealFields.OWNER).orElse(""))
                .filter(owner -> owner.contains("@"))
                .map(owner -> owner.toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        Map<String, String> users = new HashMap<>();
        for (List<String> some : slices(emails)) {
            String soql = "SELECT Id, Email FROM User WHERE IsActive = true AND Email IN " + Soql.inList(some);
            for (JsonNode user : api.lookup(soql)) {
                String id = user.path("Id").asText("");
                if (Soql.isId(id)) {
                    users.putIfAbsent(user.path("Email").asText("").toLowerCase(Locale.ROOT), id);
                }
            }
        }
        return users;
    }

    /** The deal's contact as a Contact id; a Lead cannot be an Opportunity's contact. */
    private static Optional<String> contactId(OutgoingDeal deal) throws Refused {
        String contact = deal.contactExternalId();
        if (contact == null) {
            return Optional.empty();
        }
        if (isId(contact, LEAD_PREFIX)) {
            throw new Refused("its contact is the Salesforce Lead " + contact + ", and an Opportunity's contact "
                    + "must be a Contact: convert the Lead in Salesforce");
        }
        if (!isId(contact, CONTACT_PREFIX)) {
            throw new Refused("its contact's id '" + clip(contact) + "' is not a Salesforce Contact id");
        }
        return Optional.of(contact);
    }

    private static List<List<String>> slices(List<String> values) {
        List<List<String>> slices = new ArrayList<>();
        for (int from = 0; from < values.size(); from += IDS_PER_LOOKUP) {
            slices.add(values.subList(from, Math.min(values.size(), from + IDS_PER_LOOKUP)));
        }
        return slices;
    }

    private static boolean isId(String id, String prefix) {
        return Soql.isId(id) && id.startsWith(prefix);
    }

    private static Optional<String> given(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String clip(String text) {
        return clip(text, 40);
    }

    private static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    /** Why one deal cannot be written; the others are. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
