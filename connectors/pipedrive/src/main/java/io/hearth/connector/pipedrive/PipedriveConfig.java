package io.hearth.connector.pipedrive;

import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.ConfigType;
import io.hearth.connector.spi.FatalConnectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The connector's config keys, and a checked config read into settings. {@link #problems} says what is
 * wrong before any sync starts; {@link #of} is for a config that passed it.
 */
record PipedriveConfig(
        String baseUrl,
        String apiToken,
        int pageSize,
        FieldOwnership ownership,
        Optional<String> temperatureField,
        TemperatureLabels temperatureLabels,
        Optional<String> statusField,
        Map<String, String> dealStages,
        Optional<String> dealIdField) {
    static final String DEFAULT_BASE_URL = "https://api.pipedrive.com";
    /** Pipedrive's most per page, for the v2 cursor endpoints and v1 leads and recents alike. */
    static final int MAX_PAGE_SIZE = 500;

    static final ConfigKey API_TOKEN = ConfigKey.secret(
            "api_token",
            "the API token of the Pipedrive user the sync "
                    + "acts as (Pipedrive: Personal preferences > API); the user must see the persons and leads to sync");
    static final ConfigKey BASE_URL = ConfigKey.optional(
            "base_url",
            ConfigType.STRING,
            DEFAULT_BASE_URL,
            "Pipedrive's API address: " + DEFAULT_BASE_URL + ", your company domain (https://COMPANY.pipedrive.com) "
                    + "or a proxy");
    static final ConfigKey PAGE_SIZE = ConfigKey.optional(
            "page_size",
            ConfigType.INTEGER,
            Integer.toString(MAX_PAGE_SIZE),
            "records per request, 1 to " + MAX_PAGE_SIZE + " (Pipedrive's most)");
    static final ConfigKey HEARTH_FIELDS = ConfigKey.optional(
            "hearth_fields",
            ConfigType.STRING,
            FieldOwnership.DEFAULT,
            "comma-separated fields Hearth owns and writes to Pipedrive, of: "
                    + String.join(", ", FieldOwnership.WRITABLE) + "; Pipedrive keeps the others");
    static final ConfigKey TEMPERATURE_FIELD = ConfigKey.optional(
            "temperature_field",
            ConfigType.STRING,
            null,
            "the key of a person custom field (a text or single-option field) holding the temperature; without "
                    + "it, the temperature is the label of the person's Leads Inbox leads");
    static final ConfigKey TEMPERATURE_LABELS = ConfigKey.optional(
            "temperature_labels",
            ConfigType.STRING,
            TemperatureLabels.DEFAULT,
            "the lead label (or field option) name of each temperature");
    static final ConfigKey STATUS_FIELD = ConfigKey.optional(
            "status_field",
            ConfigType.STRING,
            null,
            "the key of a person custom field (text or single-option) for Hearth's lead status; without it, "
                    + "status is not written");
    static final ConfigKey DEAL_STAGES = ConfigKey.optional(
            "deal_stages",
            ConfigType.STRING,
            null,
            "for writing deals: the Pipedrive stage of each Hearth stage, as hearth_stage=Stage Name pairs "
                    + "(e.g. needs_analysis=Demo Scheduled); without a pair, a stage whose name Hearth reads as that "
                    + "stage (Pipedrive's default pipeline)");
    static final ConfigKey DEAL_ID_FIELD = ConfigKey.optional(
            "deal_id_field",
            ConfigType.STRING,
            null,
            "the key of a deal custom field (text) where each deal Hearth creates keeps its Hearth id, so a create "
                    + "retried after a lost answer finds the deal instead of creating a second");
    static final List<ConfigKey> KEYS = List.of(
            API_TOKEN,
            BASE_URL,
            PAGE_SIZE,
            HEARTH_FIELDS,
            TEMPERATURE_FIELD,
            TEMPERATURE_LABELS,
            STATUS_FIELD,
            DEAL_STAGES,
            DEAL_ID_FIELD);

    // Pipedrive's custom field keys are 40-character hashes; anything else a user pasted is a mistake
    private static final Pattern FIELD_KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");

    /** Everything wrong with {@code config}, each under the key to fix. */
    static List<ConfigProblem> problems(Map<String, String> config) {
        List<ConfigProblem> problems = new ArrayList<>(ConfigKey.check(KEYS, config));
        check(problems, BASE_URL, config, url -> {
            CrmHttp.builder("Pipedrive", url);
            return null;
        });
        check(problems, PAGE_SIZE, config, size -> {
            long value = Long.parseLong(size.strip());
            return value >= 1 && value <= MAX_PAGE_SIZE
                    ? null
                    : "must be from 1 to " + MAX_PAGE_SIZE + ", got " + value;
        });
        check(problems, HEARTH_FIELDS, config, fields -> {
            List<String> wrong = FieldOwnership.problems(fields);
            return wrong.isEmpty() ? null : String.join("; ", wrong);
        });
        check(problems, TEMPERATURE_LABELS, config, labels -> {
            TemperatureLabels.parse(labels);
            return null;
        });
        check(problems, DEAL_STAGES, config, stages -> {
            DealStages.parse(stages);
            return null;
        });
        for (ConfigKey key : List.of(TEMPERATURE_FIELD, STATUS_FIELD, DEAL_ID_FIELD)) {
            check(
                    problems,
                    key,
                    config,
                    value -> FIELD_KEY.matcher(value.strip()).matches()
                            ? null
                            : "must be a custom field's key, e.g. 9dc80c50d78a15643bfc4ca79d76156a73a1ca0e (Pipedrive: "
                                    + "Company settings > Data fields, the field's API key), got " + Quote.of(value));
        }
        return problems;
    }

    /** The settings of a config; fails with its problems when {@link #problems} finds any. */
    static PipedriveConfig of(Map<String, String> config) {
        List<ConfigProblem> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new FatalConnectorException("Pipedrive: the connection's config is not usable: "
                    + problems.stream().map(p -> p.key() + " " + p.message()).collect(Collectors.joining("; ")));
        }
        return new PipedriveConfig(
                value(BASE_URL, config),
                value(API_TOKEN, config),
                Integer.parseInt(value(PAGE_SIZE, config)),
                FieldOwnership.parse(value(HEARTH_FIELDS, config)),
                TEMPERATURE_FIELD.valueIn(config).map(String::strip),
                TemperatureLabels.parse(value(TEMPERATURE_LABELS, config)),
                STATUS_FIELD.valueIn(config).map(String::strip),
                DEAL_STAGES.valueIn(config).map(DealStages::parse).orElse(Map.of()),
                DEAL_ID_FIELD.valueIn(config).map(String::strip));
    }

    private static String value(ConfigKey key, Map<String, String> config) {
        return key.valueIn(config).orElseThrow().strip();
    }

    private static void check(
            List<ConfigProblem> problems,
            ConfigKey key,
            Map<String, String> config,
            Function<String, String> problemWith) {
        Optional<String> value = key.valueIn(config);
        // a value of the wrong type already has its problem
        if (value.isEmpty() || problems.stream().anyMatch(p -> p.key().equals(key.name()))) {
            return;
        }
        String problem;
        try {
            problem = problemWith.apply(value.get().strip());
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            problems.add(new ConfigProblem(key.name(), problem));
        }
    }

    @Override
    public String toString() {
        // a record's toString would print the token
        return "PipedriveConfig[" + baseUrl + ", page size " + pageSize + "]";
    }
}
