package io.hearth.core.team;

/**
 * A team's settings.
 *
 * @param reassignMissedLeads whether an untouched inbound lead goes to the next available rep once its deadline passed
 * @param lastAssigned the rep who got the team's last lead by round robin, or {@code null}
 */
public record TeamSettings(boolean reassignMissedLeads, String lastAssigned) {
    public static final TeamSettings DEFAULTS = new TeamSettings(false, null);
}
