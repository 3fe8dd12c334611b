package io.hearth.server.grpc;

import io.hearth.core.sync.Connection;
import io.hearth.core.sync.ConnectionDirection;
import io.hearth.core.sync.ConnectionField;
import io.hearth.core.sync.ConnectionFields;
import io.hearth.core.sync.ConnectionSchedule;
import io.hearth.core.sync.ConnectorRegistry;
import io.hearth.core.sync.SyncRun;
import java.util.EnumSet;
import java.util.Set;

/** Connections between proto and core; every check on the values is core's. */
final class ConnectionMapper {
    private static final String DIRECTION = "CONNECTION_DIRECTION_";

    private ConnectionMapper() {}

    static io.hearth.proto.v1.Connection toProto(Connection connection) {
        ConnectionFields f = connection.fields();
        io.hearth.proto.v1.Connection.Builder proto = io.hearth.proto.v1.Connection.newBuilder()
                .setName(connection.name())
                .setDisplayName(f.displayName())
                .setConnector(ConnectorRegistry.COLLECTION + f.connector())
                .putAllConfig(f.config())
                // references as stored: a secret is never resolved for an answer
                .putAllSecretRefs(f.secretRefs())
                .setEveryMinutes(f.schedule().everyMinutes())
                .setDirection(
                        ProtoEnums.toProto(f.direction(), io.hearth.proto.v1.ConnectionDirection.class, DIRECTION))
                .setEnabled(f.enabled())
                .setEtag(connection.etag())
                .setCreateTime(ProtoTimes.toProto(connection.createdAt()))
                .setUpdateTime(ProtoTimes.toProto(connection.updatedAt()));
        if (connection.nextRunAt() != null) {
            proto.setNextRunTime(ProtoTimes.toProto(connection.nextRunAt()));
        }
        if (connection.cursor() != null) {
            proto.setCursor(connection.cursor());
        }
        if (connection.lastRun() != null) {
            proto.setLastRun(SyncRun.COLLECTION + connection.lastRun());
        }
        return proto.build();
    }

    /** The values as received; an absent {@code enabled} is true, an absent schedule manual. */
    static ConnectionFields toFields(io.hearth.proto.v1.ConnectionOrBuilder proto) {
        return new ConnectionFields(
                proto.getDisplayName(),
                proto.getConnector(),
                proto.getConfigMap(),
                proto.getSecretRefsMap(),
                ConnectionSchedule.every(proto.getEveryMinutes()),
                ProtoEnums.toDomain(proto.getDirection(), ConnectionDirection.class, DIRECTION, "connection.direction"),
                !proto.hasEnabled() || proto.getEnabled());
    }

    static Set<ConnectionField> fieldsSetIn(io.hearth.proto.v1.ConnectionOrBuilder proto) {
        Set<ConnectionField> set = EnumSet.noneOf(ConnectionField.class);
        addIf(set, ConnectionField.DISPLAY_NAME, !proto.getDisplayName().isEmpty());
        addIf(set, ConnectionField.CONFIG, proto.getConfigCount() > 0);
        addIf(set, ConnectionField.SECRET_REFS, proto.getSecretRefsCount() > 0);
        addIf(set, ConnectionField.SCHEDULE, proto.hasEveryMinutes());
        addIf(set, ConnectionField.DIRECTION, proto.getDirectionValue() != 0);
        addIf(set, ConnectionField.ENABLED, proto.hasEnabled());
        return set;
    }

    private static void addIf(Set<ConnectionField> set, ConnectionField field, boolean condition) {
        if (condition) {
            set.add(field);
        }
    }
}
