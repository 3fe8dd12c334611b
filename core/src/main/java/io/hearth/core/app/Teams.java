package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.Principal;
import io.hearth.core.auth.Role;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.Excerpts;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.PermissionDeniedException;
import io.hearth.core.opportunity.Outcome;
import io.hearth.core.opportunity.PipelineStage;
import io.hearth.core.opportunity.PipelineStageInput;
import io.hearth.core.opportunity.PipelineStageRules;
import io.hearth.core.opportunity.PipelineStages;
import io.hearth.core.opportunity.Pipelines;
import io.hearth.core.opportunity.TeamPipelineStore;
import io.hearth.core.resource.ControlCharacters;
import io.hearth.core.team.Team;
import io.hearth.core.team.TeamPipeline;
import io.hearth.core.team.TeamStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A team's roster and settings for escalation and round-robin assignment: which reps are out, and
 * whether missed web leads are reassigned. Anyone on a team may read it; its manager (or an admin,
 * for any team) changes it. A team is named as its members' tokens name it; a caller who names no
 * team means their own.
 */
public final class Teams {
    /** Longest team or user name, as the token table keeps them. */
    static final int MAX_NAME = 100;

    private static final String LOCAL = "local";
    private static final String REASSIGN_MISSED_LEADS = "reassign_missed_leads";

    private final TeamStore store;
    private final Transactor transactor;
    private final Clock clock;
    private final CurrentCaller caller;
    private final AuditLog audit;
    private final Pipelines pipelines;
    private final TeamPipelineStore pipelineStore;
    private final PipelineStageRules stageRules = new PipelineStageRules();

