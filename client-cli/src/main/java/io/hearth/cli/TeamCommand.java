package io.hearth.cli;

import com.google.protobuf.FieldMask;
import io.hearth.proto.v1.GetTeamRequest;
import io.hearth.proto.v1.SetRepAvailabilityRequest;
import io.hearth.proto.v1.Team;
import io.hearth.proto.v1.TeamRep;
import io.hearth.proto.v1.UpdateTeamRequest;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth team show|rep-out|rep-back|set}: a team's reps, who is out, and whether missed web
 * leads are reassigned. Without {@code --team}, the team of the caller's token.
 */
@Command(
        name = "team",
        description = "Your team's reps and speed-to-lead settings: who is out (round robin skips them) and "
                + "whether web leads that miss their deadline go to the next rep. A manager changes them.")
final class TeamCommand {
    private TeamCommand() {}

    /** The {@code --team} option and printing the team every subcommand answers with. */
    abstract static class TeamRpc extends RpcCommand {
        @Option(names = "--team", paramLabel = "TEAM", description = "The team, e.g. east (default: your token's).")
        String team;

        String teamName() {
            return team == null || team.isBlank() ? "" : team.startsWith("teams/") ? team : "teams/" + team;
        }

        void print(Team answer) {
            PrintWriter out = out();
            if (json()) {
                ProtoJson.print(answer, out);
                return;
            }
            out.println("team " + answer.getName().substring("teams/".length()));
            out.println("reassign missed leads: " + (answer.getReassignMissedLeads() ? "on" : "off"));
            out.println(
                    "last assigned: " + (answer.getLastAssigned().isEmpty() ? "nobody yet" : answer.getLastAssigned()));
            if (answer.getRepsCount() == 0) {
                out.println("No reps: a team's reps are the users of its live rep tokens.");
                return;
            }
            TableFormatter table = new TableFormatter("REP", "AVAILABLE", "OUT SINCE", "BY");
            for (TeamRep rep : answer.getRepsList()) {
                table.addRow(
                        rep.getUser(),
                        rep.getAvailable() ? "yes" : "out",
                        rep.hasOutTime() ? Times.format(rep.getOutTime()) : "",
                        rep.getOutSetBy());
            }
            table.printTo(out);
        }
    }

    @Command(name = "show", description = "Show the team: its reps in round-robin order and its settings.")
    static final class Show extends TeamRpc {
        @Override
        void execute() {
            print(teamService()
                    .getTeam(GetTeamRequest.newBuilder().setName(teamName()).build()));
        }
    }

    @Command(name = "rep-out", description = "Mark a rep out: round robin skips them until they are back.")
    static final class RepOut extends TeamRpc {
        @Parameters(paramLabel = "USER", description = "The rep, e.g. alice.")
        String user;

        @Override
        void execute() {
            print(teamService()
                    .setRepAvailability(SetRepAvailabilityRequest.newBuilder()
                            .setTeam(teamName())
                            .setUser(user)
                            .setAvailable(false)
                            .build()));
        }
    }

    @Command(name = "rep-back", description = "Mark a rep back: round robin gives them leads again.")
    static final class RepBack extends TeamRpc {
        @Parameters(paramLabel = "USER", description = "The rep, e.g. alice.")
        String user;

        @Override
        void execute() {
            print(teamService()
                    .setRepAvailability(SetRepAvailabilityRequest.newBuilder()
                            .setTeam(teamName())
                            .setUser(user)
                            .setAvailable(true)
                            .build()));
        }
    }

    @Command(name = "set", description = "Change the team's settings.")
    static final class Set extends TeamRpc {
        @Option(
                names = "--reassign-missed",
                paramLabel = "on|off",
                arity = "1",
                required = true,
                converter = OnOff.class,
                description = "on: a web lead still untouched at its deadline goes to the team's next available rep.")
        boolean reassignMissed;

