package io.hearth.bench;

import io.hearth.core.HearthCore;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonField;
import io.hearth.core.person.PersonRef;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.TouchInput;
import io.hearth.core.touch.TouchKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * The CPU the calling thread spends in each use case a rep and a web form call all day, in one JVM
 * on one database: a web-form lead made, its notes updated, an unanswered cold call logged, the
 * lead read. No gRPC, no client, no other process: the thread's own CPU time ({@link
 * ThreadMXBean}), which other work on the machine moves far less than a throughput does, so two
 * builds can be compared one after the other. (PostgreSQL's own work happens in its server
 * process and is not counted.)
 *
 * <pre>java -cp bench/target/hearth-bench.jar io.hearth.bench.UseCaseCpuBench [calls] [rounds] [pg-url]</pre>
 *
 * <p>Each round makes {@code calls} leads (300 by default), updates and touches each once and reads
 * each three times; the first of the rounds (5 by default) warms the JIT and is not counted. Prints
 * each round and the median of the others, in microseconds per call, on HSQLDB (an embedded file
 * database in a temporary folder) and on PostgreSQL when a URL is given (in a schema it makes and
 * drops).
 */
public final class UseCaseCpuBench {
    private static final String[] CALLS = {"create", "update", "touch", "get"};

    private UseCaseCpuBench() {}

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String pgUrl = args.length > 2 && !args[2].isBlank() ? args[2] : null;
        if (calls < 1 || rounds < 2) {
            throw new IllegalArgumentException("at least 1 call and 2 rounds (the first one warms up)");
        }
        Path work = Files.createTempDirectory("hearth-use-case-bench");
        run("hsqldb", DatabaseConfig.embedded(work, 4), calls, rounds);
        if (pgUrl != null) {
            List<String> schemas = new ArrayList<>();
            try {
                run("postgresql", ImportBench.pgSchema(pgUrl, schemas), calls, rounds);
            } finally {
                ImportBench.dropSchemas(pgUrl, schemas);
            }
        }
    }

    private static void run(String name, DatabaseConfig config, int calls, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] perCall = new double[CALLS.length][rounds - 1];
        try (Database database = Database.open(config)) {
            HearthCore core =
                    HearthCore.on(database).probability(new RuleProbability()).build();
            int made = 0;
            for (int round = 0; round < rounds; round++) {
                long[] cpu = new long[CALLS.length + 1];
                cpu[0] = threads.getCurrentThreadCpuTime();
                List<Lead> leads = new ArrayList<>(calls);
                for (int i = 0; i < calls; i++) {
                    leads.add(webFormLead(core, ++made));
                }
                cpu[1] = threads.getCurrentThreadCpuTime();
                for (Lead lead : leads) {
                    core.leads()
                            .update(
                                    lead.id(),
                                    LeadFields.builder()
                                            .notes("called back, round " + round)
                                            .build(),
                                    EnumSet.of(PersonField.NOTES),
                                    null);
                }
                cpu[2] = threads.getCurrentThreadCpuTime();
                for (Lead lead : leads) {
                    core.followUps()
                            .logTouch(new TouchInput(
                                    PersonRef.of(lead.id()),
                                    TouchKind.COLD_CALL,
                                    Channel.PHONE,
                                    null,
                                    null,
                                    Outcome.NO_ANSWER,
                                    "",
                                    lead.fields().person().owner()));
                }
                cpu[3] = threads.getCurrentThreadCpuTime();
                for (int read = 0; read < 3; read++) {
                    for (Lead lead : leads) {
                        core.leads().get(lead.id());
                    }
                }
                cpu[4] = threads.getCurrentThreadCpuTime();
                StringBuilder line = new StringBuilder(String.format("%-10s round %d:", name, round));
                for (int c = 0; c < CALLS.length; c++) {
                    double micros = (cpu[c + 1] - cpu[c]) / 1e3 / (c == 3 ? 3.0 * calls : calls);
                    line.append(String.format(" %s %.0f us", CALLS[c], micros));
                    if (round > 0) {
                        perCall[c][round - 1] = micros;
                    }
                }
                System.out.println(round == 0 ? line + " (warm-up)" : line);
            }
        }
        StringBuilder medians = new StringBuilder(String.format("%-10s median:  ", name));
        for (int c = 0; c < CALLS.length; c++) {
            double[] values = perCall[c].clone();
            Arrays.sort(values);
            medians.append(String.format(" %s %.0f us", CALLS[c], values[values.length / 2]));
        }
        System.out.println(medians);
    }

    private static Lead webFormLead(HearthCore core, int n) {
        return core.leads()
                .create(
                        LeadFields.builder()
                                .givenName("Bench")
                                .familyName("Person " + n)
                                .tags(List.of())
                                .company("Company " + n)
                                .email("p" + n + "@bench.example.com")
                                .source(LeadSource.WEB_FORM)
                                .owner("rep-" + n % 10)
                                .build(),
                        null);
    }
}
