package io.hearth.cli;

import io.hearth.proto.v1.ApiToken;
import io.hearth.proto.v1.AuditEntry;
import io.hearth.proto.v1.CreateTokenRequest;
import io.hearth.proto.v1.CreateTokenResponse;
import io.hearth.proto.v1.FieldChange;
import io.hearth.proto.v1.ListAuditEntriesRequest;
import io.hearth.proto.v1.ListAuditEntriesResponse;
import io.hearth.proto.v1.ListTokensRequest;
import io.hearth.proto.v1.ListTokensResponse;
import io.hearth.proto.v1.RevokeTokenRequest;
import io.hearth.proto.v1.Role;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth admin tokens create|list|revoke}, {@code hearth admin audit} and {@code hearth admin
 * backup}: need an admin's token.
 */
@Command(name = "admin", description = "Administration; needs an admin's token (--token or HEARTH_TOKEN).")
final class AdminCommand {
    private static final String NAME_PREFIX = "tokens/";

    @Command(
            name = "backup",
            description = "Back the embedded database up now, online: writes go on. The server writes the backup "
                    + "into its data directory's backups folder and prints where. On PostgreSQL use pg_dump.")
    static final class Backup extends RpcCommand {
        @Override
        void execute() {
            io.hearth.proto.v1.BackupDatabaseResponse backup =
                    adminService().backupDatabase(io.hearth.proto.v1.BackupDatabaseRequest.getDefaultInstance());
            if (json()) {
                ProtoJson.print(backup, out());
            } else {
                out().printf(
                                "backup %s (%,d bytes, %.1f s)%n",
                                backup.getFile(),
                                backup.getSizeBytes(),
                                backup.getDuration().getSeconds()
                                        + backup.getDuration().getNanos() / 1e9);
            }
        }
    }

    @Command(name = "tokens", description = "API tokens: one per person, shown once when made.")
    static final class Tokens {

        @Command(name = "create", description = "Make a token and print it, once: it cannot be shown again.")
        static final class Create extends RpcCommand {
            @Option(names = "--user", required = true, description = "Who the token is for, e.g. alice.")
            String user;

            @Option(names = "--role", required = true, description = "rep, manager or admin.")
            Role role;

            @Option(names = "--team", description = "The team, e.g. east (required for a manager).")
            String team;

            @Option(
                    names = "--expires-in",
                    paramLabel = "DURATION",
                    description = "How long the token works, e.g. 90d or 12h (default: until revoked).")
            Duration expiresIn;

            @Override
            void execute() {
                CreateTokenRequest.Builder request =
                        CreateTokenRequest.newBuilder().setUser(user).setRole(role);
                if (team != null) {
                    request.setTeam(team);
                }
                if (expiresIn != null) {
                    request.setExpiresIn(com.google.protobuf.Duration.newBuilder()
                            .setSeconds(expiresIn.getSeconds())
                            .setNanos(expiresIn.getNano()));
                }
                CreateTokenResponse created = adminService().createToken(request.build());
                if (json()) {
                    ProtoJson.print(created, out());
                } else {
                    ApiToken token = created.getApiToken();
                    out().printf("token %s for %s%n", id(token), describe(token));
                    out().println(created.getToken());
                }
                err().println("warning: copy the token now: it is not stored and will not be shown again");
            }
        }

        @Command(name = "list", description = "List the tokens, oldest first; never the tokens themselves.")
        static final class ListTokens extends RpcCommand {
            @Override
            void execute() {
                List<ApiToken> tokens = new ArrayList<>();
                String page = "";
                do {
                    ListTokensResponse response = adminService()
                            .listTokens(ListTokensRequest.newBuilder()
                                    .setPageToken(page)
                                    .build());
                    tokens.addAll(response.getApiTokensList());
                    page = response.getNextPageToken();
                } while (!page.isEmpty());
                PrintWriter out = out();
                if (json()) {
                    tokens.forEach(token -> ProtoJson.printLine(token, out));
                    return;
                }
                TableFormatter table =
                        new TableFormatter("ID", "USER", "ROLE", "TEAM", "CREATED", "BY", "EXPIRES", "REVOKED");
                for (ApiToken token : tokens) {
                    table.addRow(
                            id(token),
                            token.getUser(),
                            EnumNames.display(Role::forNumber, token.getRoleValue()),
                            token.getTeam(),
                            Times.format(token.getCreateTime()),
                            token.getCreatedBy(),
                            token.hasExpireTime() ? Times.format(token.getExpireTime()) : "never",
                            token.hasRevokeTime() ? Times.format(token.getRevokeTime()) : "");
                }
                table.printTo(out);
            }
        }

