package io.hearth.bench.reliability;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Race 2: one file uploaded twice at the same moment (to each server on PostgreSQL, twice to the
 * one server on HSQLDB). An upload is known by its SHA-256, so both calls are one source: one run
 * imports it, the other is refused with FAILED_PRECONDITION (SYNC_ALREADY_RUNNING), or, had it
 * started after the first ended, is a run of its own that creates nobody. Two runs of the source
 * at once would be the bug. The race is run a few times, since on a busy machine one call may
 * happen to start after the other ended: the first round creates the people, the later ones are
 * re-imports that change nothing but still take the source.
 */
final class SameFileTwice implements Scenario {
    private final int rows;
    private final int rounds;
    private final Tag tag = new Tag("samefile", "628");

    SameFileTwice(int rows, int rounds) {
        this.rows = rows;
        this.rounds = rounds;
    }

    @Override
    public String name() {
        return "one file imported twice at once, " + String.format("%,d", rows) + " rows, " + rounds + " rounds";
    }

    @Override
    public Result run(Deployment deployment) throws Exception {
        long start = System.nanoTime();
        byte[] file = PeopleFile.csv(tag, rows, PeopleFile.Layout.PLAIN);
        Answers answers = new Answers(new Answers.Expected(Status.Code.FAILED_PRECONDITION, "SYNC_ALREADY_RUNNING"));
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long creators = 0;
        int serialRounds = 0;
        for (int round = 0; round < rounds; round++) {
            List<SyncRun> finished = playRound(deployment, round, file, answers);
            creators += finished.stream()
                    .filter(run -> run.getCounts().getCreated() > 0)
                    .count();
            finished.stream()
                    .filter(run -> run.getState() != SyncRunState.SYNC_RUN_STATE_SUCCEEDED)
                    .forEach(run -> problems.add(run.getName() + " ended " + run.getState() + ": " + run.getError()));
            if (finished.size() == 2) {
                if (overlap(finished.get(0), finished.get(1))) {
                    problems.add("two runs of one source ran at once: " + span(finished.get(0)) + " and "
                            + span(finished.get(1)));
                } else {
                    serialRounds++;
                }
            }
        }
        if (creators != 1) {
            problems.add(creators + " runs created people; the first round's winner alone should have");
        }
        if (serialRounds > 0) {
            notes.add(serialRounds + " of " + rounds + " rounds had no race: the second run started after the first"
                    + " ended");
        }
        return new Result(
                name(),
                answers,
                rows,
                Census.at(deployment.server(0), tag.domain()),
                SyncRuns.running(deployment.server(0)),
                Duration.ofNanos(System.nanoTime() - start),
                notes,
                problems);
    }

    /** Uploads the file to two servers (or twice to one), then ends both uploads back to back. */
    private static List<SyncRun> playRound(Deployment deployment, int round, byte[] file, Answers answers)
            throws InterruptedException {
        // whose upload ends first alternates, so on PostgreSQL each server leads in turn
        FileImport first = FileImport.upload(deployment.server(round), "people.csv", file);
        FileImport second = FileImport.upload(deployment.server(round + 1), "people.csv", file);
        first.finish();
        second.finish();
        List<SyncRun> finished = new ArrayList<>();
        for (FileImport call : List.of(first, second)) {
            SyncRun run = call.await(answers);
            if (run != null) {
                finished.add(run);
            }
        }
        return finished;
    }

    private static boolean overlap(SyncRun a, SyncRun b) {
        return instant(a.getStartTime()).isBefore(instant(b.getEndTime()))
                && instant(b.getStartTime()).isBefore(instant(a.getEndTime()));
    }

    private static String span(SyncRun run) {
        return run.getName() + " " + instant(run.getStartTime()) + " to " + instant(run.getEndTime());
    }

    private static Instant instant(Timestamp time) {
        return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
    }
}
