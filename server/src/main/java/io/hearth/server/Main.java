package io.hearth.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.server.config.CadenceConfig;
import io.hearth.server.config.ImportConfig;
import io.hearth.server.config.ServerConfig;
import io.hearth.server.grpc.QueueWatchers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
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
        version = "hearth-server 0.1.0",
        description = "Runs the Hearth lead server. Every flag also reads an environment variable.")
public final class Main implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

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
            defaultValue = "${env:HEARTH_DATA_DIR:-./hearth-data}",
            description =
                    "Directory for the embedded database and plugins (env HEARTH_DATA_DIR; default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--db-url",
            defaultValue = "${env:HEARTH_DB_URL}",
            description = "JDBC URL; jdbc:postgresql://host:port/db for PostgreSQL (env HEARTH_DB_URL; default: "
                    + "an HSQLDB file database in the data directory).")
    String dbUrl;

    @Option(
            names = "--db-user",
            defaultValue = "${env:HEARTH_DB_USER}",
            description = "Database user (env HEARTH_DB_USER).")
    String dbUser;

    @Option(
            names = "--db-password",
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
            names = "--shutdown-grace-seconds",
            defaultValue = "20",
            description = "How long in-flight calls may run after SIGTERM (default ${DEFAULT-VALUE}).")
    long graceSeconds;

    /** Seconds ({@code 3}, {@code 2.5}), {@code 500ms}, {@code 3s}, {@code 1m} or ISO-8601 ({@code PT3S}), in range. */
    static final class ConnectTimeoutConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            Duration timeout;
            Matcher amount = AMOUNT.matcher(text);
            try {
                if (amount.matches()) {
                    String unit = amount.group(2) == null ? "s" : amount.group(2);
                    long millisPerUnit = switch (unit) {
                        case "ms" -> 1;
                        case "m" -> 60_000;
                        default -> 1_000;
                    };
                    timeout = Duration.ofMillis(new BigDecimal(amount.group(1))
                            .multiply(BigDecimal.valueOf(millisPerUnit))
                            .setScale(0, RoundingMode.HALF_UP)
                            .longValueExact());
                } else {
                    timeout = Duration.parse(text.toUpperCase(Locale.ROOT));
                }
                return DatabaseConfig.checkConnectTimeout(timeout);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration: give seconds (3, 2.5), 500ms, 3s or PT3S");
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig config = config();
        Files.createDirectories(config.dataDir());
        Database database = Database.open(config.database());
        Injector injector = Guice.createInjector(
                new CoreModule(config, database, Clock.systemUTC()), new GrpcModule(), new NettyTransportModule());
        SyncRunKeeper syncRuns = injector.getInstance(SyncRunKeeper.class);
        syncRuns.start();
        HearthServer server = injector.getInstance(HearthServer.class).start();
        RatingRefresher refresher = injector.getInstance(RatingRefresher.class);
        refresher.start(60);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("Hearth server stopping: finishing in-flight calls");
                            refresher.close();
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
                        "hearth-shutdown"));
        log.info(
                "Hearth server listening on {}:{} (database: {} {})",
                config.host(),
                server.port(),
                config.database().kind(),
                config.database().redactedUrl());
        server.awaitTermination();
        return 0;
    }

    ServerConfig config() {
        DatabaseConfig database = (dbUrl == null || dbUrl.isBlank()
                        ? DatabaseConfig.embedded(dataDir, dbPoolSize)
                        : new DatabaseConfig(dbUrl, dbUser, dbPassword, dbPoolSize))
                .withConnectTimeout(dbConnectTimeout);
        ImportConfig imports = ImportConfig.in(dataDir);
        return new ServerConfig(
                host,
                port,
                dataDir,
                database,
                phoneRegion,
                new CadenceConfig(leadFollowUpLimit, contactFollowUpLimit, autoConvert),
                new ImportConfig(
                        importsDir == null ? imports.importsDir() : importsDir, imports.uploadsDir(), maxUploadBytes));
    }
}