        @Command(name = "revoke", description = "Revoke a token: its next call is refused.")
        static final class Revoke extends RpcCommand {
            @Parameters(paramLabel = "ID", description = "The token's id, as list shows it.")
            String id;

            @Override
            void execute() {
                String name = id.startsWith(NAME_PREFIX) ? id : NAME_PREFIX + id;
                ApiToken token = adminService()
                        .revokeToken(
                                RevokeTokenRequest.newBuilder().setName(name).build());
                if (json()) {
                    ProtoJson.print(token, out());
                } else {
                    out().printf("revoked token %s of %s%n", id(token), describe(token));
                }
            }
        }
    }

    @Command(
            name = "audit",
            description = "Who changed what, newest first: each change's user, token, RPC, resource and fields.")
    static final class Audit extends RpcCommand {
        @Option(
                names = "--resource",
                paramLabel = "NAME",
                description = "Only changes of this resource, e.g. leads/0193…")
        String resource = "";

        @Option(names = "--user", paramLabel = "USER", description = "Only changes by this user.")
        String user = "";

        @Option(names = "--limit", paramLabel = "N", description = "Show at most N entries (default ${DEFAULT-VALUE}).")
        int limit = 50;

        @Override
        void execute() {
            if (limit < 1) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--limit must be at least 1, got " + limit);
            }
            List<AuditEntry> entries = new ArrayList<>();
            String page = "";
            do {
                ListAuditEntriesResponse response = adminService()
                        .listAuditEntries(ListAuditEntriesRequest.newBuilder()
                                .setResource(resource)
                                .setUser(user)
                                .setPageSize(Math.min(limit - entries.size(), 1000))
                                .setPageToken(page)
                                .build());
                entries.addAll(response.getAuditEntriesList());
                page = response.getNextPageToken();
            } while (!page.isEmpty() && entries.size() < limit);
            PrintWriter out = out();
            if (json()) {
                entries.forEach(entry -> ProtoJson.printLine(entry, out));
                return;
            }
            TableFormatter table = new TableFormatter("TIME", "USER", "ACTION", "RESOURCE", "CHANGES");
            for (AuditEntry entry : entries) {
                table.addRow(
                        Times.format(entry.getTime()),
                        entry.getUser(),
                        entry.getAction(),
                        entry.getResource(),
                        String.join(
                                "; ",
                                entry.getChangesList().stream()
                                        .map(Audit::change)
                                        .toList()));
            }
            table.printTo(out);
        }

        private static String change(FieldChange change) {
            return change.getField() + ": " + shown(change.getOldValue()) + " -> " + shown(change.getNewValue());
        }

        private static String shown(String value) {
            return value.isEmpty() ? "(empty)" : value;
        }
    }

    private static String id(ApiToken token) {
        return token.getName().startsWith(NAME_PREFIX)
                ? token.getName().substring(NAME_PREFIX.length())
                : token.getName();
    }

    private static String describe(ApiToken token) {
        StringBuilder text = new StringBuilder(token.getUser())
                .append(" (")
                .append(EnumNames.display(Role::forNumber, token.getRoleValue()));
        if (!token.getTeam().isEmpty()) {
            text.append(", team ").append(token.getTeam());
        }
        text.append(token.hasExpireTime() ? ", expires " + Times.format(token.getExpireTime()) : ", no expiry");
        return text.append(')').toString();
    }
}
