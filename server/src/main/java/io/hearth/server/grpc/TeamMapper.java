package io.hearth.server.grpc;

import io.hearth.core.team.Escalation;
import io.hearth.core.team.Team;
import io.hearth.proto.v1.TeamRep;

/** Teams and escalations to their messages. */
final class TeamMapper {
    private TeamMapper() {}

    static io.hearth.proto.v1.Team toProto(Team team) {
        io.hearth.proto.v1.Team.Builder message = io.hearth.proto.v1.Team.newBuilder()
                .setName("teams/" + team.name())
                .setReassignMissedLeads(team.settings().reassignMissedLeads())
                .setLastAssigned(
                        team.settings().lastAssigned() == null
                                ? ""
                                : team.settings().lastAssigned());
        for (Team.Rep rep : team.reps()) {
            TeamRep.Builder r = TeamRep.newBuilder().setUser(rep.user()).setAvailable(rep.available());
            if (!rep.available()) {
                r.setOutTime(ProtoTimes.toProto(rep.outSince()));
                r.setOutSetBy(rep.outSetBy() == null ? "" : rep.outSetBy());
            }
            message.addReps(r);
        }
        return message.build();
    }

    static io.hearth.proto.v1.Escalation toProto(Escalation escalation) {
        io.hearth.proto.v1.Escalation.Builder message = io.hearth.proto.v1.Escalation.newBuilder()
                .setLead(escalation.leadId().name())
                .setDisplayName(escalation.displayName())
                .setOwner(escalation.owner() == null ? "" : escalation.owner())
                .setTeam(escalation.team() == null ? "" : escalation.team())
                .setDeadline(ProtoTimes.toProto(escalation.deadline()))
                .setEscalateTime(ProtoTimes.toProto(escalation.escalatedAt()))
                .setReason(escalation.reason())
                .setReassignedTo(escalation.reassigned() ? escalation.reassignedTo() : "");
        if (escalation.settledAt() != null) {
            message.setSettleTime(ProtoTimes.toProto(escalation.settledAt()));
        }
        return message.build();
    }
}
