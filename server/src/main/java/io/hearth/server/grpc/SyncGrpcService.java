package io.hearth.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hearth.connector.spi.Connector;
import io.hearth.core.app.Connections;
import io.hearth.core.app.PeopleExporter;
import io.hearth.core.app.SyncEngine;
import io.hearth.core.query.Page;
import io.hearth.core.sync.Connection;
import io.hearth.core.sync.ConnectorRegistry;
import io.hearth.core.sync.ExportResult;
import io.hearth.core.sync.Rejection;
import io.hearth.core.sync.SyncListener;
import io.hearth.core.sync.SyncRequest;
import io.hearth.core.sync.SyncRun;
import io.hearth.core.sync.UploadSteps;
import io.hearth.proto.v1.CreateConnectionRequest;
import io.hearth.proto.v1.DeleteConnectionRequest;
import io.hearth.proto.v1.ExportContactsRequest;
import io.hearth.proto.v1.ExportContactsResponse;
import io.hearth.proto.v1.ExportLeadsRequest;
import io.hearth.proto.v1.ExportLeadsResponse;
import io.hearth.proto.v1.ExportOpportunitiesRequest;
import io.hearth.proto.v1.ExportOpportunitiesResponse;
import io.hearth.proto.v1.ExportSummary;
import io.hearth.proto.v1.GetConnectionRequest;
import io.hearth.proto.v1.GetSyncRunRequest;
import io.hearth.proto.v1.ImportFileHeader;
import io.hearth.proto.v1.ImportFileRequest;
import io.hearth.proto.v1.ListConnectionsRequest;
import io.hearth.proto.v1.ListConnectionsResponse;
import io.hearth.proto.v1.ListConnectorsRequest;
import io.hearth.proto.v1.ListConnectorsResponse;
import io.hearth.proto.v1.ListRejectedRecordsRequest;
import io.hearth.proto.v1.ListRejectedRecordsResponse;
import io.hearth.proto.v1.ListSyncRunsRequest;
import io.hearth.proto.v1.ListSyncRunsResponse;
import io.hearth.proto.v1.RunConnectionRequest;
import io.hearth.proto.v1.StartSyncRequest;
import io.hearth.proto.v1.SyncServiceGrpc;
import io.hearth.proto.v1.TestConnectionRequest;
import io.hearth.proto.v1.TestConnectionResponse;
import io.hearth.proto.v1.UpdateConnectionRequest;
import io.hearth.proto.v1.ValidateConnectorConfigRequest;
import io.hearth.proto.v1.ValidateConnectorConfigResponse;
import io.hearth.server.config.ImportConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** SyncService over gRPC: maps requests to the sync engine and exporter and their results back. */
public final class SyncGrpcService extends SyncServiceGrpc.SyncServiceImplBase {
    private static final int CHUNK_BYTES = 64 * 1024;

    private final SyncEngine engine;
    private final Connections connections;
    private final PeopleExporter exporter;
    private final ImportConfig imports;

