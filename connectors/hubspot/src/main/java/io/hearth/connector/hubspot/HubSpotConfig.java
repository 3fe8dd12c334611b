package io.hearth.connector.hubspot;

import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.ConfigType;
import io.hearth.connector.spi.StandardFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The connector's config keys and their values, checked. Built only from a config that
 * {@link #problems} found fine, so every accessor returns a usable value.
 */
record HubSpotConfig(
        String accessToken,
        String baseUrl,
        int pageSize,
        Set<String> hearthOwnedFields,
        String temperatureProperty,
        String statusProperty,
        Set<String> contactStages,
        Set<String> leadStages,
        boolean readDeletions) {
    /** HubSpot's public API; tests and proxies point elsewhere. */
    static final String PUBLIC_API = "https://api.hubapi.com";
    /** The most contacts one CRM search page returns. */
    static final int MAX_SEARCH_PAGE = 200;

    /**
     * The Hearth fields a write may send to HubSpot. Not the owner (HubSpot's is an owner id, Hearth's a
     * rep) and not the stage (HubSpot moves its life-cycle stage forward only, by its own rules).
     */
    static final List<String> WRITABLE_FIELDS = List.of(
            StandardFields.GIVEN_NAME,
            StandardFields.FAMILY_NAME,
            StandardFields.EMAIL,
            StandardFields.PHONE,
            StandardFields.COMPANY,
            StandardFields.TITLE,
            StandardFields.STATUS,
            StandardFields.TEMPERATURE);

    static final ConfigKey ACCESS_TOKEN = ConfigKey.secret(
            "access_token",
            "the access token of a HubSpot private app (Settings > Integrations > Private Apps), pat-...");
    static final ConfigKey BASE_URL = ConfigKey.optional(
            "base_url",
            ConfigType.STRING,
            PUBLIC_API,
            "HubSpot's API address; change it only for a proxy or a test fake");
    static final ConfigKey PAGE_SIZE = ConfigKey.optional(
            "page_size",
            ConfigType.INTEGER,
            Integer.toString(MAX_SEARCH_PAGE),
            "contacts per search page, 1 to " + MAX_SEARCH_PAGE);
    static final ConfigKey HEARTH_OWNED_FIELDS = ConfigKey.optional(
            "hearth_owned_fields",
            ConfigType.STRING,
            StandardFields.TEMPERATURE + "," + StandardFields.STATUS,
            "comma-separated Hearth fields Hearth owns: written to HubSpot and never taken from it; HubSpot owns "
                    + "the others. Any of " + String.join(", ", WRITABLE_FIELDS));
    static final ConfigKey TEMPERATURE_PROPERTY = ConfigKey.optional(
            "temperature_property",
            ConfigType.STRING,
            "hearth_temperature",
            "the contact property Hearth writes its temperature into (hot, warm, cool, cold)");
    static final ConfigKey STATUS_PROPERTY = ConfigKey.optional(
            "status_property",
            ConfigType.STRING,
            "hearth_status",
            "the contact property Hearth writes a lead's status into (NEW, CONTACTED, QUALIFIED, "
                    + "UNQUALIFIED, CONVERTED)");
    static final ConfigKey CONTACT_STAGES = ConfigKey.optional(
            "contact_stages",
            ConfigType.STRING,
            "customer,opportunity,evangelist",
            "comma-separated lifecyclestage values that make a person a contact in Hearth");
    static final ConfigKey LEAD_STAGES = ConfigKey.optional(
            "lead_stages",
            ConfigType.STRING,
            "subscriber,lead,marketingqualifiedlead,salesqualifiedlead",
            "comma-separated lifecyclestage values that make a person a lead in Hearth; other stages say neither");
    static final ConfigKey READ_DELETIONS = ConfigKey.optional(
            "read_deletions",
            ConfigType.BOOLEAN,
            "true",
            "whether each run also lists HubSpot's deleted contacts (its recycle bin, kept 90 days) so that Hearth "
                    + "archives them");

    static final ConfigKey DEAL_CURRENCY = ConfigKey.optional(
            "deal_currency",
            ConfigType.STRING,
            null,
            "the account's currency (ISO 4217, e.g. USD), for deals without deal_currency_code (accounts with one"
                    + " currency); a deal without either is rejected when read");
    /** Hearth's stages to the stages of HubSpot's default pipeline, the reverse of how a read maps them. */
    static final String DEFAULT_DEAL_STAGES = "qualification=appointmentscheduled,needs_analysis=presentationscheduled,"
            + "proposal=decisionmakerboughtin,negotiation=contractsent,closed_won=closedwon,closed_lost=closedlost";

    static final ConfigKey DEAL_ID_PROPERTY = ConfigKey.optional(
            "deal_id_property",
            ConfigType.STRING,
            "hearth_deal_id",
            "the deal property, with unique values, that Hearth writes its deal's id into: a deal is created by an "
                    + "upsert on it, so a retried create finds the deal it made. Create it in HubSpot before writing"
                    + " deals");
    static final ConfigKey DEAL_PIPELINE = ConfigKey.optional(
            "deal_pipeline", ConfigType.STRING, "default", "the pipeline (its id) the deals Hearth creates go in");
    static final ConfigKey DEAL_STAGES = ConfigKey.optional(
            "deal_stages",
            ConfigType.STRING,
            DEFAULT_DEAL_STAGES,
            "comma-separated <hearth stage>=<dealstage id>: the HubSpot stage a deal in each Hearth stage is written"
                    + " with; a deal in a stage not listed is not written");

    static final List<ConfigKey> KEYS = List.of(
            ACCESS_TOKEN,
            BASE_URL,
            PAGE_SIZE,
            HEARTH_OWNED_FIELDS,
            TEMPERATURE_PROPERTY,
            STATUS_PROPERTY,
            CONTACT_STAGES,
            LEAD_STAGES,
            READ_DELETIONS,
            DEAL_CURRENCY,
            DEAL_ID_PROPERTY,
            DEAL_PIPELINE,
            DEAL_STAGES);

    // HubSpot's internal property names: lower-case letters, digits and underscores
    private static final Pattern PROPERTY_NAME = Pattern.compile("[a-z][a-z0-9_]{0,99}");
    private static final Pattern STAGE = Pattern.compile("[a-z0-9_]{1,100}");

    /** Missing or malformed keys, each named; empty when {@link #of} will succeed. */
    static List<ConfigProblem> problems(Map<String, String> config) {
        List<ConfigProblem> problems = new ArrayList<>(ConfigKey.check(KEYS, config));
        DEAL_CURRENCY
                .valueIn(config)
                .filter(code -> !code.strip().matches("[A-Z]{3}"))
                .ifPresent(code -> problems.add(
                        new ConfigProblem(DEAL_CURRENCY.name(), "must be an ISO 4217 code such as USD or EUR")));
        if (problems.stream().anyMatch(p -> p.key().equals(PAGE_SIZE.name()))) {
            return problems;
        }
        String baseUrl = BASE_URL.valueIn(config).orElseThrow().strip();
        try {
            CrmHttp.builder("HubSpot", baseUrl);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(BASE_URL.name(), e.getMessage()));
        }
        long pageSize = Long.parseLong(PAGE_SIZE.valueIn(config).orElseThrow().strip());
        if (pageSize < 1 || pageSize > MAX_SEARCH_PAGE) {
            problems.add(new ConfigProblem(
                    PAGE_SIZE.name(),
                    "must be from 1 to " + MAX_SEARCH_PAGE + " (HubSpot's largest search page), got " + pageSize));
        }
        for (String field : list(HEARTH_OWNED_FIELDS.valueIn(config).orElseThrow())) {
            if (!WRITABLE_FIELDS.contains(field)) {
                problems.add(new ConfigProblem(
                        HEARTH_OWNED_FIELDS.name(),
                        "names '" + clip(field) + "', which Hearth cannot own in HubSpot; use any of "
                                + String.join(", ", WRITABLE_FIELDS)));
            }
        }
        dealStages(config, problems);
        if (!STAGE.matcher(DEAL_PIPELINE.valueIn(config).orElseThrow().strip()).matches()) {
            problems.add(new ConfigProblem(
                    DEAL_PIPELINE.name(), "must be a pipeline's id (HubSpot's are default or a number)"));
        }
        for (ConfigKey key : List.of(TEMPERATURE_PROPERTY, STATUS_PROPERTY, DEAL_ID_PROPERTY)) {
            String name = key.valueIn(config).orElseThrow().strip();
            if (!PROPERTY_NAME.matcher(name).matches()) {
                problems.add(new ConfigProblem(
                        key.name(),
                        "must be a HubSpot property's internal name (lower-case " + "letters, digits and _), got '"
                                + clip(name) + "'"));
            }
        }
        Set<String> contactStages = stages(config, CONTACT_STAGES, problems);
        Set<String> leadStages = stages(config, LEAD_STAGES, problems);
        contactStages.stream()
                .filter(leadStages::contains)
                .findFirst()
                .ifPresent(stage -> problems.add(new ConfigProblem(
                        LEAD_STAGES.name(),
                        "lists '" + stage + "', which " + CONTACT_STAGES.name()
                                + " lists too; a stage means a lead or a contact, not both")));
        return problems;
    }

    /** The config, read; call only when {@link #problems} found none. */
    static HubSpotConfig of(Map<String, String> config) {
        List<ConfigProblem> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the HubSpot config has problems: " + problems);
        }
        return new HubSpotConfig(
                ACCESS_TOKEN.valueIn(config).orElseThrow().strip(),
                BASE_URL.valueIn(config).orElseThrow().strip(),
                Integer.parseInt(PAGE_SIZE.valueIn(config).orElseThrow().strip()),
                Set.copyOf(list(HEARTH_OWNED_FIELDS.valueIn(config).orElseThrow())),
                TEMPERATURE_PROPERTY.valueIn(config).orElseThrow().strip(),
                STATUS_PROPERTY.valueIn(config).orElseThrow().strip(),
                Set.copyOf(list(CONTACT_STAGES.valueIn(config).orElseThrow())),
                Set.copyOf(list(LEAD_STAGES.valueIn(config).orElseThrow())),
                Boolean.parseBoolean(
                        READ_DELETIONS.valueIn(config).orElseThrow().strip()));
    }

    /** The {@link #DEAL_STAGES} of a config {@link #problems} found fine: Hearth stage key to dealstage id. */
    static Map<String, String> dealStages(Map<String, String> config) {
        return dealStages(config, new ArrayList<>());
    }

    private static Map<String, String> dealStages(Map<String, String> config, List<ConfigProblem> problems) {
        Map<String, String> stages = new LinkedHashMap<>();
        for (String pair : DEAL_STAGES.valueIn(config).orElseThrow().split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            String hearth = parts[0].strip();
            String hubspot = parts.length == 2 ? parts[1].strip() : "";
            if (hearth.isEmpty() || !STAGE.matcher(hubspot).matches()) {
                problems.add(new ConfigProblem(
                        DEAL_STAGES.name(),
                        "has '" + clip(pair.strip()) + "'; write <hearth stage>=<dealstage id>, e.g. "
                                + "proposal=decisionmakerboughtin"));
            } else if (stages.put(hearth, hubspot) != null) {
                problems.add(new ConfigProblem(DEAL_STAGES.name(), "names the stage '" + clip(hearth) + "' twice"));
            }
        }
        return stages;
    }

    boolean hearthOwns(String field) {
        return hearthOwnedFields.contains(field);
    }

    private static Set<String> stages(Map<String, String> config, ConfigKey key, List<ConfigProblem> problems) {
        Set<String> stages = new LinkedHashSet<>(list(key.valueIn(config).orElseThrow()));
        for (String stage : stages) {
            if (!STAGE.matcher(stage).matches()) {
                problems.add(new ConfigProblem(
                        key.name(),
                        "lists '" + clip(stage) + "', which is no lifecyclestage "
                                + "value (HubSpot's internal values are lower-case, e.g. marketingqualifiedlead)"));
            }
        }
        return stages;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }

    @Override
    public String toString() {
        // the token stays out of logs and messages
        return "HubSpotConfig[baseUrl=" + baseUrl + ", pageSize=" + pageSize + ", hearthOwnedFields="
                + hearthOwnedFields + "]";
    }
}
