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
                request.hasExpiresIn() ? Optional.of(ProtoTimes.toDuration(request.getExpiresIn())) : Optional.empty());
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
}