    @Inject
    public SyncGrpcService(SyncEngine engine, Connections connections, PeopleExporter exporter, ImportConfig imports) {
        this.engine = requireNonNull(engine, "engine is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.exporter = requireNonNull(exporter, "exporter is null");
        this.imports = requireNonNull(imports, "imports is null");
    }

    @Override
    public void listConnectors(ListConnectorsRequest request, StreamObserver<ListConnectorsResponse> response) {
        Page<Connector> page = engine.listConnectors(request.getPageSize(), request.getPageToken());
        ListConnectorsResponse.Builder result = ListConnectorsResponse.newBuilder();
        page.items().forEach(c -> result.addConnectors(SyncMapper.toProto(c)));
        page.nextPageToken().ifPresent(result::setNextPageToken);
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void validateConnectorConfig(
            ValidateConnectorConfigRequest request, StreamObserver<ValidateConnectorConfigResponse> response) {
        engine.checkMayRun();
        String connector = ConnectorRegistry.connectorName(request.getConnector(), "connector");
        ValidateConnectorConfigResponse.Builder result = ValidateConnectorConfigResponse.newBuilder();
        engine.validate(connector, request.getConfigMap()).forEach(p -> result.addProblems(SyncMapper.toProto(p)));
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void startSync(StartSyncRequest request, StreamObserver<io.hearth.proto.v1.SyncRun> response) {
        engine.checkMayRun();
        CallListener.watch(response);
        SyncRequest sync = new SyncRequest(
                ConnectorRegistry.connectorName(request.getConnector(), "connector"),
                request.getConfigMap(),
                request.getMappingMap(),
                null,
                request.getDryRun(),
                false);
        SyncRun finished = runDetached(sync, Context.current(), response);
        response.onNext(SyncMapper.toProto(finished));
        response.onCompleted();
    }

    @Override
    public StreamObserver<ImportFileRequest> importFile(StreamObserver<io.hearth.proto.v1.SyncRun> response) {
        Context call = Context.current();
        CallListener.watch(response);
        return new StreamObserver<>() {
            private final UploadSteps steps = new UploadSteps(imports.maxUploadBytes());
            private Upload upload;
            private ImportFileHeader header;

            @Override
            public void onNext(ImportFileRequest message) {
                engine.checkMayRun();
                if (message.hasHeader()) {
                    steps.header(message.getHeader().getConfigMap());
                    header = message.getHeader();
                    upload = Upload.start(imports.uploadsDir(), header.getFileName());
                    return;
                }
                try {
                    steps.chunk(message.getChunk().size());
                    upload.append(message.getChunk());
                } catch (RuntimeException refused) {
                    // the call ends with this error, and no onError or onCompleted follows to clean up
                    if (upload != null) {
                        upload.delete();
                    }
                    throw refused;
                }
            }

            @Override
            public void onError(Throwable cancelled) {
                if (upload != null) {
                    upload.delete();
                }
            }

            @Override
            public void onCompleted() {
                engine.checkMayRun();
                steps.end();
                SyncRun finished;
                try {
                    Map<String, String> config = new HashMap<>(header.getConfigMap());
                    config.put(UploadSteps.PATH, upload.finish().toString());
                    String connector = header.getConnector().isEmpty()
                            ? engine.connectorForFile(header.getFileName(), "header.connector")
                            : ConnectorRegistry.connectorName(header.getConnector(), "header.connector");
                    // the content digest names the source: the same file uploaded again resumes or repeats its import
                    SyncRequest sync = new SyncRequest(
                            connector, config, header.getMappingMap(), upload.digest(), header.getDryRun(), true);
                    finished = runDetached(sync, call, response);
                } finally {
                    // before the answer: a client that has it finds no upload left behind
                    upload.delete();
                }
                response.onNext(SyncMapper.toProto(finished));
                response.onCompleted();
            }
        };
    }

    @Override
    public void exportLeads(ExportLeadsRequest request, StreamObserver<ExportLeadsResponse> response) {
        export(
                "leads",
                request.getConnector(),
                request.getConfigMap(),
                (connector, config) -> exporter.exportLeads(connector, config, request.getFilter()),
                response,
                chunk -> ExportLeadsResponse.newBuilder().setChunk(chunk).build(),
                summary -> ExportLeadsResponse.newBuilder().setSummary(summary).build());
    }

    @Override
    public void exportContacts(ExportContactsRequest request, StreamObserver<ExportContactsResponse> response) {
        export(
                "contacts",
                request.getConnector(),
                request.getConfigMap(),
                (connector, config) -> exporter.exportContacts(connector, config, request.getFilter()),
                response,
                chunk -> ExportContactsResponse.newBuilder().setChunk(chunk).build(),
                summary ->
                        ExportContactsResponse.newBuilder().setSummary(summary).build());
    }

    @Override
    public void exportOpportunities(
            ExportOpportunitiesRequest request, StreamObserver<ExportOpportunitiesResponse> response) {
        export(
                "opportunities",
                request.getConnector(),
                request.getConfigMap(),
                (connector, config) -> exporter.exportOpportunities(connector, config, request.getFilter()),
                response,
                chunk ->
                        ExportOpportunitiesResponse.newBuilder().setChunk(chunk).build(),
                summary -> ExportOpportunitiesResponse.newBuilder()
                        .setSummary(summary)
                        .build());
    }

    /** Writes the export to a temporary file, then streams it back in chunks and ends with its summary. */
    private <R> void export(
            String what,
            String connectorName,
            Map<String, String> requestConfig,
            BiFunction<String, Map<String, String>, ExportResult> export,
            StreamObserver<R> response,
            Function<ByteString, R> chunk,
            Function<ExportSummary, R> summary) {
        String connector = ConnectorRegistry.connectorName(connectorName, "connector");
        PeopleExporter.requireNoPath(requestConfig, "config");
        Upload file = Upload.start(imports.uploadsDir(), what + "." + connector);
        try {
            Map<String, String> config = new HashMap<>(requestConfig);
            config.put("path", file.finish().toString());
            ExportResult result = export.apply(connector, config);
            try (InputStream in = Files.newInputStream(file.path())) {
                byte[] buffer = new byte[CHUNK_BYTES];
                for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                    response.onNext(chunk.apply(ByteString.copyFrom(buffer, 0, read)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read back the export", e);
            }
            response.onNext(summary.apply(ExportSummary.newBuilder()
                    .setWritten(result.written())
                    .setFailed(result.failed())
                    .addAllErrors(result.errors())
                    .build()));
            response.onCompleted();
        } finally {
            file.delete();
        }
    }

    @Override
    public void listSyncRuns(ListSyncRunsRequest request, StreamObserver<ListSyncRunsResponse> response) {
        Page<SyncRun> page = engine.listRuns(request.getPageSize(), request.getPageToken(), request.getConnection());
        ListSyncRunsResponse.Builder result = ListSyncRunsResponse.newBuilder();
        page.items().forEach(run -> result.addSyncRuns(SyncMapper.toProto(run)));
        page.nextPageToken().ifPresent(result::setNextPageToken);
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void getSyncRun(GetSyncRunRequest request, StreamObserver<io.hearth.proto.v1.SyncRun> response) {
        engine.checkMayRun();
        response.onNext(SyncMapper.toProto(engine.getRun(SyncRun.idFromName(request.getName(), "name"))));
        response.onCompleted();
    }

    @Override
    public void listRejectedRecords(
            ListRejectedRecordsRequest request, StreamObserver<ListRejectedRecordsResponse> response) {
        engine.checkMayRun();
        Page<Rejection> page = engine.rejections(
                SyncRun.idFromName(request.getParent(), "parent"), request.getPageSize(), request.getPageToken());
        ListRejectedRecordsResponse.Builder result = ListRejectedRecordsResponse.newBuilder();
        page.items().forEach(r -> result.addRejectedRecords(SyncMapper.toProto(r)));
        page.nextPageToken().ifPresent(result::setNextPageToken);
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void createConnection(
            CreateConnectionRequest request, StreamObserver<io.hearth.proto.v1.Connection> response) {
        reply(
                response,
                connections.create(
                        request.hasConnection() ? ConnectionMapper.toFields(request.getConnection()) : null));
    }

    @Override
    public void getConnection(GetConnectionRequest request, StreamObserver<io.hearth.proto.v1.Connection> response) {
        reply(response, connections.get(request.getName(), "name"));
    }

    @Override
    public void listConnections(ListConnectionsRequest request, StreamObserver<ListConnectionsResponse> response) {
        Page<Connection> page = connections.list(request.getPageSize(), request.getPageToken());
        ListConnectionsResponse.Builder result = ListConnectionsResponse.newBuilder();
        page.items().forEach(c -> result.addConnections(ConnectionMapper.toProto(c)));
        page.nextPageToken().ifPresent(result::setNextPageToken);
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void updateConnection(
            UpdateConnectionRequest request, StreamObserver<io.hearth.proto.v1.Connection> response) {
        io.hearth.proto.v1.Connection connection = request.getConnection();
        reply(
                response,
                connections.update(
                        connection.getName(),
                        request.hasConnection() ? ConnectionMapper.toFields(connection) : null,
                        request.getUpdateMask().getPathsList(),
                        ConnectionMapper.fieldsSetIn(connection),
                        connection.getEtag()));
    }

    @Override
    public void deleteConnection(DeleteConnectionRequest request, StreamObserver<Empty> response) {
        connections.delete(request.getName(), request.getEtag());
        response.onNext(Empty.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void testConnection(TestConnectionRequest request, StreamObserver<TestConnectionResponse> response) {
        TestConnectionResponse.Builder result = TestConnectionResponse.newBuilder();
        connections.test(request.getName()).forEach(p -> result.addProblems(SyncMapper.toProto(p)));
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void runConnection(RunConnectionRequest request, StreamObserver<io.hearth.proto.v1.SyncRun> response) {
        CallListener.watch(response);
        Context call = Context.current();
        SyncRun finished = detached(call, () -> connections.run(request.getName(), new CallListener(response, call)));
        response.onNext(SyncMapper.toProto(finished));
        response.onCompleted();
    }

    private static void reply(StreamObserver<io.hearth.proto.v1.Connection> response, Connection connection) {
        response.onNext(ConnectionMapper.toProto(connection));
        response.onCompleted();
    }

    /**
     * Runs a sync outside the call's cancellation: a caller who goes ends the run between batches
     * ({@link CallListener#cancelled}), and the run's own bookkeeping (its end, its source given
     * back) must still commit after the caller has gone, which the call guard would refuse.
     */
    private SyncRun runDetached(SyncRequest sync, Context call, StreamObserver<io.hearth.proto.v1.SyncRun> response) {
        return detached(call, () -> engine.run(sync, new CallListener(response, call)));
    }

    private static SyncRun detached(Context call, Supplier<SyncRun> run) {
        Context detached = call.fork();
        Context previous = detached.attach();
        try {
            return run.get();
        } finally {
            detached.detach(previous);
        }
    }

    /**
     * Streams a run's progress to the caller, and tells the engine when the caller has gone
     * (cancelled, deadline passed, connection lost): the run then ends CANCELLED after its batch.
     */
    private static final class CallListener implements SyncListener {
        private final StreamObserver<io.hearth.proto.v1.SyncRun> response;
        private final Context call;

        CallListener(StreamObserver<io.hearth.proto.v1.SyncRun> response, Context call) {
            this.response = response;
            this.call = call;
        }

        /**
         * Lets the run notice a cancelled call between batches ({@link #cancelled}) instead of
         * failing on its next progress message; grpc-java takes this only as the call starts.
         */
        static void watch(StreamObserver<?> response) {
            if (response instanceof ServerCallStreamObserver<?> server) {
                server.setOnCancelHandler(() -> {});
            }
        }

        @Override
        public void onProgress(SyncRun run) {
            if (!call.isCancelled()) {
                response.onNext(SyncMapper.toProto(run));
            }
        }

        @Override
        public boolean cancelled() {
            return call.isCancelled();
        }
    }
}
