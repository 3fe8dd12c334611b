package io.hearth.server.grpc;

import io.hearth.core.auth.NewToken;
import io.hearth.proto.v1.ApiToken;
import io.hearth.proto.v1.CreateTokenRequest;
import io.hearth.proto.v1.Role;
import java.util.Optional;

/** Tokens between proto and core; never the secret, which only the create response carries. */
final class AdminMapper {
    private static final String ROLE_PREFIX = "ROLE_";

    private AdminMapper() {}

    static NewToken toNewToken(CreateTokenRequest request) {
        return new NewToken(
                request.getUser(),
                ProtoEnums.toDomain(request.getRole(), io.hearth.core.auth.Role.class, ROLE_PREFIX, "role"),
                request.getTeam().isEmpty() ? Optional.empty() : Optional.of(request.getTeam()),
                request.hasExpiresIn()
                        ? Optional.of(ProtoTimes.toDuration(request.getExpiresIn(), "expires_in"))
                        : Optional.empty());
    }

    static ApiToken toProto(io.hearth.core.auth.ApiToken token) {
        ApiToken.Builder proto = ApiToken.newBuilder()
                .setName("tokens/" + token.id())
                .setUser(token.user())
                .setRole(ProtoEnums.toProto(token.role(), Role.class, ROLE_PREFIX))
                .setTeam(token.team().orElse(""))
                .setCreateTime(ProtoTimes.toProto(token.createdAt()))
                .setCreatedBy(token.createdBy());
        token.expiresAt().ifPresent(at -> proto.setExpireTime(ProtoTimes.toProto(at)));
        token.revokedAt().ifPresent(at -> proto.setRevokeTime(ProtoTimes.toProto(at)));
        return proto.build();
    }

    static io.hearth.proto.v1.AuditEntry toProto(io.hearth.core.audit.AuditEntry entry) {
        io.hearth.proto.v1.AuditEntry.Builder proto = io.hearth.proto.v1.AuditEntry.newBuilder()
                .setName(entry.name())
                .setTime(ProtoTimes.toProto(entry.at()))
                .setUser(entry.user())
                .setToken(entry.tokenId() == null ? "" : "tokens/" + entry.tokenId())
                .setMethod(entry.method() == null ? "" : entry.method())
                .setResource(entry.resource())
                .setAction(entry.action());
        for (io.hearth.core.audit.FieldChange change : entry.changes()) {
            proto.addChanges(io.hearth.proto.v1.FieldChange.newBuilder()
                    .setField(change.field())
                    .setOldValue(change.oldValue() == null ? "" : change.oldValue())
                    .setNewValue(change.newValue() == null ? "" : change.newValue()));
        }
        return proto.build();
    }
}
