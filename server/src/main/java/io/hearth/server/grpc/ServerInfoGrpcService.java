package io.hearth.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.grpc.stub.StreamObserver;
import io.hearth.core.auth.Principal;
import io.hearth.core.persistence.Database;
import io.hearth.core.sync.ConnectorRegistry;
import io.hearth.proto.v1.GetServerInfoRequest;
import io.hearth.proto.v1.Role;
import io.hearth.proto.v1.ServerInfo;
import io.hearth.proto.v1.ServerServiceGrpc;
import io.hearth.server.ServerVersion;
import io.hearth.server.auth.Authentication;
import io.hearth.server.auth.Callers;
import java.time.Clock;
import java.util.Optional;

/** What this server is: version, database, schema, connectors, clock, and who the caller is. */
public final class ServerInfoGrpcService extends ServerServiceGrpc.ServerServiceImplBase {
    private final Database database;
    private final ConnectorRegistry connectors;
    private final Authentication authentication;
    private final Clock clock;

    @Inject
    public ServerInfoGrpcService(
            Database database, ConnectorRegistry connectors, Authentication authentication, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.authentication = requireNonNull(authentication, "authentication is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void getServerInfo(GetServerInfoRequest request, StreamObserver<ServerInfo> response) {
        ServerInfo.Builder info = ServerInfo.newBuilder()
                .setVersion(ServerVersion.get())
                .setDatabaseKind(database.config().kind().name())
                .setSchemaVersion(database.schemaVersion())
                .setTokensRequired(authentication.required());
        connectors.page(Integer.MAX_VALUE, null).forEach(connector -> info.addConnectors(connector.name()));
        Optional<Principal> caller = Callers.current();
        caller.ifPresent(principal -> info.setCallerUser(principal.user())
                .setCallerRole(Role.valueOf("ROLE_" + principal.role().name())));
        info.setServerTime(ProtoTimes.toProto(clock.instant()));
        response.onNext(info.build());
        response.onCompleted();
    }
}
