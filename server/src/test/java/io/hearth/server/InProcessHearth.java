package io.hearth.server;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.matcher.AbstractMatcher;
import com.google.inject.spi.ProvisionListener;
import io.grpc.ManagedChannel;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.TestDatabases;
import io.hearth.server.config.AdminToken;
import io.hearth.server.config.CadenceConfig;
import io.hearth.server.config.ImportConfig;
import io.hearth.server.config.LimitsConfig;
import io.hearth.server.config.ServerConfig;
import io.hearth.server.grpc.QueueWatchers;
import io.hearth.server.tls.ListenPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The real server wiring on an in-memory HSQLDB, reached through an in-process channel. */
public final class InProcessHearth implements AutoCloseable {
    /** The test database lent to this server, given back on close; null when the caller's. */
    private final TestDatabases.TestDatabase ownDatabase;

    private final Injector injector;
    private final HearthServer server;
    private final ManagedChannel channel;
    private final Path ownDataDir;
    /** The sync run keepers made for the tests: stopped on close, as Main stops its own. */
    private final List<SyncRunKeeper> keepers = new CopyOnWriteArrayList<>();

    public InProcessHearth(Clock clock) throws Exception {
        this(clock, CadenceConfig.DEFAULTS, null);
    }

    public InProcessHearth(Clock clock, CadenceConfig cadence) throws Exception {
        this(clock, cadence, null);
    }

    /** With {@code dataDir} holding the plugins folder and the import and upload folders. */
    public InProcessHearth(Clock clock, Path dataDir) throws Exception {
        this(clock, CadenceConfig.DEFAULTS, dataDir);
    }

    /** @param dataDir null: a temporary one, removed on close */
    public InProcessHearth(Clock clock, CadenceConfig cadence, Path dataDir) throws Exception {
        this(clock, cadence, dataDir, ImportConfig.DEFAULT_MAX_UPLOAD_BYTES);
    }

    public InProcessHearth(Clock clock, CadenceConfig cadence, Path dataDir, long maxUploadBytes) throws Exception {
        this(clock, cadence, dataDir, maxUploadBytes, true);
    }

    /**
     * @param direct run calls on the caller's thread (deterministic); false: on thread pools, as a
     *     real server does, so a client can cancel a call while the server works on it
     */
    public InProcessHearth(Clock clock, CadenceConfig cadence, Path dataDir, long maxUploadBytes, boolean direct)
            throws Exception {
        this(clock, cadence, dataDir, maxUploadBytes, direct, TestDatabases.openHsqldb());
    }

    /** On {@code database}, which the caller closes after this. */
    public InProcessHearth(Clock clock, Database database) throws Exception {
        this(clock, CadenceConfig.DEFAULTS, null, ImportConfig.DEFAULT_MAX_UPLOAD_BYTES, false, database, null);
    }

    /** On {@code database}, which the caller closes after this, with {@code dataDir} holding the plugins folder. */
    public InProcessHearth(Clock clock, Path dataDir, Database database) throws Exception {
        this(clock, CadenceConfig.DEFAULTS, dataDir, ImportConfig.DEFAULT_MAX_UPLOAD_BYTES, false, database, null);
    }

    /**
     * As a server started with {@code --host host} and, when present, an admin token: how it decides
     * whether calls need a token. Calls run on the caller's thread.
     */
    public static InProcessHearth listeningOn(Clock clock, String host, Optional<String> adminToken) throws Exception {
        TestDatabases.TestDatabase lent = TestDatabases.openHsqldb();
        UnaryOperator<ServerConfig> configure = config -> {
            ServerConfig onHost = new ServerConfig(
                            host,
                            config.port(),
                            config.dataDir(),
                            config.database(),
                            config.phoneRegion(),
                            config.cadence(),
                            config.imports(),
                            config.tls(),
                            !ListenPolicy.isLoopback(host),
                            Optional.empty())
                    .withLimits(config.limits());
            return adminToken
                    .map(token -> onHost.withAdminToken(new AdminToken(token, "the test")))
                    .orElse(onHost);
        };
        return new InProcessHearth(
                clock,
                CadenceConfig.DEFAULTS,
                null,
                ImportConfig.DEFAULT_MAX_UPLOAD_BYTES,
                true,
                lent.database(),
                lent,
                configure);
    }

