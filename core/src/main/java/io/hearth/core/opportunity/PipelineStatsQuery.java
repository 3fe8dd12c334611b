package io.hearth.core.opportunity;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.person.Scope;
import io.hearth.core.resource.ControlCharacters;
import java.time.Instant;

/**
 * Which deals the pipeline statistics cover: those in the caller's {@code scope}, not archived,
 * optionally of one owner and of one team (owned by a user a token of the team names), created in
 * {@code [createdFrom, createdTo)} and closed in {@code [closedFrom, closedTo)}. Each end is
 * optional ({@code null}); a close range leaves open deals out. A blank owner or team is none.
 */
public record PipelineStatsQuery(
        String owner,
        String team,
        Instant createdFrom,
        Instant createdTo,
        Instant closedFrom,
        Instant closedTo,
        Scope scope) {

    public PipelineStatsQuery {
        requireNonNull(scope, "scope is null");
        owner = owner == null || owner.isBlank() ? null : owner.strip();
        ControlCharacters.requireLine(owner, "owner");
        team = team == null || team.isBlank() ? null : team.strip();
        if (team != null && team.startsWith("teams/")) {
            team = team.substring("teams/".length());
        }
        ControlCharacters.requireLine(team, "team");
        if (team != null && team.isEmpty()) {
            throw InvalidArgumentException.of("team", "names no team: teams/{team}, e.g. teams/east");
        }
        if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
            throw InvalidArgumentException.of("create_end_time", "must be after create_start_time");
        }
        if (closedFrom != null && closedTo != null && !closedFrom.isBefore(closedTo)) {
            throw InvalidArgumentException.of("close_end_time", "must be after close_start_time");
        }
    }

    /** Whether only closed deals are covered: a close range was given. */
    public boolean closedOnly() {
        return closedFrom != null || closedTo != null;
    }
}
