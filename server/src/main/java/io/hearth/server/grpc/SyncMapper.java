package io.hearth.server.grpc;

import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.ConfigType;
import io.hearth.core.sync.ConnectorRegistry;
import io.hearth.core.sync.Rejection;
import io.hearth.core.sync.SyncCounts;
import io.hearth.core.sync.SyncRun;
import io.hearth.core.sync.SyncState;
import io.hearth.proto.v1.ConfigKeySpec;
import io.hearth.proto.v1.ConfigValueType;
import io.hearth.proto.v1.Connector;
import io.hearth.proto.v1.ConnectorCapability;
import io.hearth.proto.v1.RejectedRecord;
import io.hearth.proto.v1.SyncRunState;

/** Sync domain values to and from their protos. */
final class SyncMapper {
    static final String CONNECTORS = ConnectorRegistry.COLLECTION;

    private SyncMapper() {}

    static Connector toProto(io.hearth.connector.spi.Connector connector) {
        Connector.Builder result =
                Connector.newBuilder().setName(CONNECTORS + connector.name()).setDescription(connector.description());
        for (ConfigKey key : connector.configKeys()) {
            result.addConfigKeys(ConfigKeySpec.newBuilder()
                    .setName(key.name())
                    .setType(toProto(key.type()))
                    .setRequired(key.required())
                    .setDefaultValue(key.defaultValue() == null ? "" : key.defaultValue())
                    .setSecret(key.secret())
                    .setDoc(key.doc()));
        }
        connector.capabilities().stream().sorted().map(SyncMapper::toProto).forEach(result::addCapabilities);
        return result.build();
    }

    static io.hearth.proto.v1.ConfigProblem toProto(ConfigProblem problem) {
        return io.hearth.proto.v1.ConfigProblem.newBuilder()
                .setKey(problem.key())
                .setMessage(problem.message())
                .build();
    }

    static io.hearth.proto.v1.SyncRun toProto(SyncRun run) {
        SyncCounts c = run.counts();
        io.hearth.proto.v1.SyncRun.Builder result = io.hearth.proto.v1.SyncRun.newBuilder()
                .setName(run.name())
                .setConnector(CONNECTORS + run.connector())
                .setSource(run.sourceLabel())
                .setState(toProto(run.state()))
                .setDryRun(run.dryRun())
                .setStartTime(ProtoTimes.toProto(run.startedAt()))
                .setCounts(io.hearth.proto.v1.SyncCounts.newBuilder()
                        .setRead(c.read())
                        .setCreated(c.created())
                        .setUpdated(c.updated())
                        .setUnchanged(c.unchanged())
                        .setMerged(c.merged())
                        .setRejected(c.rejected())
                        .setArchived(c.archived())
                        .setPeopleWritten(c.peopleWritten())
                        .setPeopleFailed(c.peopleFailed())
                        .setTouchesWritten(c.touchesWritten())
                        .setTouchesFailed(c.touchesFailed())
                        .setDealsWritten(c.dealsWritten())
                        .setDealsFailed(c.dealsFailed()));
        if (run.finishedAt() != null) {
            result.setEndTime(ProtoTimes.toProto(run.finishedAt()));
        }
        if (run.startCursor() != null) {
            result.setStartCursor(run.startCursor());
        }
        if (run.endCursor() != null) {
            result.setEndCursor(run.endCursor());
        }
        if (run.error() != null) {
            result.setError(run.error());
        }
        return result.build();
    }

    static RejectedRecord toProto(Rejection rejection) {
        return RejectedRecord.newBuilder()
                .setPosition(rejection.position())
                .setReason(rejection.reason())
                .setRaw(rejection.rawExcerpt())
                .build();
    }

    private static ConfigValueType toProto(ConfigType type) {
        return switch (type) {
            case STRING -> ConfigValueType.CONFIG_VALUE_TYPE_STRING;
            case INTEGER -> ConfigValueType.CONFIG_VALUE_TYPE_INTEGER;
            case BOOLEAN -> ConfigValueType.CONFIG_VALUE_TYPE_BOOLEAN;
            case PATH -> ConfigValueType.CONFIG_VALUE_TYPE_PATH;
        };
    }

    private static ConnectorCapability toProto(Capability capability) {
        return switch (capability) {
            case READ -> ConnectorCapability.CONNECTOR_CAPABILITY_READ;
            case WRITE -> ConnectorCapability.CONNECTOR_CAPABILITY_WRITE;
            case INCREMENTAL -> ConnectorCapability.CONNECTOR_CAPABILITY_INCREMENTAL;
            case WRITE_TOUCHES -> ConnectorCapability.CONNECTOR_CAPABILITY_WRITE_TOUCHES;
            case READ_DEALS -> ConnectorCapability.CONNECTOR_CAPABILITY_READ_DEALS;
            case WRITE_DEALS -> ConnectorCapability.CONNECTOR_CAPABILITY_WRITE_DEALS;
        };
    }

    private static SyncRunState toProto(SyncState state) {
        return switch (state) {
            case RUNNING -> SyncRunState.SYNC_RUN_STATE_RUNNING;
            case SUCCEEDED -> SyncRunState.SYNC_RUN_STATE_SUCCEEDED;
            case FAILED -> SyncRunState.SYNC_RUN_STATE_FAILED;
            case INTERRUPTED -> SyncRunState.SYNC_RUN_STATE_INTERRUPTED;
            case CANCELLED -> SyncRunState.SYNC_RUN_STATE_CANCELLED;
        };
    }
}
