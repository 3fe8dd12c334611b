package io.hearth.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.proto.v1.GetServerInfoRequest;
import io.hearth.proto.v1.ServerInfo;
import io.hearth.proto.v1.ServerServiceGrpc;
import io.hearth.server.InProcessHearth;
import io.hearth.server.ServerVersion;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServerInfoServiceTest {
    @Test
    void tellsTheVersionDatabaseSchemaConnectorsAndClock() throws Exception {
        try (InProcessHearth hearth = new InProcessHearth(Clock.systemUTC())) {
            Instant before = Instant.now();
            ServerInfo info = ServerServiceGrpc.newBlockingStub(hearth.channel())
                    .getServerInfo(GetServerInfoRequest.getDefaultInstance());

            assertThat(info.getVersion()).isEqualTo(ServerVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(info.getDatabaseKind()).isEqualTo("HSQLDB");
            assertThat(info.getSchemaVersion()).isEqualTo(newestMigration());
            assertThat(info.getConnectorsList()).contains("csv", "xlsx");
            assertThat(Duration.between(
                                    before,
                                    Instant.ofEpochSecond(info.getServerTime().getSeconds()))
                            .abs())
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(info.getTokensRequired()).isFalse();
            assertThat(info.getCallerUser()).isEmpty();
        }
    }

    /** The highest V number among core's migrations. */
    private static String newestMigration() throws IOException, URISyntaxException {
        java.net.URI migrations = io.hearth.core.persistence.Database.class
                .getResource("/db/migration")
                .toURI();
        if ("jar".equals(migrations.getScheme())) { // core as its jar, in a whole build's reactor
            try (java.nio.file.FileSystem jar =
                    java.nio.file.FileSystems.newFileSystem(migrations, java.util.Map.of())) {
                return newestIn(jar.getPath("/db/migration"));
            }
        }
        return newestIn(Path.of(migrations));
    }

    private static String newestIn(Path migrations) throws IOException {
        try (Stream<Path> files = Files.list(migrations)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max(Integer::compare)
                    .map(String::valueOf)
                    .orElseThrow();
        }
    }
}
