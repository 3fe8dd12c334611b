package io.hearth.connector.salesforce;

import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.ConfigType;
import io.hearth.connector.spi.StandardFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A Salesforce connection's config, checked and parsed.
 *
 * @param baseUrl            the API address, or {@code null} for the {@code instance_url} the token endpoint answers
 * @param writeFields        the Hearth fields a write may set in Salesforce (the fields Hearth owns)
 * @param contactRatingField the Contact field holding the temperature, or {@code null} for none
 * @param dealIdField        the Opportunity field keeping each deal's Hearth id, or {@code null} for none
 * @param dealCurrency       the org's only currency, or {@code null} when Opportunities carry their own
 */
record SalesforceConfig(
        AuthMode auth,
        String loginUrl,
        String clientId,
        String clientSecret,
        String refreshToken,
        String baseUrl,
        String apiVersion,
        int pageSize,
        Set<String> writeFields,
        ValueMap statuses,
        ValueMap ratings,
        String contactRatingField,
        String touchIdField,
        boolean createLeads,
        StageValues stages,
        String dealIdField,
        String dealCurrency) {

    /** How Hearth obtains an access token at {@code login_url}/services/oauth2/token. */
    enum AuthMode {
        CLIENT_CREDENTIALS,
        REFRESH_TOKEN;

        String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Salesforce answers at most 2,000 records per query page and asks for at least 200 (Sforce-Query-Options). */
    static final int MIN_PAGE_SIZE = 200;

    static final int MAX_PAGE_SIZE = 2000;
    static final String DEFAULT_LOGIN_URL = "https://login.salesforce.com";
    static final String DEFAULT_API_VERSION = "v64.0";

    /** The Hearth fields a write can carry to Salesforce, and so the choices of {@code write_fields}. */
    static final List<String> WRITABLE = List.of(
            StandardFields.GIVEN_NAME,
            StandardFields.FAMILY_NAME,
            StandardFields.COMPANY,
            StandardFields.TITLE,
            StandardFields.EMAIL,
            StandardFields.PHONE,
            StandardFields.STATUS,
            StandardFields.TEMPERATURE);

    static final List<String> STATUSES = List.of("new", "contacted", "qualified", "unqualified");

    static final ConfigKey AUTH = ConfigKey.optional(
            "auth",
            ConfigType.STRING,
            "client_credentials",
            "how Hearth gets its access token: client_credentials (the app's integration user; login_url must be "
                    + "the org's My Domain URL) or refresh_token (a user authorized the app once)");
    static final ConfigKey LOGIN_URL = ConfigKey.optional(
            "login_url",
            ConfigType.STRING,
            DEFAULT_LOGIN_URL,
            "where the OAuth token endpoint is: the org's My Domain URL (https://acme.my.salesforce.com), "
                    + "https://test.salesforce.com for a sandbox");
    static final ConfigKey CLIENT_ID = ConfigKey.required(
            "client_id", ConfigType.STRING, "the consumer key of the external client app (or connected app)");
    static final ConfigKey CLIENT_SECRET = new ConfigKey(
            "client_secret",
            ConfigType.STRING,
            false,
            null,
            true,
            "the consumer secret of the app; required for client_credentials");
    static final ConfigKey REFRESH_TOKEN = new ConfigKey(
            "refresh_token",
            ConfigType.STRING,
            false,
            null,
            true,
            "the refresh token from authorizing the app; required for auth=refresh_token");
    static final ConfigKey BASE_URL = ConfigKey.optional(
            "base_url",
            ConfigType.STRING,
            null,
            "the REST API address; empty: the instance_url the token endpoint answers, the org's own API address. "
                    + "Set it only to go through a proxy");
    static final ConfigKey API_VERSION = ConfigKey.optional(
            "api_version", ConfigType.STRING, DEFAULT_API_VERSION, "the REST API version, e.g. v64.0");
    static final ConfigKey PAGE_SIZE = ConfigKey.optional(
            "page_size",
            ConfigType.INTEGER,
            Integer.toString(MAX_PAGE_SIZE),
            "records per query page, " + MIN_PAGE_SIZE + " to " + MAX_PAGE_SIZE);
    static final ConfigKey WRITE_FIELDS = ConfigKey.optional(
            "write_fields",
            ConfigType.STRING,
            StandardFields.TEMPERATURE + "," + StandardFields.STATUS,
            "the Hearth fields a write sets in Salesforce, comma-separated, from " + String.join(", ", WRITABLE)
                    + "; Salesforce owns the others and Hearth never writes them");
    static final ConfigKey STATUS_VALUES = ConfigKey.optional(
            "status_values",
            ConfigType.STRING,
            "new=Open - Not Contacted,contacted=Working - Contacted,qualified=Qualified,"
                    + "unqualified=Closed - Not Converted",
            "Hearth's lead statuses as the values of the Lead Status picklist, both ways");
    static final ConfigKey RATING_VALUES = ConfigKey.optional(
            "rating_values",
            ConfigType.STRING,
            "hot=Hot,warm=Warm,cool=Cold,cold=Cold",
            "Hearth's temperatures as the values of the Lead Rating picklist, both ways");
    static final ConfigKey CONTACT_RATING_FIELD = ConfigKey.optional(
            "contact_rating_field",
            ConfigType.STRING,
            null,
            "a Contact field (e.g. a custom Rating__c picklist with the rating_values) that holds the temperature; "
                    + "Contact has no standard Rating, so without it contacts carry none");
    static final ConfigKey TOUCH_ID_FIELD = ConfigKey.optional(
            "touch_id_field",
            ConfigType.STRING,
            "Hearth_Touch_Id__c",
            "the Activity custom field (Text, External ID, Unique) where each Task keeps the "
                    + "id of the Hearth touch it records, so a touch is never written twice");
    static final ConfigKey CREATE_LEADS = ConfigKey.optional(
            "create_leads",
            ConfigType.BOOLEAN,
            "true",
            "create a Lead for a Hearth lead that has an email Salesforce does not know");

    static final ConfigKey DEAL_CURRENCY = ConfigKey.optional(
            "deal_currency",
            ConfigType.STRING,
            null,
            "the org's currency (ISO 4217, e.g. USD) for Opportunities in an org without multiple currencies;"
                    + " without it each Opportunity's CurrencyIsoCode is read");

    static final ConfigKey STAGE_VALUES = ConfigKey.optional(
            "stage_values",
            ConfigType.STRING,
            StageValues.DEFAULT,
            "for writing deals: Hearth's deal stages as values of the Opportunity StageName picklist "
                    + "(closed_won and closed_lost included); a StageName Hearth already reads as the deal's stage "
                    + "is kept");
    static final ConfigKey DEAL_ID_FIELD = ConfigKey.optional(
            "deal_id_field",
            ConfigType.STRING,
            null,
            "an Opportunity custom field (Text, External ID, Unique) where each Opportunity Hearth creates keeps "
                    + "the deal's Hearth id, so a retried create finds it instead of creating a second");

    static final List<ConfigKey> KEYS = List.of(
            AUTH,
            LOGIN_URL,
            CLIENT_ID,
            CLIENT_SECRET,
            REFRESH_TOKEN,
            BASE_URL,
            API_VERSION,
            PAGE_SIZE,
            WRITE_FIELDS,
            STATUS_VALUES,
            RATING_VALUES,
            CONTACT_RATING_FIELD,
            TOUCH_ID_FIELD,
            CREATE_LEADS,
            DEAL_CURRENCY,
            STAGE_VALUES,
            DEAL_ID_FIELD);

    private static final Pattern VERSION = Pattern.compile("v\\d{2,3}\\.\\d");

    /** The declared keys' problems, then what the declarations cannot say; empty when the config is usable. */
    static List<ConfigProblem> problems(Map<String, String> config) {
        List<ConfigProblem> problems = new ArrayList<>(ConfigKey.check(KEYS, config));
        DEAL_CURRENCY
                .valueIn(config)
                .filter(code -> !code.strip().matches("[A-Z]{3}"))
                .ifPresent(code -> problems.add(
                        new ConfigProblem(DEAL_CURRENCY.name(), "must be an ISO 4217 code such as USD or EUR")));
        if (!problems.isEmpty()) {
            return problems;
        }
        parse(config, problems::add);
        return problems;
    }

    /**
     * The parsed config.
     *
     * @throws IllegalArgumentException listing the problems when there are any
     */
    static SalesforceConfig of(Map<String, String> config) {
        List<ConfigProblem> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the Salesforce config has problems: "
                    + String.join(
                            "; ",
                            problems.stream()
                                    .map(p -> p.key() + " " + p.message())
                                    .toList()));
        }
        return parse(config, problem -> {
            throw new IllegalStateException(problem.toString());
        });
    }

    @Override
    public String toString() {
        // a record's toString would print the client secret and the refresh token
        return "SalesforceConfig[" + auth.configName() + " at " + loginUrl + ", client_id " + clientId
                + ", client_secret " + masked(clientSecret) + ", refresh_token " + masked(refreshToken) + ", api "
                + apiVersion + (baseUrl == null ? "" : " at " + baseUrl) + ", page size " + pageSize + "]";
    }

    private static String masked(String secret) {
        return secret == null ? "none" : "***";
    }

    /** The key a person fixes when Salesforce refuses the credentials. */
    String credentialKey() {
        return auth == AuthMode.REFRESH_TOKEN ? REFRESH_TOKEN.name() : CLIENT_ID.name();
    }

    private static SalesforceConfig parse(Map<String, String> config, Consumer<ConfigProblem> problems) {
        String authText = value(AUTH, config).strip().toLowerCase(Locale.ROOT);
        AuthMode auth = authText.equals("refresh_token") ? AuthMode.REFRESH_TOKEN : AuthMode.CLIENT_CREDENTIALS;
        if (!authText.equals("refresh_token") && !authText.equals("client_credentials")) {
            problems.accept(new ConfigProblem(AUTH.name(), "must be client_credentials or refresh_token"));
        }
        String clientSecret = CLIENT_SECRET.valueIn(config).orElse(null);
        String refreshToken = REFRESH_TOKEN.valueIn(config).orElse(null);
        if (auth == AuthMode.CLIENT_CREDENTIALS && clientSecret == null) {
            problems.accept(new ConfigProblem(
                    CLIENT_SECRET.name(), "is required with auth=client_credentials: " + CLIENT_SECRET.doc()));
        }
        if (auth == AuthMode.REFRESH_TOKEN && refreshToken == null) {
            problems.accept(new ConfigProblem(
                    REFRESH_TOKEN.name(), "is required with auth=refresh_token: " + REFRESH_TOKEN.doc()));
        }
        String loginUrl = url(LOGIN_URL, value(LOGIN_URL, config), problems);
        String baseUrl = BASE_URL.valueIn(config)
                .map(url -> url(BASE_URL, url, problems))
                .orElse(null);
        String apiVersion = value(API_VERSION, config).strip();
        if (!VERSION.matcher(apiVersion).matches()) {
            problems.accept(new ConfigProblem(API_VERSION.name(), "must look like v64.0"));
        }
        int pageSize = MAX_PAGE_SIZE;
        long size = Long.parseLong(value(PAGE_SIZE, config).strip());
        if (size < MIN_PAGE_SIZE || size > MAX_PAGE_SIZE) {
            problems.accept(new ConfigProblem(
                    PAGE_SIZE.name(),
                    "must be from " + MIN_PAGE_SIZE + " to " + MAX_PAGE_SIZE
                            + ", the sizes Salesforce serves a query page in, got " + size));
        } else {
            pageSize = (int) size;
        }
        Set<String> writeFields = new LinkedHashSet<>();
        for (String field : value(WRITE_FIELDS, config).split(",")) {
            String name = field.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (WRITABLE.contains(name)) {
                writeFields.add(name);
            } else {
                problems.accept(new ConfigProblem(
                        WRITE_FIELDS.name(),
                        "names '" + clip(name) + "', which is not one " + "of " + String.join(", ", WRITABLE)));
            }
        }
        ValueMap statuses = valueMap(STATUS_VALUES, config, STATUSES, problems);
        ValueMap ratings = valueMap(RATING_VALUES, config, StandardFields.TEMPERATURES, problems);
        String contactRatingField =
                CONTACT_RATING_FIELD.valueIn(config).map(String::strip).orElse(null);
        if (contactRatingField != null && !Soql.isApiName(contactRatingField)) {
            problems.accept(
                    new ConfigProblem(CONTACT_RATING_FIELD.name(), "must be a field's API name, e.g. " + "Rating__c"));
        }
        String touchIdField = value(TOUCH_ID_FIELD, config).strip();
        if (!Soql.isApiName(touchIdField)) {
            problems.accept(new ConfigProblem(
                    TOUCH_ID_FIELD.name(), "must be a field's API name, e.g. " + "Hearth_Touch_Id__c"));
        }
        boolean createLeads =
                Boolean.parseBoolean(value(CREATE_LEADS, config).strip().toLowerCase(Locale.ROOT));
        StageValues stages;
        try {
            stages = StageValues.parse(value(STAGE_VALUES, config));
        } catch (IllegalArgumentException e) {
            problems.accept(new ConfigProblem(STAGE_VALUES.name(), clip(e.getMessage())));
            stages = StageValues.parse(StageValues.DEFAULT);
        }
        String dealIdField = DEAL_ID_FIELD.valueIn(config).map(String::strip).orElse(null);
        if (dealIdField != null && !Soql.isApiName(dealIdField)) {
            problems.accept(
                    new ConfigProblem(DEAL_ID_FIELD.name(), "must be a field's API name, e.g. Hearth_Deal_Id__c"));
        }
        return new SalesforceConfig(
                auth,
                loginUrl,
                value(CLIENT_ID, config).strip(),
                clientSecret,
                refreshToken,
                baseUrl,
                apiVersion,
                pageSize,
                Set.copyOf(writeFields),
                statuses,
                ratings,
                contactRatingField,
                touchIdField,
                createLeads,
                stages,
                dealIdField,
                DEAL_CURRENCY.valueIn(config).map(String::strip).orElse(null));
    }

    private static String value(ConfigKey key, Map<String, String> config) {
        return key.valueIn(config).orElseThrow(() -> new IllegalStateException(key.name() + " has no value"));
    }

    private static String url(ConfigKey key, String url, Consumer<ConfigProblem> problems) {
        String stripped = url.strip();
        try {
            // the builder checks the URL as every request will use it; building no client opens nothing
            CrmHttp.builder("Salesforce", stripped);
        } catch (IllegalArgumentException e) {
            problems.accept(new ConfigProblem(
                    key.name(), "must be an https URL with a host and no query, e.g. " + DEFAULT_LOGIN_URL));
        }
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }

    private static ValueMap valueMap(
            ConfigKey key, Map<String, String> config, List<String> words, Consumer<ConfigProblem> problems) {
        try {
            return ValueMap.parse(value(key, config), words);
        } catch (IllegalArgumentException e) {
            problems.accept(new ConfigProblem(key.name(), clip(e.getMessage())));
            return ValueMap.parse("", words);
        }
    }

    private static String clip(String text) {
        return text.length() <= 120 ? text : text.substring(0, 119) + "…";
    }
}
