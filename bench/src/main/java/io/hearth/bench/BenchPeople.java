package io.hearth.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The N unique people a benchmark imports, the same whichever source serves them. */
final class BenchPeople {
    static final String TITLE = "Buyer";

    private BenchPeople() {}

    static String givenName(int i) {
        return "Given" + i;
    }

    static String familyName(int i) {
        return "Family" + i;
    }

    static String company(int i) {
        return "Company " + (i % 5000);
    }

    static String email(int i) {
        return "person" + i + "@example.com";
    }

    static String phone(int i) {
        return "+1415" + String.format("%07d", i);
    }

    /** HubSpot contact ids are large numbers; these rise with {@code i}, as the fake needs. */
    static long hubSpotId(int i) {
        return 50_000_001L + i;
    }

    /**
     * The people as a CSV export with the usual CRM headers, and the fields the HubSpot fake gives
     * them, no more: a lead source (say "Web") would make the import rate and queue them as inbound
     * leads, other work than the sync does.
     */
    static void writeCsv(Path file, int people) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Record ID,First Name,Last Name,Company,Job Title,Email,Phone\n");
            for (int i = 0; i < people; i++) {
                out.write(i + "," + givenName(i) + "," + familyName(i) + "," + company(i) + "," + TITLE + "," + email(i)
                        + "," + phone(i) + "\n");
            }
        }
    }
}
