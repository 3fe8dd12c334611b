package io.hearth.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.proto.v1.GetServerInfoRequest;
import io.hearth.proto.v1.Role;
import io.hearth.proto.v1.ServerInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code hearth doctor}: whether this CLI can work with its server, a line per check, each {@code
 * ok}, {@code warn} or {@code FAIL} with what to do. Exit code 0 when nothing failed.
 */
@Command(
        name = "doctor",
        footerHeading = "%nExamples:%n",
        footer = {"  hearth doctor", "  hearth doctor --server hearth.example.com:443 --tls --output json | jq .ok"},
        description = "Check the server and this CLI: reachable, versions, database and schema, connectors, "
                + "clock skew, token. Each line ok, warn or FAIL with what to do.")
final class DoctorCommand extends RpcCommand {
    /** Clocks further apart than this make due times and stats look shifted. */
    static final Duration CLOCK_SKEW_WARNING = Duration.ofSeconds(5);

    /** The checks so far, for {@code --output json}. */
    private final ArrayNode checks = CliErrors.JSON.arrayNode();

    private boolean anyFailed;

    @Override
    void execute() {
        check(out());
        if (json()) {
            ObjectNode report = CliErrors.JSON.objectNode().put("ok", !anyFailed);
            report.set("checks", checks);
            out().println(report.toPrettyString());
        }
    }

    private void check(PrintWriter out) {
        Instant sent = Instant.now();
        long started = System.nanoTime();
        ServerInfo info;
        try {
            info = serverService().getServerInfo(GetServerInfoRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            fail(out, e);
            exitWith(1);
            return;
        }
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - started);
        boolean failed = false;
        line(
                out,
                "ok",
                "server",
                options().server + " answered over "
                        + securityMode().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " in "
                        + millis(roundTrip));

        String client = HearthVersion.projectVersion();
        if (client.equals(info.getVersion())) {
            line(out, "ok", "versions", "client and server " + client);
        } else {
            line(
                    out,
                    "warn",
                    "versions",
                    "client " + client + ", server " + info.getVersion() + ": use the CLI of the server's release");
        }
        line(out, "ok", "database", info.getDatabaseKind() + ", schema version " + info.getSchemaVersion());
        if (info.getConnectorsCount() == 0) {
            line(
                    out,
                    "warn",
                    "connectors",
                    "none loaded: imports and syncs will fail; check the server's plugins folder");
        } else {
            line(out, "ok", "connectors", String.join(", ", info.getConnectorsList()));
        }

        // the server read its clock somewhere between sending and receiving: compare with the middle
        Instant middle = sent.plus(roundTrip.dividedBy(2));
        Duration skew = Duration.between(
                middle,
                Instant.ofEpochSecond(
                        info.getServerTime().getSeconds(), info.getServerTime().getNanos()));
        String skewText = millis(skew.abs()) + (skew.isNegative() ? " behind" : " ahead of") + " this machine"
                + " (within " + millis(roundTrip.dividedBy(2)) + ")";
        if (skew.abs().compareTo(CLOCK_SKEW_WARNING.plus(roundTrip)) > 0) {
            line(
                    out,
                    "warn",
                    "clock",
                    "the server's clock is " + skewText
                            + ": due times and stats will look shifted; sync both clocks (NTP)");
        } else {
            line(out, "ok", "clock", "the server's clock is " + skewText);
        }

        if (!info.getCallerUser().isEmpty()) {
            line(
                    out,
                    "ok",
                    "token",
                    "accepted: " + info.getCallerUser() + " ("
                            + EnumNames.display(Role::forNumber, info.getCallerRoleValue()) + ")");
        } else if (info.getTokensRequired()) {
            line(
                    out,
                    "FAIL",
                    "token",
                    "the server needs a token and this call had none: set HEARTH_TOKEN or run hearth login");
            failed = true;
        } else {
            line(out, "ok", "token", "none needed: the server is open to local callers");
        }
        if (failed) {
            exitWith(1);
        }
    }

    private void fail(PrintWriter out, StatusRuntimeException e) {
        Status status = e.getStatus();
        String what = switch (status.getCode()) {
            case UNAVAILABLE ->
                errorReason(e).startsWith("DATABASE_")
                        ? "the server answers but cannot reach its database (" + status.getDescription()
                                + "): check the database and the server's --db-url"
                        : "cannot reach " + options().server + " (" + status.getDescription()
                                + "): start the server, or point --server / HEARTH_SERVER at it";
            case UNAUTHENTICATED ->
                "the server refused the token (" + status.getDescription() + "): set HEARTH_TOKEN or run hearth login";
            case DEADLINE_EXCEEDED -> "no answer from " + options().server + " in time: is it overloaded?";
            case UNIMPLEMENTED -> "the server is older than this CLI (no GetServerInfo): upgrade the server";
            default -> status.getCode() + ": " + status.getDescription();
        };
        line(out, "FAIL", "server", what);
    }

    /** The ErrorInfo reason the server sent, or empty. */
    private static String errorReason(StatusRuntimeException e) {
        com.google.rpc.Status details = io.grpc.protobuf.StatusProto.fromThrowable(e);
        if (details == null) {
            return "";
        }
        for (com.google.protobuf.Any detail : details.getDetailsList()) {
            if (detail.is(com.google.rpc.ErrorInfo.class)) {
                try {
                    return detail.unpack(com.google.rpc.ErrorInfo.class).getReason();
                } catch (com.google.protobuf.InvalidProtocolBufferException unreadable) {
                    return "";
                }
            }
        }
        return "";
    }

    private void line(PrintWriter out, String verdict, String check, String text) {
        anyFailed |= verdict.equals("FAIL");
        if (json()) {
            checks.addObject()
                    .put("verdict", verdict.toLowerCase(Locale.ROOT))
                    .put("check", check)
                    .put("text", text);
        } else {
            out.printf("%-4s  %-10s  %s%n", verdict, check, text);
        }
    }

    private static String millis(Duration duration) {
        return duration.toMillis() < 1000
                ? duration.toMillis() + " ms"
                : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
