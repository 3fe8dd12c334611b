package io.hearth.server;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import io.grpc.ManagedChannel;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.TestDatabases;
import io.hearth.server.config.CadenceConfig;
import io.hearth.server.config.ServerConfig;
import io.hearth.server.grpc.QueueWatchers;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** The real server wiring on an in-memory HSQLDB, reached through an in-process channel. */
public final class InProcessHearth implements AutoCloseable {
    private final Database database;
    private final boolean ownsDatabase;
    private final Injector injector;
    private final HearthServer server;
    private final ManagedChannel channel;

    public InProcessHearth(Clock clock) throws Exception {
        this(clock, CadenceConfig.DEFAULTS, Path.of("unused"));
    }

    public InProcessHearth(Clock clock, CadenceConfig cadence) throws Exception {
        this(clock, cadence, Path.of("unused"));
    }

    /** With {@code dataDir} holding the plugins folder. */
    public InProcessHearth(Clock clock, Path dataDir) throws Exception {
        this(clock, CadenceConfig.DEFAULTS, dataDir);
    }

    public InProcessHearth(Clock clock, CadenceConfig cadence, Path dataDir) throws Exception {
        this(clock, cadence, dataDir, TestDatabases.hsqldb(), true);
    }

    /** On {@code database}, which the caller closes after this. */
    public InProcessHearth(Clock clock, Database database) throws Exception {
        this(clock, CadenceConfig.DEFAULTS, Path.of("unused"), database, false);
    }

    private InProcessHearth(Clock clock, CadenceConfig cadence, Path dataDir, Database database, boolean ownsDatabase)
            throws Exception {
        String name = InProcessServerBuilder.generateName();
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        ServerConfig config = new ServerConfig("localhost", 0, dataDir, database.config(), "US", cadence);
        injector = Guice.createInjector(new CoreModule(config, database, clock), new GrpcModule(),
                new AbstractModule() {
                    @Provides
                    ServerBuilder<?> serverBuilder() {
                        return InProcessServerBuilder.forName(name).directExecutor();
                    }
                });
        server = injector.getInstance(HearthServer.class).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    public ManagedChannel channel() {
        return channel;
    }

    public <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    @Override
    public void close() throws Exception {
        injector.getInstance(QueueWatchers.class).close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(5);
        if (ownsDatabase) {
            database.close();
        }
    }
}
