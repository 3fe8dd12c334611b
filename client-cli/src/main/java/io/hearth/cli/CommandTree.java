package io.hearth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Which subcommands each command of {@code hearth} has, kept here rather than in the commands'
 * {@code @Command(subcommands = …)} so that a run builds only the commands its arguments go
 * through. picocli builds a command from its annotations by reflection and copies the inherited
 * options (the global ones, {@code --help}, {@code --version}) into each: for the whole tree of
 * some 80 commands that took about half of the CPU time of {@code hearth leads list}.
 *
 * <p>{@code hearth leads list --owner alice} builds {@code hearth}, {@code leads} and {@code list}
 * only. Whenever the arguments could need more (help or an error at a command that has
 * subcommands, a subcommand name that is not one, an {@code @file}, an option value that picocli
 * would take for a command or an option, {@code completion}), the whole tree is built, as picocli
 * would have from the annotations: the result is the same either way.
 */
final class CommandTree {

    /** Each command that has subcommands, with them in the order help lists them. */
    static final Map<Class<?>, List<Class<?>>> SUBCOMMANDS = Map.ofEntries(
            Map.entry(
                    HearthCli.class,
                    List.of(
                            LeadsCommand.class,
                            QueueCommand.class,
                            AgendaCommand.class,
                            StatsCommand.class,
                            ContactsCommand.class,
                            OpportunitiesCommand.class,
                            TouchCommand.class,
                            FollowUpsCommand.class,
                            ConnectorsCommand.class,
                            ConnectionsCommand.class,
                            ImportCommand.class,
                            ExportCommand.class,
                            SyncRunsCommand.class,
                            AdminCommand.class,
                            TeamCommand.class,
                            LoginCommand.class,
                            ProfilesCommand.class,
                            DoctorCommand.class,
                            CompletionCommand.class)),
            Map.entry(
                    LeadsCommand.class,
                    List.of(
                            CreateLeadCommand.class,
                            GetLeadCommand.class,
                            ListLeadsCommand.class,
                            UpdateLeadCommand.class,
                            ArchiveLeadCommand.class,
                            RestoreLeadCommand.class,
                            LeadProfileCommand.class,
                            QualifyLeadCommand.class,
                            OverrideLeadCommand.class,
                            ConvertLeadCommand.class,
                            MergeLeadsCommand.class)),
            Map.entry(
                    StatsCommand.class,
                    List.of(ResponseStatsCommand.class, FollowUpStatsCommand.class, PipelineStatsCommand.class)),
            Map.entry(
                    ContactsCommand.class,
                    List.of(
                            CreateContactCommand.class,
                            GetContactCommand.class,
                            ListContactsCommand.class,
                            UpdateContactCommand.class,
                            ArchiveContactCommand.class,
                            RestoreContactCommand.class,
                            MergeLeadIntoContactCommand.class,
                            MergeContactsCommand.class)),
            Map.entry(
                    OpportunitiesCommand.class,
                    List.of(
                            OpportunitiesCommand.Create.class,
                            OpportunitiesCommand.Get.class,
                            OpportunitiesCommand.ListDeals.class,
                            OpportunitiesCommand.Update.class,
                            OpportunitiesCommand.Move.class,
                            OpportunitiesCommand.Close.class,
                            OpportunitiesCommand.Reopen.class,
                            OpportunitiesCommand.Archive.class,
                            OpportunitiesCommand.Restore.class)),
            Map.entry(TouchCommand.class, List.of(LogTouchCommand.class, ListTouchesCommand.class)),
            Map.entry(
                    FollowUpsCommand.class,
                    List.of(
                            DueFollowUpsCommand.class,
                            ScheduleFollowUpCommand.class,
                            CompleteFollowUpCommand.class,
                            SkipFollowUpCommand.class,
                            GetFollowUpCommand.class)),
            Map.entry(ConnectorsCommand.class, List.of(ConnectorsCommand.ListConnectors.class)),
            Map.entry(
                    ConnectionsCommand.class,
                    List.of(
                            ConnectionsCommand.Create.class,
                            ConnectionsCommand.ListConnections.class,
                            ConnectionsCommand.Get.class,
                            ConnectionsCommand.Update.class,
                            ConnectionsCommand.Delete.class,
                            ConnectionsCommand.Test.class,
                            ConnectionsCommand.Run.class)),
            Map.entry(SyncRunsCommand.class, List.of(SyncRunsCommand.Runs.class)),
            Map.entry(
                    AdminCommand.class,
                    List.of(AdminCommand.Tokens.class, AdminCommand.Audit.class, AdminCommand.Backup.class)),
            Map.entry(
                    AdminCommand.Tokens.class,
                    List.of(
                            AdminCommand.Tokens.Create.class,
                            AdminCommand.Tokens.ListTokens.class,
                            AdminCommand.Tokens.Revoke.class)),
            Map.entry(
                    TeamCommand.class,
                    List.of(
                            TeamCommand.Show.class,
                            TeamCommand.RepOut.class,
                            TeamCommand.RepBack.class,
                            TeamCommand.Set.class,
                            TeamCommand.Stages.class,
                            TeamCommand.SetStages.class)),
            Map.entry(
                    ProfilesCommand.class,
                    List.of(
                            ProfilesCommand.ListProfiles.class,
                            ProfilesCommand.Use.class,
                            ProfilesCommand.Show.class,
                            ProfilesCommand.Remove.class)));