        @Override
        void execute() {
            print(teamService()
                    .updateTeam(UpdateTeamRequest.newBuilder()
                            .setTeam(Team.newBuilder().setName(teamName()).setReassignMissedLeads(reassignMissed))
                            .setUpdateMask(FieldMask.newBuilder().addPaths("reassign_missed_leads"))
                            .build()));
        }
    }

    /** The team's pipeline: its stages in order, with their probabilities and stall limits. */
    abstract static class StagesRpc extends TeamRpc {
        void print(io.hearth.proto.v1.ListPipelineStagesResponse answer) {
            PrintWriter out = out();
            if (json()) {
                ProtoJson.print(answer, out);
                return;
            }
            out.println("team " + answer.getTeam().substring("teams/".length()) + ": "
                    + (answer.getTeamPipeline() ? "its own pipeline" : "the default pipeline"));
            TableFormatter table = new TableFormatter("STAGE", "NAME", "PROBABILITY", "STALLED AFTER", "OUTCOME");
            for (io.hearth.proto.v1.PipelineStage stage : answer.getStagesList()) {
                table.addRow(
                        stage.getKey(),
                        stage.getDisplayName(),
                        stage.getProbability() + "%",
                        stage.getStallDays() == 0 ? CliText.NONE : stage.getStallDays() + " days",
                        CliText.value(stage.getOutcome()));
            }
            table.printTo(out);
        }
    }

    @Command(name = "stages", description = "Show the stages the team's deals move through.")
    static final class Stages extends StagesRpc {
        @Override
        void execute() {
            print(teamService()
                    .listPipelineStages(io.hearth.proto.v1.ListPipelineStagesRequest.newBuilder()
                            .setTeam(teamName())
                            .build()));
        }
    }

    @Command(
            name = "set-stages",
            description = "Give the team its own open stages, in order (closed won and closed lost stay). A stage"
                    + " that open deals are in cannot be left out.")
    static final class SetStages extends StagesRpc {
        @Option(
                names = "--stage",
                required = true,
                paramLabel = "KEY:PROBABILITY:STALL_DAYS[:NAME]",
                converter = StageSpec.class,
                description = "An open stage, e.g. discovery:15:7 or demo:45:5:Product demo; repeat it for each,"
                        + " in order.")
        java.util.List<io.hearth.proto.v1.PipelineStage> stages;

        @Override
        void execute() {
            print(teamService()
                    .updatePipelineStages(io.hearth.proto.v1.UpdatePipelineStagesRequest.newBuilder()
                            .setTeam(teamName())
                            .addAllStages(stages)
                            .build()));
        }
    }

    /** {@code KEY:PROBABILITY:STALL_DAYS[:NAME]}; the server checks the values. */
    static final class StageSpec implements picocli.CommandLine.ITypeConverter<io.hearth.proto.v1.PipelineStage> {
        @Override
        public io.hearth.proto.v1.PipelineStage convert(String value) {
            String[] parts = value.split(":", 4);
            if (parts.length < 3) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not KEY:PROBABILITY:STALL_DAYS[:NAME], e.g. discovery:15:7");
            }
            try {
                return io.hearth.proto.v1.PipelineStage.newBuilder()
                        .setKey(parts[0].strip())
                        .setProbability(Integer.parseInt(parts[1].strip()))
                        .setStallDays(Integer.parseInt(parts[2].strip()))
                        .setDisplayName(parts.length == 4 ? parts[3].strip() : "")
                        .build();
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "': the probability and the stall days are whole numbers, e.g. discovery:15:7");
            }
        }
    }

    /** {@code on} or {@code off} (also true/false, yes/no). */
    static final class OnOff implements picocli.CommandLine.ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "on", "true", "yes" -> true;
                case "off", "false", "no" -> false;
                default ->
                    throw new picocli.CommandLine.TypeConversionException("'" + value + "' is neither on nor off");
            };
        }
    }
}
