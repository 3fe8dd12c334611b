package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.API_TOKEN;
import static io.hearth.core.persistence.generated.Tables.OPPORTUNITY;
import static io.hearth.core.persistence.generated.Tables.TEAM_PIPELINE_STAGE;
import static java.util.Objects.requireNonNull;

import io.hearth.core.opportunity.Outcome;
import io.hearth.core.opportunity.PipelineStage;
import io.hearth.core.opportunity.TeamPipelineStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link TeamPipelineStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. */
public final class JooqTeamPipelineStore implements TeamPipelineStore {
    private final DSLContext dsl;

    public JooqTeamPipelineStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public List<PipelineStage> openStages(String team) {
        return dsl.selectFrom(TEAM_PIPELINE_STAGE)
                .where(TEAM_PIPELINE_STAGE.TEAM.eq(team))
                .orderBy(TEAM_PIPELINE_STAGE.SEQ)
                .fetch(r -> new PipelineStage(
                        r.getStage(), r.getDisplayName(), r.getProbability(), r.getStallDays(), Outcome.OPEN));
    }

    @Override
    public void replace(String team, List<PipelineStage> stages, Instant at, String by) {
        dsl.deleteFrom(TEAM_PIPELINE_STAGE)
                .where(TEAM_PIPELINE_STAGE.TEAM.eq(team))
                .execute();
        for (int seq = 0; seq < stages.size(); seq++) {
            PipelineStage stage = stages.get(seq);
            dsl.insertInto(TEAM_PIPELINE_STAGE)
                    .set(TEAM_PIPELINE_STAGE.TEAM, team)
                    .set(TEAM_PIPELINE_STAGE.SEQ, seq)
                    .set(TEAM_PIPELINE_STAGE.STAGE, stage.key())
                    .set(TEAM_PIPELINE_STAGE.DISPLAY_NAME, stage.displayName())
                    .set(TEAM_PIPELINE_STAGE.PROBABILITY, stage.probability())
                    .set(TEAM_PIPELINE_STAGE.STALL_DAYS, stage.stallDays())
                    .set(TEAM_PIPELINE_STAGE.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                    .set(TEAM_PIPELINE_STAGE.UPDATED_BY, by)
                    .execute();
        }
    }

    @Override
    public Map<String, Integer> openDealsPerStage(String team) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        dsl.select(OPPORTUNITY.STAGE, DSL.count())
                .from(OPPORTUNITY)
                .where(OPPORTUNITY.OUTCOME.eq(Outcome.OPEN.name()))
                .and(OPPORTUNITY.ARCHIVED_AT.isNull())
                .and(OPPORTUNITY.OWNER.in(
                        DSL.select(API_TOKEN.USER_NAME).from(API_TOKEN).where(API_TOKEN.TEAM.eq(team))))
                .groupBy(OPPORTUNITY.STAGE)
                .orderBy(OPPORTUNITY.STAGE)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    @Override
    public Optional<String> teamOf(String user) {
        return dsl.select(API_TOKEN.TEAM)
                .from(API_TOKEN)
                .where(API_TOKEN.USER_NAME.eq(user))
                .and(API_TOKEN.TEAM.isNotNull())
                .orderBy(API_TOKEN.CREATED_AT.desc(), API_TOKEN.ID.desc())
                .limit(1)
                .fetchOptional(API_TOKEN.TEAM);
    }
}
