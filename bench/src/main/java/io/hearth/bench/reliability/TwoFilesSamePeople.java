package io.hearth.bench.reliability;

import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Race 3: two different files holding the same people (other column order, an extra column, so
 * their SHA-256 differ and both runs go ahead) imported at the same moment, one per server. Every
 * person must exist once: the runs' batches claim the people's matching keys, so one waits for
 * the other and then finds them.
 */
final class TwoFilesSamePeople implements Scenario {
    private final int rows;
    private final Tag tag = new Tag("twofiles", "650");

    TwoFilesSamePeople(int rows) {
        this.rows = rows;
    }

    @Override
    public String name() {
        return "two files, same people, at once, " + String.format("%,d", rows) + " rows";
    }

    @Override
    public Result run(Deployment deployment) throws Exception {
        long start = System.nanoTime();
        Answers answers = new Answers();
        FileImport plain = FileImport.upload(
                deployment.server(0), "people.csv", PeopleFile.csv(tag, rows, PeopleFile.Layout.PLAIN));
        FileImport reordered = FileImport.upload(
                deployment.server(1),
                "people-with-titles.csv",
                PeopleFile.csv(tag, rows, PeopleFile.Layout.REORDERED_WITH_TITLE));
        plain.finish();
        reordered.finish();
        List<String> problems = new ArrayList<>();
        long created = 0;
        for (FileImport call : List.of(plain, reordered)) {
            SyncRun run = call.await(answers);
            if (run == null) {
                continue;
            }
            created += run.getCounts().getCreated();
            if (run.getState() != SyncRunState.SYNC_RUN_STATE_SUCCEEDED) {
                problems.add(run.getName() + " ended " + run.getState() + ": " + run.getError());
            }
        }
        if (created != rows) {
            problems.add("the two runs say they created " + created + " people");
        }
        return new Result(
                name(),
                answers,
                rows,
                Census.at(deployment.server(0), tag.domain()),
                SyncRuns.running(deployment.server(0)),
                Duration.ofNanos(System.nanoTime() - start),
                List.of(),
                problems);
    }
}
