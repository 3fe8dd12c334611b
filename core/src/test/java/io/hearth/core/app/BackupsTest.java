package io.hearth.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.HearthCore;
import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.Principal;
import io.hearth.core.auth.Role;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.PermissionDeniedException;
import io.hearth.core.error.UnauthenticatedException;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.persistence.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.hsqldb.lib.tar.DbBackupMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An online backup of the embedded database, taken while leads are being written, restored into a
 * fresh data directory as the README says: every lead acknowledged before the backup began is there.
 */
@Timeout(120)
class BackupsTest {
    private static final CurrentCaller ADMIN =
            () -> Optional.of(new Principal("root", Role.ADMIN, Optional.empty(), "t-admin"));

    @TempDir
    Path dir;

    @Test
    void aBackupUnderWriteLoadRestoresEveryLeadAcknowledgedBeforeItBegan() throws Exception {
        Path dataDir = dir.resolve("data");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<String> beforeBackup;
        Backups.Backup backup;
        try (Database database = Database.open(DatabaseConfig.embedded(dataDir, 4))) {
            HearthCore core = HearthCore.on(database)
                    .caller(ADMIN)
                    .backupsFolder(dataDir.resolve("backups"))
                    .build();
            AtomicBoolean writing = new AtomicBoolean(true);
            CountDownLatch someWritten = new CountDownLatch(50);
            Thread writer = new Thread(() -> {
                for (int i = 0; writing.get(); i++) {
                    String email = "p" + i + "@example.com";
                    core.leads()
                            .create(
                                    LeadFixtures.person("P" + i, "Person")
                                            .email(email)
                                            .build(),
                                    "");
                    acknowledged.add(email);
                    someWritten.countDown();
                }
            });
            writer.start();
            try {
                assertThat(someWritten.await(60, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
                beforeBackup = List.copyOf(acknowledged);
                backup = core.backups().backUp();
                assertThat(writer.isAlive())
                        .as("writes went on during the backup")
                        .isTrue();
            } finally {
                writing.set(false);
                writer.join();
            }
        }
        assertThat(backup.file()).exists().hasParent(dataDir.resolve("backups"));
        assertThat(backup.file().getFileName().toString()).matches("hearth-\\d{8}T\\d{6}\\.\\d{3}Z\\.tar\\.gz");
        assertThat(backup.bytes()).isEqualTo(Files.size(backup.file())).isPositive();

        // the README's restore: extract into the db folder of an empty data directory
        Path restored = dir.resolve("restored");
        Files.createDirectories(restored.resolve("db"));
        DbBackupMain.main(new String[] {
            "--extract", backup.file().toString(), restored.resolve("db").toString()
        });
        try (Database database = Database.open(DatabaseConfig.embedded(restored, 2))) {
            Set<String> emails = database.dsl().fetch("SELECT email FROM lead").stream()
                    .map(row -> row.get(0, String.class))
                    .collect(Collectors.toSet());
            assertThat(emails).containsAll(beforeBackup);
            assertThat(acknowledged).containsAll(emails);
        }
    }

    @Test
    void onlyAnAdminsTokenBacksUpAndOnlyAFileDatabaseCanBe() {
        try (TestDatabases.TestDatabase lent = TestDatabases.openHsqldb()) {
            Database database = lent.database();
            CurrentCaller rep = () -> Optional.of(new Principal("alice", Role.REP, Optional.of("east"), "t-alice"));
            assertThatThrownBy(() -> backups(database, CurrentCaller.NONE).backUp())
                    .isInstanceOf(UnauthenticatedException.class);
            assertThatThrownBy(() -> backups(database, rep).backUp())
                    .isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("admin");
            assertThatThrownBy(() -> backups(database, ADMIN).backUp())
                    .isInstanceOfSatisfying(
                            FailedPreconditionException.class,
                            e -> assertThat(e.reason()).isEqualTo("BACKUP_UNSUPPORTED"))
                    .hasMessageContaining("only a file database");
        }
    }

    @Test
    void onPostgresqlTheAnswerPointsToPgDump() {
        try (TestDatabases.TestDatabase lent = TestDatabases.postgres()) {
            assertThatThrownBy(() -> backups(lent.database(), ADMIN).backUp())
                    .isInstanceOfSatisfying(
                            FailedPreconditionException.class,
                            e -> assertThat(e.reason()).isEqualTo("BACKUP_UNSUPPORTED"))
                    .hasMessageContaining("pg_dump");
        }
    }

    private Backups backups(Database database, CurrentCaller caller) {
        return HearthCore.on(database)
                .caller(caller)
                .backupsFolder(dir.resolve("backups"))
                .build()
                .backups();
    }
}
