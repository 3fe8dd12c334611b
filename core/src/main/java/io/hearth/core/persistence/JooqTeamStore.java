package io.hearth.core.persistence;

import static io.hearth.core.persistence.JooqLeadProfileStore.at;
import static io.hearth.core.persistence.JooqLeadProfileStore.instant;
import static io.hearth.core.persistence.generated.Tables.API_TOKEN;
import static io.hearth.core.persistence.generated.Tables.TEAM_REP_OUT;
import static io.hearth.core.persistence.generated.Tables.TEAM_SETTING;
import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.Role;
import io.hearth.core.team.TeamSettings;
import io.hearth.core.team.TeamStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * {@link TeamStore} on jOOQ. A team's reps are the users its live rep tokens name; its settings
 * and round-robin turn are one row, which every assignment updates first to lock it.
 */
public final class JooqTeamStore implements TeamStore {
    private static final String NOBODY = "hearth";

    private final DSLContext dsl;

    public JooqTeamStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public Set<String> reps(String team, Instant now) {
        return dsl.selectDistinct(API_TOKEN.USER_NAME)
                .from(API_TOKEN)
                .where(API_TOKEN.TEAM.eq(team))
                .and(API_TOKEN.ROLE.eq(Role.REP.name()))
                .and(API_TOKEN.REVOKED_AT.isNull())
                .and(API_TOKEN.EXPIRES_AT.isNull().or(API_TOKEN.EXPIRES_AT.gt(at(now))))
                .fetchSet(API_TOKEN.USER_NAME);
    }

    @Override
    public Map<String, RepOut> repsOut(String team) {
        Map<String, RepOut> out = new LinkedHashMap<>();
        dsl.selectFrom(TEAM_REP_OUT)
                .where(TEAM_REP_OUT.TEAM.eq(team))
                .orderBy(TEAM_REP_OUT.USER_NAME)
                .forEach(r -> out.put(r.getUserName(), new RepOut(instant(r.getOutSince()), r.getSetBy())));
        return out;
    }

    @Override
    public Optional<String> teamOf(String user) {
        return dsl.select(API_TOKEN.TEAM)
                .from(API_TOKEN)
                .where(API_TOKEN.USER_NAME.eq(user))
                .and(API_TOKEN.TEAM.isNotNull())
                .orderBy(API_TOKEN.TEAM)
                .limit(1)
                .fetchOptional(API_TOKEN.TEAM);
    }

    @Override
    public boolean exists(String team) {
        return dsl.fetchExists(API_TOKEN, API_TOKEN.TEAM.eq(team))
                || dsl.fetchExists(TEAM_SETTING, TEAM_SETTING.TEAM.eq(team));
    }

    @Override
    public TeamSettings settings(String team) {
        return dsl.selectFrom(TEAM_SETTING)
                .where(TEAM_SETTING.TEAM.eq(team))
                .fetchOptional(r -> new TeamSettings(r.getReassignMissedLeads(), r.getLastAssigned()))
                .orElse(TeamSettings.DEFAULTS);
    }

    @Override
    public void saveReassignMissedLeads(String team, boolean reassign, Instant at, String by) {
        ensureRow(team, at, by);
        dsl.update(TEAM_SETTING)
                .set(TEAM_SETTING.REASSIGN_MISSED_LEADS, reassign)
                .set(TEAM_SETTING.UPDATED_AT, at(at))
                .set(TEAM_SETTING.UPDATED_BY, by)
                .where(TEAM_SETTING.TEAM.eq(team))
                .execute();
    }

    @Override
    public boolean markOut(String team, String user, Instant at, String by) {
        try {
            return dsl.insertInto(TEAM_REP_OUT)
                            .set(TEAM_REP_OUT.TEAM, team)
                            .set(TEAM_REP_OUT.USER_NAME, user)
                            .set(TEAM_REP_OUT.OUT_SINCE, at(at))
                            .set(TEAM_REP_OUT.SET_BY, by)
                            .onConflictDoNothing()
                            .execute()
                    == 1;
        } catch (IntegrityConstraintViolationException already) {
            return false;
        }
    }

    @Override
    public boolean markBack(String team, String user) {
        return dsl.deleteFrom(TEAM_REP_OUT)
                        .where(TEAM_REP_OUT.TEAM.eq(team))
                        .and(TEAM_REP_OUT.USER_NAME.eq(user))
                        .execute()
                > 0;
    }

    @Override
    public Optional<String> lockTurn(String team, Instant at) {
        ensureRow(team, at, NOBODY);
        // an update locks the row on both databases until the transaction ends; a read after it
        // sees the turn the last holder of the lock committed
        dsl.update(TEAM_SETTING)
                .set(TEAM_SETTING.LAST_ASSIGNED, TEAM_SETTING.LAST_ASSIGNED)
                .where(TEAM_SETTING.TEAM.eq(team))
                .execute();
        return dsl.select(TEAM_SETTING.LAST_ASSIGNED)
                .from(TEAM_SETTING)
                .where(TEAM_SETTING.TEAM.eq(team))
                .fetchOptional(TEAM_SETTING.LAST_ASSIGNED);
    }

    @Override
    public void turnTakenBy(String team, String rep) {
        dsl.update(TEAM_SETTING)
                .set(TEAM_SETTING.LAST_ASSIGNED, rep)
                .where(TEAM_SETTING.TEAM.eq(team))
                .execute();
    }

    private void ensureRow(String team, Instant at, String by) {
        try {
            dsl.insertInto(TEAM_SETTING)
                    .set(TEAM_SETTING.TEAM, team)
                    .set(TEAM_SETTING.REASSIGN_MISSED_LEADS, false)
                    .set(TEAM_SETTING.UPDATED_AT, at(at))
                    .set(TEAM_SETTING.UPDATED_BY, by)
                    .onConflictDoNothing()
                    .execute();
        } catch (IntegrityConstraintViolationException created) {
            // another server created it meanwhile: the row is there, which is all this needs
        }
    }
}
