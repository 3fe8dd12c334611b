package io.hearth.bench.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario saw: its calls' answers, the people it meant to leave and those found, the runs
 * left RUNNING, its time, and notes (facts worth printing) and problems (anything else that
 * fails the check, e.g. a run that did not succeed).
 */
final class Result {
    final String scenario;
    final Answers answers;
    final long peopleExpected;
    final Census census;
    final long runsRunning;
    final Duration time;
    final List<String> notes;
    final List<String> problems;

    Result(
            String scenario,
            Answers answers,
            long peopleExpected,
            Census census,
            long runsRunning,
            Duration time,
            List<String> notes,
            List<String> problems) {
        this.scenario = scenario;
        this.answers = answers;
        this.peopleExpected = peopleExpected;
        this.census = census;
        this.runsRunning = runsRunning;
        this.time = time;
        this.notes = List.copyOf(notes);
        this.problems = List.copyOf(problems);
    }

    /** A scenario that could not run to its end (a server that would not start, a timeout). */
    static Result broken(String scenario, Exception failure, Duration time) {
        return new Result(
                scenario, new Answers(), 0, new Census(0, 0), 0, time, List.of(), List.of("could not run: " + failure));
    }

    /** Every reason this scenario fails the check; empty when it passed. */
    List<String> failures() {
        List<String> failures = new ArrayList<>(problems);
        if (census.duplicates() > 0) {
            failures.add(census.duplicates() + " duplicate(s)");
        }
        if (census.found() != peopleExpected) {
            failures.add("expected " + peopleExpected + " people, found " + census.found());
        }
        if (runsRunning > 0) {
            failures.add(runsRunning + " run(s) left RUNNING");
        }
        answers.unexpected().stream().limit(5).forEach(a -> failures.add("unexpected answer " + a));
        return failures;
    }
}
