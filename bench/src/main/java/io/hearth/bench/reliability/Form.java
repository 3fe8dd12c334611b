package io.hearth.bench.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How hard the check pushes: the short form runs in CI, the long form before a release. */
enum Form {
    SHORT(20, 3_000, 3, false, Duration.ofMinutes(6)),
    LONG(200, 30_000, 5, true, Duration.ofMinutes(30));

    private final int creationRounds;
    private final int fileRows;
    private final int sameFileRounds;
    private final boolean killMidImport;
    private final Duration timeBound;

    Form(int creationRounds, int fileRows, int sameFileRounds, boolean killMidImport, Duration timeBound) {
        this.creationRounds = creationRounds;
        this.fileRows = fileRows;
        this.sameFileRounds = sameFileRounds;
        this.killMidImport = killMidImport;
        this.timeBound = timeBound;
    }

    /** Past it the watchdog stops every server and the check fails. */
    Duration timeBound() {
        return timeBound;
    }

    List<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>(List.of(
                new ConcurrentCreates(creationRounds, false),
                new ConcurrentCreates(creationRounds, true),
                new SameFileTwice(fileRows, sameFileRounds),
                new TwoFilesSamePeople(fileRows)));
        if (killMidImport) {
            scenarios.add(new KillMidImport(fileRows));
        }
        return scenarios;
    }
}
