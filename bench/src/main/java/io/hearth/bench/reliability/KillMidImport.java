package io.hearth.bench.reliability;

import io.grpc.Status;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Race 4 (long form): a server killed with SIGKILL in the middle of an import, started again on
 * its data directory, and the same file uploaded again. Its run must not stay RUNNING: on HSQLDB
 * the restarted server marks it INTERRUPTED at start; on PostgreSQL a server marks it once its
 * 30 s lease has run out (each server looks at start and every 30 s). The new import resumes
 * after the last stored batch, and every person is there once.
 */
final class KillMidImport implements Scenario {
    /** Lease (30 s) plus the reaper's period (30 s), and slack for a busy machine. */
    private static final Duration REAPER_BOUND = Duration.ofSeconds(90);

    private static final Duration PROGRESS_BOUND = Duration.ofSeconds(120);

    private final int rows;
    private final Tag tag = new Tag("killed", "510");

    KillMidImport(int rows) {
        this.rows = rows;
    }

    @Override
    public String name() {
        return "kill -9 mid-import, restart, again, " + String.format("%,d", rows) + " rows";
    }

    @Override
    public Result run(Deployment deployment) throws Exception {
        long start = System.nanoTime();
        // the call cut by the kill has no answer from the server: the client sees the connection go
        Answers answers = new Answers(new Answers.Expected(Status.Code.UNAVAILABLE, null));
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        byte[] file = PeopleFile.csv(tag, rows, PeopleFile.Layout.PLAIN);

        importUntilKilled(deployment.server(0), file, answers);
        long killedAt = System.nanoTime();
        ServerProcess restarted = deployment.restart(0);
        // on PostgreSQL the other server watches; on HSQLDB the restarted one is all there is
        ServerProcess observer = deployment.embedded() ? restarted : deployment.server(1);
        long running = SyncRuns.awaitNoneRunning(observer, REAPER_BOUND);
        if (running == 0) {
            notes.add(String.format(
                    "the killed run was marked INTERRUPTED %.0f s after the kill%s",
                    (System.nanoTime() - killedAt) / 1e9, deployment.embedded() ? " (at restart)" : ""));
        }
        if (SyncRuns.all(observer).stream()
                .noneMatch(run -> run.getState() == SyncRunState.SYNC_RUN_STATE_INTERRUPTED)) {
            problems.add("no run is INTERRUPTED after the kill");
        }

        SyncRun resumed =
                FileImport.upload(restarted, "people.csv", file).finish().await(answers);
        if (resumed != null) {
            judgeResumed(resumed, notes, problems);
        }
        return new Result(
                name(),
                answers,
                rows,
                Census.at(restarted, tag.domain()),
                SyncRuns.running(observer),
                Duration.ofNanos(System.nanoTime() - start),
                notes,
                problems);
    }

    /** Uploads the file and kills the server once a fifth of it is stored. */
    private void importUntilKilled(ServerProcess server, byte[] file, Answers answers) throws Exception {
        CountDownLatch fifthStored = new CountDownLatch(1);
        FileImport cut = FileImport.upload(server, "people.csv", file, run -> {
                    if (run.getCounts().getRead() >= rows / 5) {
                        fifthStored.countDown();
                    }
                })
                .finish();
        if (!fifthStored.await(PROGRESS_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the import made no progress in " + PROGRESS_BOUND);
        }
        server.kill();
        SyncRun run = cut.await(answers);
        if (run != null) {
            throw new IllegalStateException("the import ended before the kill: " + run.getState());
        }
    }

    private void judgeResumed(SyncRun resumed, List<String> notes, List<String> problems) {
        if (resumed.getState() != SyncRunState.SYNC_RUN_STATE_SUCCEEDED) {
            problems.add("the import after the restart ended " + resumed.getState() + ": " + resumed.getError());
        }
        if (resumed.getStartCursor().isEmpty()) {
            problems.add("the import after the restart started from the top instead of the last stored batch");
        }
        notes.add(String.format(
                "the import after the restart read %,d of %,d rows and created %,d",
                resumed.getCounts().getRead(), rows, resumed.getCounts().getCreated()));
    }
}
