package io.hearth.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.hearth.core.HearthCore;
import io.hearth.core.auth.TokenRules;
import io.hearth.core.diagnostics.FailureSummary;
import io.hearth.core.error.HearthException;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.persistence.SchemaBehindException;
import io.hearth.server.auth.Authentication;
import io.hearth.server.config.AdminToken;
import io.hearth.server.config.CadenceConfig;
import io.hearth.server.config.EscalationConfig;
import io.hearth.server.config.ImportConfig;
import io.hearth.server.config.LimitsConfig;
import io.hearth.server.config.ServerConfig;
import io.hearth.server.config.TlsConfig;
import io.hearth.server.grpc.QueueWatchers;
import io.hearth.server.observability.DomainMetrics;
import io.hearth.server.observability.LogSettings;
import io.hearth.server.observability.Metrics;
import io.hearth.server.observability.MetricsEndpoint;
import io.hearth.server.tls.ListenPolicy;
import io.hearth.server.tls.ServerTls;
import io.hearth.server.tls.UnusableTlsFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the Hearth server: opens the database, migrates it, serves gRPC until SIGTERM. */
@Command(
        name = "hearth-server",
        mixinStandardHelpOptions = true,
        versionProvider = ServerVersion.class,
        subcommands = MigrateCommand.class,
        description = "Runs the Hearth lead server. Every flag also reads an environment variable.")
