package io.hearth.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.grpc.stub.StreamObserver;
import io.hearth.core.app.ApiTokens;
import io.hearth.core.app.AuditLog;
import io.hearth.core.app.Backups;
import io.hearth.core.audit.AuditEntry;
import io.hearth.core.auth.ApiToken;
import io.hearth.core.auth.IssuedToken;
import io.hearth.core.query.Page;
import io.hearth.proto.v1.AdminServiceGrpc;
import io.hearth.proto.v1.BackupDatabaseRequest;
import io.hearth.proto.v1.BackupDatabaseResponse;
import io.hearth.proto.v1.CreateTokenRequest;
import io.hearth.proto.v1.CreateTokenResponse;
import io.hearth.proto.v1.ListAuditEntriesRequest;
import io.hearth.proto.v1.ListAuditEntriesResponse;
import io.hearth.proto.v1.ListTokensRequest;
import io.hearth.proto.v1.ListTokensResponse;
import io.hearth.proto.v1.RevokeTokenRequest;
import io.hearth.server.auth.Callers;

/**
 * Token administration. Core decides who may: every call passes the caller's principal, and core
 * refuses all but an admin's.
 */
public final class AdminGrpcService extends AdminServiceGrpc.AdminServiceImplBase {
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final Backups backups;

    @Inject
    public AdminGrpcService(ApiTokens tokens, AuditLog audit, Backups backups) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.backups = requireNonNull(backups, "backups is null");
    }

    @Override
    public void backupDatabase(BackupDatabaseRequest request, StreamObserver<BackupDatabaseResponse> response) {
        Backups.Backup backup = backups.backUp();
        response.onNext(BackupDatabaseResponse.newBuilder()
                .setFile(backup.file().toString())
                .setSizeBytes(backup.bytes())
                .setStartTime(ProtoTimes.toProto(backup.startedAt()))
                .setDuration(ProtoTimes.toProto(backup.took()))
                .build());
        response.onCompleted();
    }

    @Override
    public void createToken(CreateTokenRequest request, StreamObserver<CreateTokenResponse> response) {
        IssuedToken issued = tokens.create(Callers.current(), AdminMapper.toNewToken(request));
        response.onNext(CreateTokenResponse.newBuilder()
                .setApiToken(AdminMapper.toProto(issued.token()))
                .setToken(issued.secret())
                .build());
        response.onCompleted();
    }

    @Override
    public void listTokens(ListTokensRequest request, StreamObserver<ListTokensResponse> response) {
        Page<ApiToken> page = tokens.list(Callers.current(), request.getPageSize(), request.getPageToken());
        ListTokensResponse.Builder result = ListTokensResponse.newBuilder();
        page.items().forEach(token -> result.addApiTokens(AdminMapper.toProto(token)));
        page.nextPageToken().ifPresent(result::setNextPageToken);
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void revokeToken(RevokeTokenRequest request, StreamObserver<io.hearth.proto.v1.ApiToken> response) {
        response.onNext(AdminMapper.toProto(tokens.revoke(Callers.current(), request.getName())));
        response.onCompleted();
    }

    @Override
    public void listAuditEntries(ListAuditEntriesRequest request, StreamObserver<ListAuditEntriesResponse> response) {
        Page<AuditEntry> page =
                audit.list(request.getResource(), request.getUser(), request.getPageSize(), request.getPageToken());
        ListAuditEntriesResponse.Builder result = ListAuditEntriesResponse.newBuilder();
        page.items().forEach(entry -> result.addAuditEntries(AdminMapper.toProto(entry)));
        page.nextPageToken().ifPresent(result::setNextPageToken);
        response.onNext(result.build());
        response.onCompleted();
    }
}
