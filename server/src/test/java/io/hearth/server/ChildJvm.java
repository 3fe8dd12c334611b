package io.hearth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Starts a packaged jar (the server, the CLI) in a JVM of its own, as the end-to-end tests do, with
 * the test fork's JVM options (the build's short-lived-JVM flags) and a class-data-sharing archive
 * of that jar: the one the build made at {@code package} next to it ({@code hearth-server.jsa},
 * {@code hearth.jsa}), or else one written here once per build of the jar.
 *
 * <p>Why the archive: such a JVM spends most of its start loading and verifying the jar's classes.
 * One JVM per build of a jar (its size and time) records the classes it loaded into an archive
 * when it exits; the JVMs after it, in any test JVM, map them from the archive instead. Measured on
 * the 2-core machine: a server start to "listening" and stop 3.3 CPU-s without, 1.6 with; a CLI
 * call 1.0 and 0.6. Writing the archive costs its JVM about 4 CPU-s. An archive that does not fit
 * (another JDK) is ignored by the JVM, silently ({@code -Xlog:cds*=off}: nothing is added to what the
 * child prints), and a missing one only means a slower start.
 */
public final class ChildJvm {
    private static final List<String> TEST_FORK_OPTIONS =
            List.of(System.getProperty("hearth.test.child.jvm.options", "")
                            .trim()
                            .split("\\s+"))
                    .stream()
                    .filter(option -> !option.isEmpty())
                    .toList();
    private static final String QUIET = "-Xlog:cds*=off";

    private ChildJvm() {}

    /**
     * Starts {@code java <jvmOptions> <the test fork's options> <archive> -jar <jar> <args>} with what
     * {@code builder} says about redirects and environment (its command is replaced). It uses the
     * jar's archive if there is one; it never writes it (it may be stopped or killed, and writing
     * would make its exit slower).
     */
    public static Process start(ProcessBuilder builder, List<String> jvmOptions, Path jar, List<String> args)
            throws IOException {
        Archive archive = Archive.of(jar.toRealPath());
        return builder.command(command(jvmOptions, archive.jar, archive.useOptions(), args))
                .start();
    }

    /**
     * As {@link #start}, but when the jar has no archive yet this JVM writes it as it exits: for a
     * process the caller lets end on its own, waiting generously (a CLI command).
     */
    public static Process startWritingArchive(
            ProcessBuilder builder, List<String> jvmOptions, Path jar, List<String> args) throws IOException {
        Archive archive = Archive.of(jar.toRealPath());
        Optional<Path> writing = archive.claim();
        if (writing.isEmpty()) {
            return builder.command(command(jvmOptions, archive.jar, archive.useOptions(), args))
                    .start();
        }
        Process process = builder.command(command(
                        jvmOptions, archive.jar, List.of("-XX:ArchiveClassesAtExit=" + writing.get(), QUIET), args))
                .start();
        process.onExit().thenRun(() -> archive.publish(writing.get()));
        return process;
    }

    /**
     * As {@link #start} for the server jar, whose archive, when missing, is first written by a server
     * of its own started in an empty data directory and stopped once listening: a test's servers
     * are stopped and killed under time limits of their own, so none of them writes it.
     */
    public static Process startServer(ProcessBuilder builder, List<String> jvmOptions, Path jar, List<String> args)
            throws IOException, InterruptedException {
        Archive archive = Archive.of(jar.toRealPath());
        Optional<Path> writing = archive.claim();
        if (writing.isPresent()) {
            Path dataDir = Files.createTempDirectory("hearth-archive-run");
            Path log = dataDir.resolve("server.log");
            try {
                Process server = new ProcessBuilder(command(
                                List.of("-Xmx256m"),
                                archive.jar,
                                List.of("-XX:ArchiveClassesAtExit=" + writing.get(), QUIET),
                                List.of(
                                        "--port",
                                        "0",
                                        "--data-dir",
                                        dataDir.resolve("data").toString())))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (server.isAlive()
                        && System.nanoTime() < deadline
                        && !Files.readString(log).contains("Hearth server listening on")) {
                    Thread.sleep(100);
                }
                server.destroy();
                if (!server.waitFor(5, TimeUnit.MINUTES)) {
                    server.destroyForcibly().waitFor();
                }
            } finally {
                archive.publish(writing.get());
                deleteTree(dataDir);
            }
        }
        return start(builder, jvmOptions, jar, args);
    }

    private static List<String> command(List<String> jvmOptions, Path jar, List<String> archive, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(TEST_FORK_OPTIONS);
        command.addAll(archive);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return command;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The archive of one build of a jar, next to it. */
    private record Archive(Path jar, Path file, Path claimFile) {
        static Archive of(Path jar) throws IOException {
            // the archive the build makes at package (bin/hearth-server's and bin/hearth's), when it
            // did (-DskipCds: not) and is of this build of the jar: used as is, none written
            Path built = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".jsa"));
            if (Files.exists(built)
                    && Files.getLastModifiedTime(built).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
                return new Archive(jar, built, built.resolveSibling(built.getFileName() + ".claim"));
            }
            String name = jar.getFileName() + "." + Files.size(jar) + "-"
                    + Files.getLastModifiedTime(jar).toMillis() + ".jsa";
            return new Archive(jar, jar.resolveSibling(name), jar.resolveSibling(name + ".claim"));
        }

        List<String> useOptions() {
            return Files.exists(file) ? List.of("-XX:SharedArchiveFile=" + file, QUIET) : List.of();
        }

        /**
         * Where this JVM's child is to write the archive, if it is missing and no other JVM has
         * taken that on; archives of earlier builds of the jar are deleted then.
         */
        Optional<Path> claim() throws IOException {
            if (Files.exists(file)) {
                return Optional.empty();
            }
            try {
                Files.createFile(claimFile);
            } catch (FileAlreadyExistsException anotherJvmWritesIt) {
                return Optional.empty();
            }
            try (DirectoryStream<Path> old = Files.newDirectoryStream(jar.getParent(), jar.getFileName() + ".*.jsa*")) {
                for (Path path : old) {
                    if (!path.equals(claimFile)) {
                        Files.deleteIfExists(path);
                    }
                }
            }
            return Optional.of(file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        }

        /**
         * Moves a written archive in, whole (a JVM mapping a half-written one would fail to start); a
         * JVM killed before it wrote one leaves the claim to the next.
         */
        void publish(Path written) {
            try {
                if (Files.exists(written) && Files.size(written) > 0) {
                    Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(written);
                    Files.deleteIfExists(claimFile);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
