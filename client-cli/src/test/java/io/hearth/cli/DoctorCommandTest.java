package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.GetServerInfoRequest;
import io.hearth.proto.v1.Role;
import io.hearth.proto.v1.ServerInfo;
import io.hearth.proto.v1.ServerServiceGrpc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {
    private final String serverName = InProcessServerBuilder.generateName();
    private Server server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void serve(Supplier<ServerInfo> answer) throws Exception {
        server = InProcessServerBuilder.forName(serverName)
                .directExecutor()
                .addService(new ServerServiceGrpc.ServerServiceImplBase() {
                    @Override
                    public void getServerInfo(GetServerInfoRequest request, StreamObserver<ServerInfo> response) {
                        ServerInfo info;
                        try {
                            info = answer.get();
                        } catch (RuntimeException e) {
                            response.onError(e);
                            return;
                        }
                        response.onNext(info);
                        response.onCompleted();
                    }
                })
                .build()
                .start();
    }

    private CliResult doctor(String... options) {
        return CliResult.run(
                new CliEnvironment(
                        (target, credentials) -> InProcessChannelBuilder.forName(serverName)
                                .directExecutor()
                                .build(),
                        Clock.systemUTC(),
                        false,
                        Duration.ofSeconds(1),
                        Duration.ofMillis(1)),
                java.util.stream.Stream.concat(java.util.stream.Stream.of("doctor"), java.util.Arrays.stream(options))
                        .toArray(String[]::new));
    }

    @Test
    void withJsonOutputTheChecksAreAJsonReport() throws Exception {
        serve(() ->
                healthy(Instant.now()).setTokensRequired(true).clearCallerUser().build());

        CliResult result = doctor("--output", "json");

        assertThat(result.exitCode()).isEqualTo(1);
        com.fasterxml.jackson.databind.JsonNode report =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.out());
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.get("checks")).hasSize(6);
        assertThat(report.get("checks").get(2).get("check").asText()).isEqualTo("database");
        assertThat(report.get("checks").get(2).get("verdict").asText()).isEqualTo("ok");
        assertThat(report.get("checks").get(2).get("text").asText()).isEqualTo("HSQLDB, schema version 18");
        assertThat(report.get("checks").get(5).get("verdict").asText()).isEqualTo("fail");
        assertThat(report.get("checks").get(5).get("check").asText()).isEqualTo("token");
    }

    private static ServerInfo.Builder healthy(Instant serverTime) {
        return ServerInfo.newBuilder()
                .setVersion(HearthVersion.projectVersion())
                .setDatabaseKind("HSQLDB")
                .setSchemaVersion("18")
                .addConnectors("csv")
                .addConnectors("hubspot")
                .setServerTime(Timestamp.newBuilder().setSeconds(serverTime.getEpochSecond()))
                .setTokensRequired(true)
                .setCallerUser("alice")
                .setCallerRole(Role.ROLE_REP);
    }

    @Test
    void aHealthyServerIsALineOfOkPerCheck() throws Exception {
        serve(() -> healthy(Instant.now()).build());

        CliResult result = doctor();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines())
                .hasSize(6)
                .allSatisfy(line -> assertThat(line).startsWith("ok  "));
        assertThat(result.out())
                .contains("versions    client and server " + HearthVersion.projectVersion())
                .contains("database    HSQLDB, schema version 18")
                .contains("connectors  csv, hubspot")
                .contains("token       accepted: alice (rep)");
    }

    @Test
    void aSkewedClockAndAnotherVersionAreWarnings() throws Exception {
        serve(() -> healthy(Instant.now().plus(Duration.ofMinutes(3)))
                .setVersion("0.0.9")
                .build());

        CliResult result = doctor();

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .containsPattern("warn  versions    client .+, server 0\\.0\\.9: use the CLI of the server's release")
                .containsPattern("warn  clock       the server's clock is 1\\d\\d\\.\\d s ahead of this machine");
    }

    @Test
    void aServerWithoutItsDatabaseFailsNamingTheDatabase() throws Exception {
        serve(() -> {
            throw StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(Code.UNAVAILABLE_VALUE)
                    .setMessage("the database is unavailable; retry")
                    .addDetails(Any.pack(ErrorInfo.newBuilder()
                            .setReason("DATABASE_UNAVAILABLE")
                            .build()))
                    .build());
        });

        CliResult result = doctor();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out())
                .startsWith("FAIL  server      the server answers but cannot reach its database")
                .contains("--db-url");
    }

    @Test
    void aServerThatNeedsATokenTheCliDidNotSendFails() throws Exception {
        serve(() -> healthy(Instant.now()).clearCallerUser().build());

        CliResult result = doctor();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("FAIL  token       the server needs a token");
    }

    @Test
    void anOlderServerWithoutTheRpcSaysToUpgradeIt() throws Exception {
        server = InProcessServerBuilder.forName(serverName)
                .directExecutor()
                .build()
                .start();

        CliResult result = doctor();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("FAIL  server      the server is older than this CLI");
    }
}