    public Teams(
            TeamStore store,
            Transactor transactor,
            Clock clock,
            CurrentCaller caller,
            AuditLog audit,
            Pipelines pipelines,
            TeamPipelineStore pipelineStore) {
        this.pipelines = requireNonNull(pipelines, "pipelines is null");
        this.pipelineStore = requireNonNull(pipelineStore, "pipelineStore is null");
        this.store = requireNonNull(store, "store is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.caller = requireNonNull(caller, "caller is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    /** The team as it is now. */
    public Team get(String team, String field) {
        return transactor.inTransaction(() -> read(readable(team, field)));
    }

    /**
     * An update as the API receives it: the team's one setting, {@code reassign_missed_leads}, when
     * the mask names it (or {@code *}), or, without a mask, when it is set (true).
     *
     * @param hasTeam whether the request carries the team at all
     * @param maskPaths the update mask's paths; empty when the request has none
     */
    public Team update(boolean hasTeam, String team, boolean reassignMissedLeads, List<String> maskPaths) {
        if (!hasTeam) {
            throw InvalidArgumentException.of("team", "required: the team with its name and new values");
        }
        for (String path : maskPaths) {
            if (!path.equals(REASSIGN_MISSED_LEADS) && !path.equals("*")) {
                throw InvalidArgumentException.of(
                        "update_mask",
                        "unknown or output-only path " + Excerpts.quoted(path) + "; the one field is "
                                + REASSIGN_MISSED_LEADS);
            }
        }
        if (maskPaths.isEmpty() && !reassignMissedLeads) {
            throw InvalidArgumentException.of(
                    "update_mask", "names no field to update; name " + REASSIGN_MISSED_LEADS + " to turn it off");
        }
        return setReassignMissedLeads(team, "team.name", reassignMissedLeads);
    }

    /** Turns reassignment of missed web leads on or off for the team. */
    public Team setReassignMissedLeads(String team, String field, boolean reassign) {
        return transactor.inTransaction(() -> {
            String name = changeable(team, field);
            boolean before = store.settings(name).reassignMissedLeads();
            store.saveReassignMissedLeads(name, reassign, clock.instant(), who());
            audit.record("teams/" + name, "update", new Setting(before), new Setting(reassign));
            return read(name);
        });
    }

    /**
     * Marks a rep of the team out (round robin skips them) or back.
     *
     * @param userField the request field naming the rep, for errors
     */
    public Team setAvailability(String team, String field, String user, String userField, boolean available) {
        String rep = requireName(user, userField);
        return transactor.inTransaction(() -> {
            String name = changeable(team, field);
            Instant now = clock.instant();
            if (!store.reps(name, now).contains(rep) && !store.repsOut(name).containsKey(rep)) {
                throw InvalidArgumentException.of(
                        userField,
                        "is not a rep of team " + name + " (no live rep token of the team names " + rep + ")");
            }
            boolean changed = available ? store.markBack(name, rep) : store.markOut(name, rep, now, who());
            if (changed) {
                audit.record("teams/" + name + "/reps/" + rep, "update", new Out(available), new Out(!available));
            }
            return read(name);
        });
    }

    /** The pipeline the team's deals move through: its own, or the default. Anyone on the team reads it. */
    public TeamPipeline pipeline(String team, String field) {
        return transactor.inTransaction(() -> {
            String name = readable(team, field);
            return new TeamPipeline(name, pipelines.ofTeam(name), pipelines.ownedBy(name));
        });
    }

    /**
     * Gives the team its own pipeline: {@code stages} are its open stages in order; the closing
     * stages stay as they are. The team's manager or an admin changes it.
     *
     * @throws FailedPreconditionException ({@code PIPELINE_STAGE_IN_USE}) when a stage left out
     *     still holds open deals of the team
     */
    public TeamPipeline updatePipeline(String team, String field, List<PipelineStageInput> stages) {
        PipelineStages fixed = pipelines.fallback();
        Set<String> closing = Set.of(
                fixed.closingStage(Outcome.WON).key(),
                fixed.closingStage(Outcome.LOST).key());
        List<PipelineStage> open = stageRules.check(stages, closing, "stages");
        return transactor.inTransaction(() -> {
            caller.require(Role.MANAGER, "changing a team's pipeline stages");
            String name = readable(team, field);
            PipelineStages before = pipelines.ofTeam(name);
            Set<String> kept = new java.util.HashSet<>();
            open.forEach(s -> kept.add(s.key()));
            List<String> stranded = new ArrayList<>();
            pipelineStore.openDealsPerStage(name).forEach((stage, deals) -> {
                if (!kept.contains(stage)) {
                    stranded.add(stage + " (" + deals + " open deal" + (deals == 1 ? "" : "s") + ")");
                }
            });
            if (!stranded.isEmpty()) {
                throw new FailedPreconditionException(
                        ErrorReason.PIPELINE_STAGE_IN_USE,
                        "team " + name + "'s open deals are in stages this pipeline leaves out: "
                                + String.join(", ", stranded)
                                + "; move or close those deals first, or keep the stages");
            }
            pipelineStore.replace(name, open, clock.instant(), who());
            PipelineStages after = pipelines.withOpenStages(open);
            audit.record("teams/" + name + "/pipeline", "update", Stages.of(before), Stages.of(after));
            return new TeamPipeline(name, after, true);
        });
    }

    private Team read(String name) {
        Map<String, TeamStore.RepOut> out = store.repsOut(name);
        TreeSet<String> reps = new TreeSet<>(store.reps(name, clock.instant()));
        reps.addAll(out.keySet());
        List<Team.Rep> roster = new ArrayList<>();
        for (String rep : reps) {
            TeamStore.RepOut away = out.get(rep);
            roster.add(new Team.Rep(rep, away == null ? null : away.since(), away == null ? null : away.by()));
        }
        return new Team(name, store.settings(name), roster);
    }

    /** The team named, or the caller's own; refused when the caller is on another team. */
    private String readable(String team, String field) {
        String name = resolve(team, field);
        Optional<Principal> principal = caller.principal();
        if (principal.isPresent()
                && !principal.get().isAdmin()
                && !principal.get().team().equals(Optional.of(name))) {
            throw new PermissionDeniedException(
                    ErrorReason.TEAM_NOT_CALLERS,
                    "your token is of "
                            + principal.get().team().map(t -> "team " + t).orElse("no team") + ", not of team " + name
                            + "; an admin sees every team");
        }
        if (!store.exists(name)) {
            throw new NotFoundException("teams/" + name);
        }
        return name;
    }

    private String changeable(String team, String field) {
        caller.require(Role.MANAGER, "changing a team's escalation settings");
        return readable(team, field);
    }

    private String resolve(String team, String field) {
        if (team == null || team.isBlank()) {
            return caller.principal()
                    .flatMap(Principal::team)
                    .orElseThrow(() -> InvalidArgumentException.of(
                            field, "required: the team, e.g. teams/east (your token names no team to default to)"));
        }
        String name = team.startsWith("teams/") ? team.substring("teams/".length()) : team;
        return requireName(name, field);
    }

    private static String requireName(String value, String field) {
        if (value == null || value.isBlank()) {
            throw InvalidArgumentException.of(field, "required");
        }
        String name = ControlCharacters.requireLine(value.strip(), field);
        if (name.length() > MAX_NAME || name.contains("/")) {
            throw InvalidArgumentException.of(
                    field,
                    "must be a name of at most " + MAX_NAME + " characters without '/', got " + name.length()
                            + " characters" + (name.contains("/") ? " with a '/'" : ""));
        }
        return name;
    }

    private String who() {
        return caller.principal().map(Principal::user).orElse(LOCAL);
    }

    /** A pipeline as the audit log records it: each stage as "key probability% stall-days". */
    public record Stages(List<String> stages) {
        static Stages of(PipelineStages pipeline) {
            return new Stages(pipeline.stages().stream()
                    .map(s -> s.key() + " " + s.probability() + "% " + s.stallDays() + "d")
                    .toList());
        }
    }

    /** A team's setting as the audit log records it. */
    public record Setting(boolean reassignMissedLeads) {}

    /** A rep's availability as the audit log records it. */
    public record Out(boolean out) {}
}