public final class Main implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    /**
     * For the build's class-data sharing archive ({@code -XX:ArchiveClassesAtExit}): a start as any
     * other, which then stops as a shutdown signal would stop it, having loaded the classes a start needs.
     */
    @Option(names = "--stop-after-start", hidden = true)
    boolean stopAfterStart;

    @Option(
            names = "--host",
            defaultValue = "${env:HEARTH_HOST:-127.0.0.1}",
            description = "Address to listen on (env HEARTH_HOST; default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "${env:HEARTH_PORT:-50051}",
            description = "gRPC port (env HEARTH_PORT; default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--data-dir",
            scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:HEARTH_DATA_DIR:-./hearth-data}",
            description =
                    "Directory for the embedded database and plugins (env HEARTH_DATA_DIR; default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--db-url",
            scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:HEARTH_DB_URL}",
            description = "JDBC URL; jdbc:postgresql://host:port/db for PostgreSQL (env HEARTH_DB_URL; default: "
                    + "an HSQLDB file database in the data directory).")
    String dbUrl;

    @Option(
            names = "--db-user",
            scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:HEARTH_DB_USER}",
            description = "Database user (env HEARTH_DB_USER).")
    String dbUser;

    @Option(
            names = "--db-password",
            scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:HEARTH_DB_PASSWORD}",
            description = "Database password (env HEARTH_DB_PASSWORD; prefer the variable: flags show in ps).")
    String dbPassword;

    @Option(
            names = "--db-pool-size",
            defaultValue = "${env:HEARTH_DB_POOL_SIZE:-10}",
            description = "Most database connections (env HEARTH_DB_POOL_SIZE; default ${DEFAULT-VALUE}).")
    int dbPoolSize;

    @Option(
            names = "--db-connect-timeout",
            scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:HEARTH_DB_CONNECT_TIMEOUT:-3}",
            converter = ConnectTimeoutConverter.class,
            description = "How long a call waits for a database connection before it is answered UNAVAILABLE: "
                    + "seconds (2.5) or a duration (500ms, 3s, PT3S); 250ms to 5 minutes "
                    + "(env HEARTH_DB_CONNECT_TIMEOUT; default ${DEFAULT-VALUE} seconds).")
    Duration dbConnectTimeout;

    @Option(
            names = "--phone-region",
            defaultValue = "${env:HEARTH_PHONE_REGION:-US}",
            description = "Region for phone numbers written without a country code (env HEARTH_PHONE_REGION; "
                    + "default ${DEFAULT-VALUE}).")
    String phoneRegion;

    @Option(
            names = "--lead-follow-up-limit",
            defaultValue = "${env:HEARTH_LEAD_FOLLOW_UP_LIMIT:-2}",
            description = "Follow-ups a lead gets before it moves to drip (env HEARTH_LEAD_FOLLOW_UP_LIMIT; "
                    + "default ${DEFAULT-VALUE}).")
    int leadFollowUpLimit;

    @Option(
            names = "--contact-follow-up-limit",
            defaultValue = "${env:HEARTH_CONTACT_FOLLOW_UP_LIMIT:-8}",
            description = "Follow-ups a contact gets before it moves to drip (env HEARTH_CONTACT_FOLLOW_UP_LIMIT; "
                    + "default ${DEFAULT-VALUE}).")
    int contactFollowUpLimit;

    @Option(
            names = "--auto-convert",
            defaultValue = "${env:HEARTH_AUTO_CONVERT:-true}",
            arity = "1",
            description = "true: a positive reply or booked meeting converts the lead to a contact; false: it only "
                    + "suggests converting (env HEARTH_AUTO_CONVERT; default ${DEFAULT-VALUE}).")
    boolean autoConvert;

    @Option(
            names = "--response-window",
            defaultValue = "${env:HEARTH_RESPONSE_WINDOW:-5m}",
            converter = DurationConverter.class,
            description = "Speed to lead: time from a web lead's arrival to its first touch, 1s to 1 day "
                    + "(env HEARTH_RESPONSE_WINDOW; default ${DEFAULT-VALUE}).")
    Duration responseWindow;

    @Option(
            names = "--escalate-before",
            defaultValue = "${env:HEARTH_ESCALATE_BEFORE:-1m}",
            converter = DurationConverter.class,
            description = "How long before its response deadline an untouched web lead is escalated to its team, "
                    + "0 to the response window (env HEARTH_ESCALATE_BEFORE; default ${DEFAULT-VALUE}).")
    Duration escalateBefore;

    @Option(
            names = "--inbound-team",
            defaultValue = "${env:HEARTH_INBOUND_TEAM}",
            paramLabel = "TEAM",
            description = "The team whose available reps get unowned web leads by round robin when they arrive "
                    + "(env HEARTH_INBOUND_TEAM; default: none, unowned leads stay in everyone's queue).")
    String inboundTeam;

    @Option(
            names = "--escalation-period",
            defaultValue = "${env:HEARTH_ESCALATION_PERIOD:-5s}",
            converter = DurationConverter.class,
            description = "How often each server looks for web leads to assign, escalate or reassign, 100ms to 1m "
                    + "(env HEARTH_ESCALATION_PERIOD; default ${DEFAULT-VALUE}).")
    Duration escalationPeriod;

    @Option(
            names = "--imports-dir",
            defaultValue = "${env:HEARTH_IMPORTS_DIR}",
            description = "The only folder whose files StartSync may read (env HEARTH_IMPORTS_DIR; default: imports/ "
                    + "in the data directory).")
    Path importsDir;

    @Option(
            names = "--max-upload-bytes",
            defaultValue = "${env:HEARTH_MAX_UPLOAD_BYTES:-1073741824}",
            description = "Largest file 'hearth import' may upload (env HEARTH_MAX_UPLOAD_BYTES; default "
                    + "${DEFAULT-VALUE}, 1 GiB).")
    long maxUploadBytes;

    @Option(
            names = "--tls-cert",
            defaultValue = "${env:HEARTH_TLS_CERT}",
            paramLabel = "FILE",
            description = "Serve TLS with this certificate chain, PEM, the server's certificate first (env "
                    + "HEARTH_TLS_CERT; needs --tls-key). Read again when it changes.")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            defaultValue = "${env:HEARTH_TLS_KEY}",
            paramLabel = "FILE",
            description = "The certificate's private key, PEM, unencrypted PKCS#8 (BEGIN PRIVATE KEY) (env "
                    + "HEARTH_TLS_KEY).")
    Path tlsKey;

    @Option(
            names = "--tls-client-ca",
            defaultValue = "${env:HEARTH_TLS_CLIENT_CA}",
            paramLabel = "FILE",
            description = "Mutual TLS: refuse, at the handshake, every client without a certificate signed by one of "
                    + "these certificate authorities, PEM (env HEARTH_TLS_CLIENT_CA; needs --tls-cert).")
    Path tlsClientCa;

    @Option(
            names = "--tls-reload-period",
            defaultValue = "${env:HEARTH_TLS_RELOAD_PERIOD:-60s}",
            converter = ReloadPeriodConverter.class,
            description = "How often the TLS files are read again; changed ones are served to new connections: "
                    + "seconds or a duration (30s, 5m, PT1H), 1 second to 1 day (env HEARTH_TLS_RELOAD_PERIOD; "
                    + "default ${DEFAULT-VALUE}).")
    Duration tlsReloadPeriod;

    @Option(
            names = "--insecure",
            defaultValue = "${env:HEARTH_INSECURE:-false}",
            description = "Allow plaintext on a non-loopback --host: anyone on the network can then read and change "
                    + "every lead (env HEARTH_INSECURE).")
    boolean insecure;

    @Option(
            names = "--admin-token-file",
            defaultValue = "${env:HEARTH_ADMIN_TOKEN_FILE}",
            paramLabel = "FILE",
            description = "A file holding the first admin token (32 to 256 printable characters), stored as its "
                    + "SHA-256 at start as the ADMIN token 'admin'; every call then needs a token (env "
                    + "HEARTH_ADMIN_TOKEN_FILE; or give the token itself in HEARTH_ADMIN_TOKEN).")
    Path adminTokenFile;

    /** {@code HEARTH_ADMIN_TOKEN}: the variable only, as a flag would show the token in ps. */
    String adminTokenVariable = System.getenv(ADMIN_TOKEN_VARIABLE);

    @Option(
            names = "--rate-limit",
            defaultValue = "${env:HEARTH_RATE_LIMIT:-50}",
            paramLabel = "CALLS",
            description = "Calls per second one token may make to this server in the long run; 0: no limit "
                    + "(env HEARTH_RATE_LIMIT; default ${DEFAULT-VALUE}). Calls without a token count per address.")
    double rateLimit;

    @Option(
            names = "--rate-burst",
            defaultValue = "${env:HEARTH_RATE_BURST:-100}",
            paramLabel = "CALLS",
            description = "Calls one token may make at once after a pause (env HEARTH_RATE_BURST; default "
                    + "${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(
            names = "--max-streams-per-token",
            defaultValue = "${env:HEARTH_MAX_STREAMS_PER_TOKEN:-8}",
            paramLabel = "N",
            description = "Streaming calls (queue watches, syncs, imports, exports) one token may have open on this "
                    + "server at once; 0: no cap (env HEARTH_MAX_STREAMS_PER_TOKEN; default ${DEFAULT-VALUE}).")
    int maxStreamsPerToken;

    @Option(
            names = "--max-message-bytes",
            defaultValue = "${env:HEARTH_MAX_MESSAGE_BYTES:-4194304}",
            paramLabel = "BYTES",
            description = "The largest request message the server reads, 65536 to 268435456 (env "
                    + "HEARTH_MAX_MESSAGE_BYTES; default ${DEFAULT-VALUE}, 4 MiB; uploads come in 64 KiB chunks).")
    int maxMessageBytes;

    @Option(
            names = "--shutdown-grace-seconds",
            defaultValue = "20",
            description = "How long in-flight calls may run after SIGTERM (default ${DEFAULT-VALUE}).")
    long graceSeconds;

    @Option(
            names = "--log-format",
            scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:HEARTH_LOG_FORMAT:-text}",
            description = "text or json: one JSON object a line, for log shippers (env HEARTH_LOG_FORMAT; "
                    + "default ${DEFAULT-VALUE}).")
    String logFormat;

    @Option(
            names = "--log-level",
            scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:HEARTH_LOG_LEVEL:-info}",
            description = "error, warn, info, debug or trace (env HEARTH_LOG_LEVEL; default ${DEFAULT-VALUE}). "
                    + "Info logs one line per call, without personal data.")
    String logLevel;

    @Option(
            names = "--no-migrate",
            defaultValue = "${env:HEARTH_NO_MIGRATE:-false}",
            description = "Refuse to start on a database with pending migrations instead of applying them, e.g. "
                    + "while several servers are upgraded: run 'hearth-server migrate' once first "
                    + "(env HEARTH_NO_MIGRATE).")
    boolean noMigrate;

    @Option(
            names = "--metrics-port",
            defaultValue = "${env:HEARTH_METRICS_PORT}",
            description =
                    "Serve metrics in the Prometheus format at http://HOST:PORT/metrics (env HEARTH_METRICS_PORT; "
                            + "default: off; 0 picks a free port).")
    Integer metricsPort;

    @Option(
            names = "--metrics-host",
            defaultValue = "${env:HEARTH_METRICS_HOST:-127.0.0.1}",
            description = "Address the metrics port listens on (env HEARTH_METRICS_HOST; default ${DEFAULT-VALUE}: "
                    + "they need no token).")
    String metricsHost;

    static final String ADMIN_TOKEN_VARIABLE = "HEARTH_ADMIN_TOKEN";
    /** A token file larger than this is not a token file. */
    static final int MAX_ADMIN_TOKEN_FILE_BYTES = 4096;

    private static final Pattern DURATION_AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

    /** Seconds ({@code 3}, {@code 2.5}), {@code 500ms}, {@code 3s}, {@code 1m} or ISO-8601 ({@code PT3S}). */
    static Duration parseDuration(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher amount = DURATION_AMOUNT.matcher(text);
        try {
            if (amount.matches()) {
                String unit = amount.group(2) == null ? "s" : amount.group(2);
                long millisPerUnit = switch (unit) {
                    case "ms" -> 1;
                    case "m" -> 60_000;
                    default -> 1_000;
                };
                return Duration.ofMillis(new BigDecimal(amount.group(1))
                        .multiply(BigDecimal.valueOf(millisPerUnit))
                        .setScale(0, RoundingMode.HALF_UP)
                        .longValueExact());
            }
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration: give seconds (3, 2.5), 500ms, 3s or PT3S");
        }
    }

    /** A duration; the ranges are checked with the settings that use it. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parseDuration(value);
        }
    }

    /** A duration, within what the connection pool takes. */
    static final class ConnectTimeoutConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration timeout = parseDuration(value);
            try {
                return DatabaseConfig.checkConnectTimeout(timeout);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A duration from a second (reading a few small files that often costs nothing) to a day. */
    static final class ReloadPeriodConverter implements CommandLine.ITypeConverter<Duration> {
        static final Duration MIN = Duration.ofSeconds(1);
        static final Duration MAX = Duration.ofDays(1);

        @Override
        public Duration convert(String value) {
            Duration period = parseDuration(value);
            if (period.compareTo(MIN) < 0 || period.compareTo(MAX) > 0) {
                throw new CommandLine.TypeConversionException(
                        "the TLS reload period must be between 1s and 1 day, got " + value.strip());
            }
            return period;
        }
    }

    /** Why the server will not start, in one line that names the option to fix. */
    static final class StartRefusedException extends RuntimeException {
        StartRefusedException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.err, true)));
    }

    /**
     * Runs the server until it is stopped; returns the exit code. A refusal to start is one line on
     * {@code err} and exit code 2, as picocli reports a usage error.
     */
    static int run(String[] args, PrintWriter err) {
        return run(args, err, new PrintWriter(System.out, true));
    }

    /** As {@link #run(String[], PrintWriter)}, with what a command reports ({@code migrate}) on {@code out}. */
    static int run(String[] args, PrintWriter err, PrintWriter out) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setErr(err);
        commandLine.setOut(out);
        // a bad flag value is one line and a hint, not the whole help page
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            exception
                    .getCommandLine()
                    .getErr()
                    .println((exception.getCommandLine().getCommand() instanceof MigrateCommand
                                    ? "hearth-server migrate: "
                                    : "hearth-server: not started: ")
                            + exception.getMessage() + " (hearth-server --help lists the flags)");
            exception.getCommandLine().getErr().flush();
            return CommandLine.ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof StartRefusedException) {
                boolean migrating = command.getCommand() instanceof MigrateCommand;
                command.getErr()
                        .println((migrating ? "hearth-server migrate: " : "hearth-server: not started: ")
                                + exception.getMessage());
                command.getErr().flush();
                return CommandLine.ExitCode.USAGE;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        applyLogSettings();
        ServerConfig config = config();
        EscalationConfig escalation = escalation();
        ListenPolicy.refusal(config.host(), config.tls().isPresent(), config.insecure())
                .ifPresent(reason -> {
                    throw new StartRefusedException(reason);
                });
        Optional<ServerTls> tls = loadTls(config);
        // before the database is opened and migrated: a second server on the port changes nothing
        StartFailures.portInUse(config.host(), config.port()).ifPresent(reason -> {
            throw new StartRefusedException(reason);
        });
        Files.createDirectories(config.dataDir());
        if (metricsPort != null) {
            if (metricsPort < 0 || metricsPort > 65_535) {
                throw new StartRefusedException("--metrics-port must be 0 to 65535, not " + metricsPort);
            }
            StartFailures.portInUse(metricsHost, metricsPort).ifPresent(reason -> {
                throw new StartRefusedException(reason.replace("--port", "--metrics-port"));
            });
        }
        Metrics metrics = new Metrics();
        Database database;
        try {
            database = Database.open(
                    config.database(),
                    metrics.registry(),
                    noMigrate ? Database.SchemaPolicy.REQUIRE_CURRENT : Database.SchemaPolicy.MIGRATE);
        } catch (SchemaBehindException e) {
            throw new StartRefusedException(e.getMessage() + " (--no-migrate): run 'java -jar hearth-server.jar "
                    + "migrate' with the same database options first, or start without --no-migrate");
        } catch (RuntimeException e) {
            throw StartFailures.databaseFailure(e, config.database(), config.dataDir())
                    .<RuntimeException>map(StartRefusedException::new)
                    .orElse(e);
        }
        ServerCredentials credentials = tls.map(ServerTls::credentials).orElseGet(InsecureServerCredentials::create);
        Injector injector = Guice.createInjector(
                new CoreModule(config, database, Clock.systemUTC(), escalation),
                new GrpcModule(),
                new NettyTransportModule(credentials),
                binder -> binder.bind(Metrics.class).toInstance(metrics));
        SyncRunKeeper syncRuns = injector.getInstance(SyncRunKeeper.class);
        syncRuns.start();
        HearthServer server;
        try {
            server = injector.getInstance(HearthServer.class).start();
        } catch (HearthException e) {
            database.close();
            throw new StartRefusedException(
                    config.adminToken().map(AdminToken::source).orElse("start") + ": " + e.getMessage());
        } catch (IOException e) {
            // the port was free a moment ago: another process took it since
            database.close();
            throw StartFailures.bindFailure(e, config.host(), config.port())
                    .<RuntimeException>map(StartRefusedException::new)
                    .orElseThrow(() -> e);
        }
        RatingRefresher refresher = injector.getInstance(RatingRefresher.class);
        refresher.start(60);
        ConnectionScheduler schedules = injector.getInstance(ConnectionScheduler.class);
        schedules.start(ConnectionScheduler.DEFAULT_PERIOD);
        EscalationJob escalations = injector.getInstance(EscalationJob.class);
        escalations.start(escalation.checkEvery());
        tls.ifPresent(ServerTls::startReloading);
        Thread startPass = contactCadences(injector.getInstance(HearthCore.class));
        Thread shutdown = new Thread(
                () -> {
                    log.info("Hearth server stopping: finishing in-flight calls");
                    tls.ifPresent(ServerTls::close);
                    refresher.close();
                    schedules.close();
                    escalations.close();
                    stop(startPass, Duration.ofSeconds(Math.max(1, Math.min(graceSeconds, 10))));
                    injector.getInstance(QueueWatchers.class).close();
                    // imports end INTERRUPTED after their batch, while the database is still open
                    syncRuns.stopRuns(Duration.ofSeconds(Math.max(1, Math.min(graceSeconds, 10))));
                    try {
                        server.stop(graceSeconds);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        database.close();
                        log.info("Hearth server stopped");
                    }
                },
                "hearth-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        log.info(
                "Hearth server listening on {}:{} over {} (database: {} {})",
                config.host(),
                server.port(),
                access(config, tls, injector.getInstance(Authentication.class).required()),
                config.database().kind(),
                config.database().redactedUrl());
        log.info("Limits per token on this server: {}", describe(config.limits()));
        database.settingsWarnings().forEach(log::warn);
        if (metricsPort != null) {
            DomainMetrics.bind(metrics, injector.getInstance(HearthCore.class).figures(), Clock.systemUTC());
            MetricsEndpoint endpoint = MetricsEndpoint.start(metrics, metricsHost, metricsPort);
            log.info("Metrics at http://{}:{}/metrics", metricsHost, endpoint.port());
        }
        // after the start lines, which tools and tests wait for
        startPass.start();
        if (stopAfterStart) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            shutdown.run();
            return 0;
        }
        server.awaitTermination();
        return 0;
    }

    void applyLogSettings() {
        LogSettings.Format format;
        try {
            format = LogSettings.Format.valueOf(logFormat.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StartRefusedException("--log-format must be text or json, not '" + logFormat + "'");
        }
        try {
            LogSettings.apply(format, LogSettings.level(logLevel.trim()));
        } catch (IllegalArgumentException e) {
            throw new StartRefusedException("--log-level: " + e.getMessage());
        }
    }

    /** For the start log: the limits in force, each with the flag that changes it. */
    static String describe(LimitsConfig limits) {
        String rate = limits.rateLimited()
                ? BigDecimal.valueOf(limits.callsPerSecond())
                                .stripTrailingZeros()
                                .toPlainString() + " calls per second, bursts of " + limits.burst()
                : "no rate limit";
        String streams = limits.streamsCapped() ? limits.maxStreamsPerCaller() + " open streams" : "no stream cap";
        return rate + " (--rate-limit, --rate-burst); " + streams + " (--max-streams-per-token); requests up to "
                + limits.maxMessageBytes() + " bytes (--max-message-bytes)";
    }

    /** The certificate files, read and checked before anything else starts. */
    private static Optional<ServerTls> loadTls(ServerConfig config) {
        if (config.tls().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ServerTls.load(config.tls().get()));
        } catch (UnusableTlsFileException e) {
            throw new StartRefusedException(e.getMessage());
        }
    }

    /** For the start line: how callers reach the server, and who can. */
    static String access(ServerConfig config, Optional<ServerTls> tls, boolean tokensRequired) {
        String tokens = tokensRequired ? "every call needs an API token" : "open to local callers only";
        if (tls.isPresent()) {
            return tls.get().describe() + "; " + tokens;
        }
        if (ListenPolicy.isLoopback(config.host())) {
            return tokensRequired ? "plaintext on loopback; " + tokens : "plaintext, " + tokens;
        }
        return "plaintext (--insecure): tokens and data cross the network unencrypted, anyone on the way can read "
                + "them; " + tokens;
    }

    /** The database the flags name: the embedded one in the data directory unless --db-url is given. */
    DatabaseConfig databaseConfig() {
        return (dbUrl == null || dbUrl.isBlank()
                        ? DatabaseConfig.embedded(dataDir, dbPoolSize)
                        : new DatabaseConfig(dbUrl, dbUser, dbPassword, dbPoolSize))
                .withConnectTimeout(dbConnectTimeout);
    }

    ServerConfig config() {
        DatabaseConfig database = databaseConfig();
        ImportConfig imports = ImportConfig.in(dataDir);
        return new ServerConfig(
                host,
                port,
                dataDir,
                database,
                phoneRegion,
                new CadenceConfig(leadFollowUpLimit, contactFollowUpLimit, autoConvert),
                new ImportConfig(
                        importsDir == null ? imports.importsDir() : importsDir, imports.uploadsDir(), maxUploadBytes),
                tlsConfig(),
                insecure,
                adminToken(),
                limits());
    }

    EscalationConfig escalation() {
        try {
            return new EscalationConfig(
                    responseWindow,
                    escalateBefore,
                    Optional.ofNullable(inboundTeam).map(String::strip).filter(team -> !team.isEmpty()),
                    escalationPeriod);
        } catch (IllegalArgumentException e) {
            throw new StartRefusedException(e.getMessage());
        }
    }

    private LimitsConfig limits() {
        try {
            return new LimitsConfig(rateLimit, rateBurst, maxStreamsPerToken, maxMessageBytes);
        } catch (IllegalArgumentException e) {
            throw new StartRefusedException(e.getMessage());
        }
    }

    /** The first admin token, from the variable or the file (not both), checked before anything starts. */
    private Optional<AdminToken> adminToken() {
        boolean inVariable = adminTokenVariable != null && !adminTokenVariable.isBlank();
        if (inVariable && adminTokenFile != null) {
            throw new StartRefusedException("give the admin token once: " + ADMIN_TOKEN_VARIABLE
                    + " or --admin-token-file " + adminTokenFile + ", not both");
        }
        AdminToken token;
        if (inVariable) {
            token = new AdminToken(adminTokenVariable.strip(), ADMIN_TOKEN_VARIABLE);
        } else if (adminTokenFile != null) {
            token = new AdminToken(readTokenFile(adminTokenFile), "--admin-token-file " + adminTokenFile);
        } else {
            return Optional.empty();
        }
        TokenRules.configuredProblem(token.value()).ifPresent(problem -> {
            throw new StartRefusedException(token.source() + ": " + problem);
        });
        return Optional.of(token);
    }

    private static String readTokenFile(Path file) {
        try {
            if (Files.size(file) > MAX_ADMIN_TOKEN_FILE_BYTES) {
                throw new StartRefusedException("--admin-token-file " + file + ": larger than "
                        + MAX_ADMIN_TOKEN_FILE_BYTES + " bytes, so not a file holding one token");
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | UncheckedIOException e) {
            throw new StartRefusedException("--admin-token-file " + file + ": cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** TLS needs a certificate and its key together; client certificate authorities only come with them. */
    private Optional<TlsConfig> tlsConfig() {
        if (tlsCert == null && tlsKey == null) {
            if (tlsClientCa != null) {
                throw new StartRefusedException("--tls-client-ca " + tlsClientCa
                        + " needs --tls-cert and --tls-key: mutual TLS is TLS with the server's own certificate first");
            }
            return Optional.empty();
        }
        if (tlsCert == null) {
            throw new StartRefusedException(
                    "--tls-key " + tlsKey + " needs --tls-cert, the certificate chain that goes with the key");
        }
        if (tlsKey == null) {
            throw new StartRefusedException(
                    "--tls-cert " + tlsCert + " needs --tls-key, the private key of the certificate");
        }
        return Optional.of(new TlsConfig(tlsCert, tlsKey, Optional.ofNullable(tlsClientCa), tlsReloadPeriod));
    }

    /**
     * Gives contacts stored before every contact got its cadence's first step on arrival theirs, then
     * places the queue entries of deals stored before the deal lane, in the background: a start after
     * that finds nothing to do, and of several servers starting together each contact is done by one
     * at a time.
     */
    private static Thread contactCadences(HearthCore core) {
        Thread thread = new Thread(
                () -> {
                    try {
                        int started = core.contactCadenceBackfill().run(200);
                        if (started > 0) {
                            log.info("started the follow-up cadence of {} contacts stored without one", started);
                        }
                    } catch (RuntimeException e) {
                        // the next start tries again: it works on contacts still without a cadence
                        startPassFailed("starting the cadences of contacts stored without one", e);
                    }
                    // after the cadences: a contact's entry weighs its follow-up and its deals
                    try {
                        int placed = core.dealQueueBackfill().run(200);
                        if (placed > 0) {
                            log.info(
                                    "placed the queue entries of {} contacts with deals stored before the deal lane",
                                    placed);
                        }
                    } catch (RuntimeException e) {
                        // not recorded as done: the next start goes through it again
                        startPassFailed("placing the queue entries of deals stored before the deal lane", e);
                    }
                },
                "hearth-contact-cadences");
        thread.setDaemon(true);
        return thread;
    }

    private static void startPassFailed(String what, RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
            log.info("{} stopped with the server; the next start goes on with it", what);
        } else {
            log.warn("{} failed: {}", what, FailureSummary.of(e));
        }
    }

    /**
     * Lets the start-up pass finish before the database closes under it (it is quick where there is
     * little to do, and a stop right after a start used to log its failure), interrupting it after
     * {@code patience}: it then stops after its current batch, which commits or rolls back whole.
     * Not interrupted at once: an interrupt may reach the embedded database inside a write.
     */
    private static void stop(Thread startPass, Duration patience) {
        if (!startPass.isAlive()) {
            return;
        }
        try {
            startPass.join(patience.toMillis());
            if (startPass.isAlive()) {
                startPass.interrupt();
                startPass.join(patience.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