    /**
     * With {@code limits}, and the admin token {@code adminToken} when present. Calls run on thread
     * pools, as on a real server, so a client can cancel a stream while the server holds it.
     */
    public static InProcessHearth withLimits(Clock clock, LimitsConfig limits, Optional<String> adminToken)
            throws Exception {
        TestDatabases.TestDatabase lent = TestDatabases.openHsqldb();
        UnaryOperator<ServerConfig> configure = config -> {
            ServerConfig limited = config.withLimits(limits);
            return adminToken
                    .map(token -> limited.withAdminToken(new AdminToken(token, "the test")))
                    .orElse(limited);
        };
        return new InProcessHearth(
                clock,
                CadenceConfig.DEFAULTS,
                null,
                ImportConfig.DEFAULT_MAX_UPLOAD_BYTES,
                false,
                lent.database(),
                lent,
                configure);
    }

    private InProcessHearth(
            Clock clock,
            CadenceConfig cadence,
            Path dataDir,
            long maxUploadBytes,
            boolean direct,
            TestDatabases.TestDatabase lent)
            throws Exception {
        this(clock, cadence, dataDir, maxUploadBytes, direct, lent.database(), lent, UnaryOperator.identity());
    }

    private InProcessHearth(
            Clock clock,
            CadenceConfig cadence,
            Path dataDir,
            long maxUploadBytes,
            boolean direct,
            Database database,
            TestDatabases.TestDatabase ownDatabase)
            throws Exception {
        this(clock, cadence, dataDir, maxUploadBytes, direct, database, ownDatabase, UnaryOperator.identity());
    }

    private InProcessHearth(
            Clock clock,
            CadenceConfig cadence,
            Path dataDir,
            long maxUploadBytes,
            boolean direct,
            Database database,
            TestDatabases.TestDatabase ownDatabase,
            UnaryOperator<ServerConfig> configure)
            throws Exception {
        ownDataDir = dataDir == null ? Files.createTempDirectory("hearth-test-") : null;
        Path dir = dataDir == null ? ownDataDir : dataDir;
        String name = InProcessServerBuilder.generateName();
        this.ownDatabase = ownDatabase;
        ImportConfig imports = ImportConfig.in(dir);
        // no rate limit unless a test asks for one (withLimits): tests call faster than any rep
        ServerConfig config = configure.apply(new ServerConfig(
                        "localhost",
                        0,
                        dir,
                        database.config(),
                        "US",
                        cadence,
                        new ImportConfig(imports.importsDir(), imports.uploadsDir(), maxUploadBytes))
                .withLimits(LimitsConfig.UNLIMITED));
        injector =
                Guice.createInjector(new CoreModule(config, database, clock), new GrpcModule(), new AbstractModule() {
                    @Override
                    protected void configure() {
                        // a test may start a keeper; it must not go on reaping after the database closed
                        bindListener(
                                new AbstractMatcher<Binding<?>>() {
                                    @Override
                                    public boolean matches(Binding<?> binding) {
                                        return binding.getKey().getTypeLiteral().getRawType() == SyncRunKeeper.class;
                                    }
                                },
                                new ProvisionListener() {
                                    @Override
                                    public <T> void onProvision(ProvisionInvocation<T> provision) {
                                        keepers.add((SyncRunKeeper) provision.provision());
                                    }
                                });
                    }

                    @Provides
                    ServerBuilder<?> serverBuilder() {
                        InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
                        return direct ? builder.directExecutor() : builder;
                    }
                });
        server = injector.getInstance(HearthServer.class).start();
        InProcessChannelBuilder channelBuilder = InProcessChannelBuilder.forName(name);
        channel = (direct ? channelBuilder.directExecutor() : channelBuilder).build();
    }

    public ManagedChannel channel() {
        return channel;
    }

    public <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    public <T> T get(Key<T> key) {
        return injector.getInstance(key);
    }

    @Override
    public void close() throws Exception {
        injector.getInstance(QueueWatchers.class).close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(5);
        for (SyncRunKeeper keeper : keepers) {
            keeper.stopRuns(Duration.ofSeconds(5)); // as Main does: runs end while the database is open
        }
        if (ownDatabase != null) {
            ownDatabase.close();
        }
        if (ownDataDir != null) {
            try (Stream<Path> paths = Files.walk(ownDataDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