    /** Commands that read the whole tree when they run: the completion scripts list every command. */
    private static final Set<Class<?>> NEED_WHOLE_TREE = Set.of(CompletionCommand.class);

    private CommandTree() {}

    /** {@code root} with every command under it, as {@code @Command(subcommands = …)} would make it. */
    static CommandLine whole(Object root) {
        CommandLine line = new CommandLine(root);
        addAll(line, root.getClass());
        return line;
    }

    /**
     * {@code root} with the commands {@code args} go through, or with all of them when the
     * arguments could need more (see the class comment).
     */
    static CommandLine forArgs(Object root, String[] args) {
        CommandLine line = new CommandLine(root);
        List<Class<?>> path = path(line.getCommandSpec(), root.getClass(), args);
        if (path == null) {
            addAll(line, root.getClass());
            return line;
        }
        // built from the leaf up, as picocli builds a subcommand whole before adding it to its parent
        CommandLine below = null;
        for (int i = path.size() - 1; i >= 0; i--) {
            CommandLine command = new CommandLine(path.get(i));
            if (below != null) {
                command.addSubcommand(below);
            }
            below = command;
        }
        if (below != null) {
            line.addSubcommand(below);
        }
        return line;
    }

    private static void addAll(CommandLine line, Class<?> command) {
        for (Class<?> subcommand : SUBCOMMANDS.getOrDefault(command, List.of())) {
            CommandLine sub = new CommandLine(subcommand);
            addAll(sub, subcommand);
            line.addSubcommand(sub);
        }
    }

    /**
     * The subcommands {@code args} name, down to one without subcommands of its own; {@code null}
     * when in doubt. Before that command only the root's inherited options may stand.
     */
    static List<Class<?>> path(CommandSpec rootSpec, Class<?> rootClass, String[] args) {
        List<Class<?>> path = new ArrayList<>();
        Class<?> command = rootClass;
        for (int i = 0; i < args.length; i++) {
            List<Class<?>> subcommands = SUBCOMMANDS.get(command);
            if (subcommands == null) {
                break; // the rest of the arguments are this command's own
            }
            String arg = args[i];
            if (arg.startsWith("@")) {
                return null; // an argument file: what it holds is not known here
            }
            Class<?> subcommand = named(subcommands, arg);
            if (subcommand != null) {
                path.add(subcommand);
                command = subcommand;
                continue;
            }
            int equals = arg.indexOf('=');
            OptionSpec option =
                    arg.startsWith("-") ? rootSpec.findOption(equals < 0 ? arg : arg.substring(0, equals)) : null;
            if (option == null || option.usageHelp() || option.versionHelp()) {
                return null; // help, version, a usage error, or more than this knows of
            }
            if (equals >= 0 || option.arity().max() == 0) {
                continue;
            }
            if (option.arity().min() != 1 || option.arity().max() != 1 || i + 1 >= args.length) {
                return null;
            }
            String value = args[++i];
            // picocli refuses a value that is a subcommand's name or looks like an option
            if (value.startsWith("-") || value.startsWith("@") || named(subcommands, value) != null) {
                return null;
            }
        }
        if (SUBCOMMANDS.containsKey(command) || NEED_WHOLE_TREE.contains(command)) {
            return null;
        }
        return path;
    }

    /** The subcommand called {@code name} (or one of its aliases), or {@code null}. */
    private static Class<?> named(List<Class<?>> subcommands, String name) {
        for (Class<?> subcommand : subcommands) {
            Command command = subcommand.getAnnotation(Command.class);
            if (command.name().equals(name) || List.of(command.aliases()).contains(name)) {
                return subcommand;
            }
        }
        return null;
    }
}
