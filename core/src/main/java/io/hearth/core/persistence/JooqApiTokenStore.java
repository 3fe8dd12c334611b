package io.hearth.core.persistence;

import static io.hearth.core.persistence.JooqLeadProfileStore.at;
import static io.hearth.core.persistence.JooqLeadProfileStore.instant;
import static io.hearth.core.persistence.generated.Tables.API_TOKEN;
import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.ApiToken;
import io.hearth.core.auth.ApiTokenStore;
import io.hearth.core.auth.Role;
import io.hearth.core.auth.TokenHash;
import io.hearth.core.persistence.generated.tables.records.ApiTokenRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/** {@link ApiTokenStore} on jOOQ: one row per token, found by the unique index on its hash. */
public final class JooqApiTokenStore implements ApiTokenStore {
    private final DSLContext dsl;

    public JooqApiTokenStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public void insert(ApiToken token, TokenHash hash) {
        ApiTokenRecord row = dsl.newRecord(API_TOKEN);
        fill(row, token, hash);
        row.insert();
    }

    @Override
    public boolean insertIfAbsent(ApiToken token, TokenHash hash) {
        ApiTokenRecord row = dsl.newRecord(API_TOKEN);
        fill(row, token, hash);
        try {
            // PostgreSQL waits for a concurrent insert of the same key and then inserts nothing;
            // HSQLDB may refuse the second insert instead
            return dsl.insertInto(API_TOKEN).set(row).onConflictDoNothing().execute() == 1;
        } catch (IntegrityConstraintViolationException taken) {
            return false;
        }
    }

    @Override
    public Optional<ApiToken> findByHash(TokenHash hash) {
        return dsl.selectFrom(API_TOKEN)
                .where(API_TOKEN.TOKEN_HASH.eq(hash.hex()))
                .fetchOptional(JooqApiTokenStore::toToken);
    }

    @Override
    public Optional<ApiToken> find(String id) {
        return dsl.selectFrom(API_TOKEN).where(API_TOKEN.ID.eq(id)).fetchOptional(JooqApiTokenStore::toToken);
    }

    @Override
    public void replace(ApiToken token, TokenHash hash) {
        dsl.update(API_TOKEN)
                .set(API_TOKEN.USER_NAME, token.user())
                .set(API_TOKEN.ROLE, token.role().name())
                .set(API_TOKEN.TEAM, token.team().orElse(null))
                .set(API_TOKEN.TOKEN_HASH, hash.hex())
                .set(API_TOKEN.CREATED_AT, at(token.createdAt()))
                .set(API_TOKEN.CREATED_BY, token.createdBy())
                .set(API_TOKEN.EXPIRES_AT, at(token.expiresAt().orElse(null)))
                .set(API_TOKEN.REVOKED_AT, at(token.revokedAt().orElse(null)))
                .where(API_TOKEN.ID.eq(token.id()))
                .execute();
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return dsl.update(API_TOKEN)
                        .set(API_TOKEN.REVOKED_AT, at(at))
                        .where(API_TOKEN.ID.eq(id))
                        .and(API_TOKEN.REVOKED_AT.isNull())
                        .execute()
                == 1;
    }

    @Override
    public List<ApiToken> list(int limit, Optional<String> afterId) {
        return dsl.selectFrom(API_TOKEN)
                .where(afterId.map(API_TOKEN.ID::gt).orElse(DSL.noCondition()))
                .orderBy(API_TOKEN.ID)
                .limit(limit)
                .fetch(JooqApiTokenStore::toToken);
    }

    @Override
    public boolean anyExists() {
        return dsl.fetchExists(dsl.selectOne().from(API_TOKEN));
    }

    @Override
    public boolean isOnTeam(String user, String team) {
        return dsl.fetchExists(dsl.selectOne()
                .from(API_TOKEN)
                .where(API_TOKEN.USER_NAME.eq(user))
                .and(API_TOKEN.TEAM.eq(team)));
    }

    @Override
    public Set<String> teamMembers(String team) {
        return dsl.selectDistinct(API_TOKEN.USER_NAME)
                .from(API_TOKEN)
                .where(API_TOKEN.TEAM.eq(team))
                .fetchSet(API_TOKEN.USER_NAME);
    }

    private static void fill(ApiTokenRecord row, ApiToken token, TokenHash hash) {
        row.setId(token.id());
        row.setUserName(token.user());
        row.setRole(token.role().name());
        row.setTeam(token.team().orElse(null));
        row.setTokenHash(hash.hex());
        row.setCreatedAt(at(token.createdAt()));
        row.setCreatedBy(token.createdBy());
        row.setExpiresAt(at(token.expiresAt().orElse(null)));
        row.setRevokedAt(at(token.revokedAt().orElse(null)));
    }

    private static ApiToken toToken(ApiTokenRecord row) {
        return new ApiToken(
                row.getId(),
                row.getUserName(),
                Role.valueOf(row.getRole()),
                Optional.ofNullable(row.getTeam()),
                instant(row.getCreatedAt()),
                row.getCreatedBy(),
                Optional.ofNullable(instant(row.getExpiresAt())),
                Optional.ofNullable(instant(row.getRevokedAt())));
    }
}
