package io.hearth.connector.crm.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RetriableConnectorException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * JSON over HTTP to one CRM, with the faults every CRM has handled one way:
 * <ul>
 *   <li>a rate limit (429, or what {@link ErrorDialect#isRateLimited} says) waits as the answer asks
 *       ({@link ErrorDialect#retryAfter}), else backs off exponentially, and tries again;
 *   <li>a 5xx, a refused or dropped connection and a timeout back off with jitter and try again;
 *   <li>a 401 asks the {@link Credentials} to refresh, once, and tries again;
 *   <li>all within the {@link RetryPolicy}'s bounds, past which a {@link RetriableConnectorException}
 *       ends the run (a later run resumes from the stored cursor);
 *   <li>a 401 after that, or a 403 that is no rate limit, is a {@link FatalConnectorException} with a
 *       message a person can act on ({@link ErrorDialect#accessDenied}); so is an answer that is not
 *       the JSON expected ({@link JsonReply}), or larger than {@link #MAX_RESPONSE_BYTES}.
 * </ul>
 * Messages and logs name the request as method and path, never its query or headers, and mask the
 * credential, so no token reaches a run record. Immutable and safe to share between threads.
 */
public final class CrmHttp {
    /** The most of a response body read; a larger one fails the run instead of filling the heap. */
    public static final long MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** For a whole exchange, body included; a search over many records can take tens of seconds. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final System.Logger LOG = System.getLogger(CrmHttp.class.getName());
    private static final String RUN_ENDS = "; the run stops here and a later run resumes where it stopped";

    private final String system;
    private final String baseUrl;
    private final Credentials credentials;
    private final ErrorDialect dialect;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration requestTimeout;
    private final long maxResponseBytes;
    private final String userAgent;
    private final HttpClient client;

    private CrmHttp(Builder builder) {
        this.system = builder.system;
        this.baseUrl = builder.baseUrl;
        this.credentials = builder.credentials;
        this.dialect = builder.dialect;
        this.policy = builder.policy;
        this.sleeper = builder.sleeper;
        this.clock = builder.clock;
        this.random = builder.random;
        this.requestTimeout = builder.requestTimeout;
        this.maxResponseBytes = builder.maxResponseBytes;
        this.userAgent = builder.userAgent;
        this.client = HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                // a redirect could take the credential to another host; CRM APIs answer where asked
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * @param system  the CRM's name as a person knows it ("HubSpot"), which starts every message
     * @param baseUrl e.g. {@code https://api.hubapi.com}: http or https, no query; paths are appended to it
     */
    public static Builder builder(String system, String baseUrl) {
        return new Builder(system, baseUrl);
    }

    public String system() {
        return system;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonReply get(String path) {
        return json(CrmRequest.get(path));
    }

    public JsonReply get(String path, Query query) {
        return json(CrmRequest.get(path).withQuery(query));
    }

    /**
     * POSTs {@code body} (a {@code JsonNode}, a {@code Map} or any value Jackson writes) as JSON. Sent again
     * after a timeout or a 5xx, so use it for searches and upserts by key; see {@link #postOnce}.
     */
    public JsonReply post(String path, Object body) {
        return json(jsonRequest("POST", path, body));
    }

    /** POSTs JSON that must not run twice (it creates something): not sent again once it may have arrived. */
    public JsonReply postOnce(String path, Object body) {
        return json(jsonRequest("POST", path, body).notRepeatable());
    }

    public JsonReply patch(String path, Object body) {
        return json(jsonRequest("PATCH", path, body));
    }

    /** POSTs a form ({@code application/x-www-form-urlencoded}), as OAuth token endpoints take it. */
    public JsonReply postForm(String path, Map<String, String> form) {
        return json(CrmRequest.form(path, form));
    }

    /** A request with a JSON body, for {@link #json(CrmRequest)} or {@link #send} after more settings. */
    public static CrmRequest jsonRequest(String method, String path, Object body) {
        try {
            return CrmRequest.withBody(method, path, Json.MAPPER.writeValueAsBytes(body), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body of " + method + " " + path + " cannot be written as JSON", e);
        }
    }

    /**
     * {@link #send}s the request and reads its answer as JSON: a status other than 2xx, or a body that
     * is not JSON, fails the run with a {@link FatalConnectorException} naming the request.
     */
    public JsonReply json(CrmRequest request) {
        return json(send(request));
    }

    /**
     * Reads an answer that {@link #send} returned as JSON, as {@link #json(CrmRequest)} does: for callers
     * that look at the status first (a 404 or a per-record 400 is theirs to handle) and want the checked
     * {@link JsonReply} of a 2xx. A status other than 2xx, or a body that is not JSON, fails the run with a
     * {@link FatalConnectorException} naming the request.
     */
    public JsonReply json(CrmResponse response) {
        requireNonNull(response, "response is null");
        CrmRequest request = response.request();
        if (!response.isSuccess()) {
            throw fatal(request, "answered " + response.status() + ": " + dialect.describe(response), null);
        }
        Json.Parsed parsed = Json.parse(response.bodyBytes());
        if (parsed.problem() != null) {
            throw fatal(
                    request,
                    "answered " + response.status() + " with a body that is unusable: "
                            + parsed.problem() + " bytes. It begins: " + response.excerpt()
                            + ". The run stops without moving its cursor",
                    null);
        }
        return new JsonReply(system, response, parsed.node());
    }

    /**
     * Sends the request, retrying and refreshing as the class describes, and returns the first answer
     * that is neither retried nor refused: a 2xx, or a 4xx other than 401 and 403 (and rate limits),
     * which the caller may want to read (a 404 for a deleted record, a 400 with per-record errors).
     *
     * @throws RetriableConnectorException when the bounds of the retry policy are reached
     * @throws FatalConnectorException     on refused credentials or an answer past the size limit
     */
    public CrmResponse send(CrmRequest request) {
        requireNonNull(request, "request is null");
        Duration waited = Duration.ZERO;
        boolean refreshed = false;
        for (int attempt = 1; ; attempt++) {
            SecretHeader credential = credentials.header();
            CrmResponse response;
            try {
                response = exchange(request, credential);
            } catch (NoAnswer e) {
                if (e.mayHaveArrived && !request.repeatable()) {
                    throw retriable(
                            request,
                            e.getMessage() + "; it is not sent again because it may have arrived "
                                    + "and must not run twice",
                            e.getCause(),
                            credential);
                }
                waited = pause(request, attempt, waited, policy.backoff(attempt, random), e.getMessage(), credential);
                continue;
            }
            if (dialect.isRateLimited(response)) {
                Optional<Duration> told = dialect.retryAfter(response, clock.instant());
                Duration wait = told.isPresent() ? told.get() : policy.backoff(attempt, random);
                waited = pause(
                        request,
                        attempt,
                        waited,
                        wait,
                        "was rate limited (" + response.status() + ": " + dialect.describe(response) + ")",
                        credential);
                continue;
            }
            int status = response.status();
            if (status >= 500) {
                String reason = "got " + status + " (" + dialect.describe(response) + ")";
                if (!request.repeatable()) {
                    throw retriable(
                            request,
                            reason + "; it is not sent again because it may have been carried out "
                                    + "and must not run twice",
                            null,
                            credential);
                }
                waited = pause(request, attempt, waited, policy.backoff(attempt, random), reason, credential);
                continue;
            }
            if (status == 401 && !refreshed) {
                refreshed = true;
                if (credentials.refresh()) {
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            "{0}: {1} got 401, trying once more with refreshed credentials",
                            system,
                            request.describe());
                    continue;
                }
            }
            if (status == 401 || status == 403) {
                throw fatal(request, dialect.accessDenied(response), credential);
            }
            return response;
        }
    }

    private CrmResponse exchange(CrmRequest request, SecretHeader credential) throws NoAnswer {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.pathAndQuery()))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        request.headers().forEach(builder::header);
        if (credential != null) {
            builder.header(credential.name(), credential.value());
        }
        if (request.body() == null) {
            builder.method(request.method(), BodyPublishers.noBody());
        } else {
            builder.method(request.method(), BodyPublishers.ofByteArray(request.body()))
                    .header("Content-Type", request.contentType());
        }
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(
                builder.build(),
                info -> new LimitedBody(
                        maxResponseBytes,
                        info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        try {
            // the request's own timeout ends at the headers; this one bounds the body too
            HttpResponse<byte[]> response = future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new CrmResponse(request, response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new NoAnswer("got no answer within " + human(requestTimeout), e, true);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw retriable(request, "was interrupted", e, credential);
        } catch (ExecutionException e) {
            throw classify(request, e.getCause(), credential);
        }
    }

    private NoAnswer classify(CrmRequest request, Throwable failure, SecretHeader credential) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LimitedBody.TooLarge) {
                throw fatal(
                        request,
                        "answered with more than " + maxResponseBytes + " bytes, the most read of "
                                + "one answer (CrmHttp.MAX_RESPONSE_BYTES); ask for smaller pages",
                        null);
            }
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return new NoAnswer("could not connect within the connect timeout", failure, false);
        }
        if (failure instanceof ConnectException) {
            return new NoAnswer("could not connect (" + describe(failure) + ")", failure, false);
        }
        if (failure instanceof HttpTimeoutException) {
            return new NoAnswer("got no answer within " + human(requestTimeout), failure, true);
        }
        if (failure instanceof IOException) {
            return new NoAnswer("lost the connection (" + describe(failure) + ")", failure, true);
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException("unexpected failure of " + request.describe(), failure);
    }

    private Duration pause(
            CrmRequest request, int attempt, Duration waited, Duration wait, String reason, SecretHeader credential) {
        if (attempt >= policy.maxAttempts()) {
            throw retriable(request, reason + ", attempt " + attempt + " of " + policy.maxAttempts(), null, credential);
        }
        if (wait.compareTo(policy.maxWait()) > 0) {
            throw retriable(
                    request,
                    reason + " and is asked to wait " + human(wait) + ", longer than the " + human(policy.maxWait())
                            + " one request waits",
                    null,
                    credential);
        }
        if (waited.plus(wait).compareTo(policy.maxTotalWait()) > 0) {
            throw retriable(
                    request,
                    reason + "; waiting " + human(wait) + " more would pass the " + human(policy.maxTotalWait())
                            + " one request waits in all",
                    null,
                    credential);
        }
        LOG.log(
                System.Logger.Level.DEBUG,
                "{0}: {1} {2}; attempt {3} of {4} in {5}",
                system,
                request.describe(),
                redact(reason, credential),
                attempt + 1,
                policy.maxAttempts(),
                human(wait));
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw retriable(request, "was interrupted while waiting to try again", e, credential);
        }
        return waited.plus(wait);
    }

    private RetriableConnectorException retriable(
            CrmRequest request, String what, Throwable cause, SecretHeader credential) {
        return new RetriableConnectorException(
                redact(system + ": " + request.describe() + " " + what + RUN_ENDS, credential), cause);
    }

    private FatalConnectorException fatal(CrmRequest request, String what, SecretHeader credential) {
        return new FatalConnectorException(redact(system + " " + what + " [" + request.describe() + "]", credential));
    }

    /** Masks the credential wherever an answer or exception echoed it into a message. */
    private static String redact(String message, SecretHeader credential) {
        if (credential == null) {
            return message;
        }
        String masked = message.replace(credential.value(), Text.MASK);
        int space = credential.value().indexOf(' ');
        String token = space < 0 ? "" : credential.value().substring(space + 1);
        // the token alone ("Bearer " stripped), unless so short that masking it would garble the message
        return token.length() >= 8 ? masked.replace(token, Text.MASK) : masked;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + Text.excerpt(message));
    }

    static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** No answer arrived; {@code mayHaveArrived} when the request may still have reached the system. */
    private static final class NoAnswer extends Exception {
        final boolean mayHaveArrived;

        NoAnswer(String message, Throwable cause, boolean mayHaveArrived) {
            super(message, cause);
            this.mayHaveArrived = mayHaveArrived;
        }
    }

    /** Every setting has a default fit for production; tests inject the sleeper, clock and random. */
    public static final class Builder {
        private final String system;
        private final String baseUrl;
        private Credentials credentials = Credentials.NONE;
        private ErrorDialect dialect = ErrorDialect.DEFAULT;
        private RetryPolicy policy = RetryPolicy.DEFAULT;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        // jitter needs no seeding; ThreadLocalRandom keeps a shared CrmHttp safe between threads
        private RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private long maxResponseBytes = MAX_RESPONSE_BYTES;
        private String userAgent = "Hearth";

        private Builder(String system, String baseUrl) {
            this.system = requireNonNull(system, "system is null");
            this.baseUrl = checkBaseUrl(requireNonNull(baseUrl, "baseUrl is null"));
        }

        public Builder credentials(Credentials value) {
            this.credentials = requireNonNull(value, "credentials is null");
            return this;
        }

        public Builder errorDialect(ErrorDialect value) {
            this.dialect = requireNonNull(value, "errorDialect is null");
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.policy = requireNonNull(value, "retryPolicy is null");
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = requireNonNull(value, "sleeper is null");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = requireNonNull(value, "clock is null");
            return this;
        }

        public Builder random(RandomGenerator value) {
            this.random = requireNonNull(value, "random is null");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = positive(value, "requestTimeout");
            return this;
        }

        /** At most {@link #MAX_RESPONSE_BYTES}; lower it for tests or for APIs with small answers. */
        public Builder maxResponseBytes(long value) {
            if (value < 1 || value > MAX_RESPONSE_BYTES) {
                throw new IllegalArgumentException(
                        "maxResponseBytes must be from 1 to " + MAX_RESPONSE_BYTES + ", got " + value);
            }
            this.maxResponseBytes = value;
            return this;
        }

        /** E.g. "Hearth/0.1 (hubspot connector)": some CRMs ask integrations to name themselves. */
        public Builder userAgent(String value) {
            this.userAgent = requireNonNull(value, "userAgent is null");
            return this;
        }

        public CrmHttp build() {
            return new CrmHttp(this);
        }

        private static Duration positive(Duration value, String name) {
            requireNonNull(value, name + " is null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }

        private static String checkBaseUrl(String url) {
            URI uri;
            try {
                uri = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("base URL is not a URL: " + Text.excerpt(url), null);
            }
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("");
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "base URL must be an http or https URL with a host, got " + Text.excerpt(url));
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("base URL must have no query, fragment or user info, got "
                        + uri.getScheme() + "://" + uri.getHost() + "/...");
            }
            String text = uri.toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        }
    }
}
