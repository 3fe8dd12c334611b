package io.hearth.server.config;

import static java.util.Objects.requireNonNull;

import io.hearth.core.priority.SpeedToLeadPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * Speed to lead as the server runs it: the response window, when before its end an untouched lead
 * is escalated, which team gets unowned inbound leads, and how often the escalation job looks.
 * Kept apart from {@link ServerConfig} (passed to {@code CoreModule} and the job) so that the
 * server's many hand-built configurations need not change.
 *
 * @param inboundTeam the team whose available reps get unowned inbound leads by round robin
 * @param checkEvery how often each server looks for leads to assign, escalate or reassign
 */
public record EscalationConfig(
        Duration responseWindow, Duration escalateBefore, Optional<String> inboundTeam, Duration checkEvery) {
    public static final Duration MIN_CHECK_EVERY = Duration.ofMillis(100);
    public static final Duration MAX_CHECK_EVERY = Duration.ofMinutes(1);
    public static final Duration MAX_RESPONSE_WINDOW = Duration.ofDays(1);

    public static final EscalationConfig DEFAULTS = new EscalationConfig(
            SpeedToLeadPolicy.DEFAULT.responseWindow(),
            SpeedToLeadPolicy.DEFAULT.warnBefore(),
            Optional.empty(),
            Duration.ofSeconds(5));

    public EscalationConfig {
        requireNonNull(responseWindow, "responseWindow is null");
        requireNonNull(escalateBefore, "escalateBefore is null");
        requireNonNull(inboundTeam, "inboundTeam is null");
        requireNonNull(checkEvery, "checkEvery is null");
        if (responseWindow.compareTo(Duration.ofSeconds(1)) < 0 || responseWindow.compareTo(MAX_RESPONSE_WINDOW) > 0) {
            throw new IllegalArgumentException(
                    "--response-window must be between 1s and 1 day, got " + responseWindow.toMillis() + " ms");
        }
        if (escalateBefore.isNegative() || escalateBefore.compareTo(responseWindow) > 0) {
            throw new IllegalArgumentException("--escalate-before must be between 0 and --response-window ("
                    + responseWindow.toMillis() + " ms), got " + escalateBefore.toMillis() + " ms");
        }
        if (checkEvery.compareTo(MIN_CHECK_EVERY) < 0 || checkEvery.compareTo(MAX_CHECK_EVERY) > 0) {
            throw new IllegalArgumentException(
                    "--escalation-period must be between 100ms and 1 minute, got " + checkEvery.toMillis() + " ms");
        }
        inboundTeam.ifPresent(team -> {
            if (team.isBlank() || team.length() > 100 || team.contains("/")) {
                throw new IllegalArgumentException(
                        "--inbound-team must be a team name of 1 to 100 characters without '/'");
            }
        });
    }

    /** Speed to lead with this window and warning, web forms starting the clock as by default. */
    public SpeedToLeadPolicy speedToLead() {
        return new SpeedToLeadPolicy(SpeedToLeadPolicy.DEFAULT.inboundSources(), responseWindow, escalateBefore);
    }
}
