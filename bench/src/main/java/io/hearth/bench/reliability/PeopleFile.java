package io.hearth.bench.reliability;

import java.nio.charset.StandardCharsets;

/**
 * A CSV of {@code rows} distinct people of one scenario: emails at the scenario's domain, phones in
 * its own area code and names carrying its tag, so no two scenarios share a matching key (email,
 * phone, name and company) and each scenario's people are counted apart.
 */
final class PeopleFile {
    /** Column orders: the same people written two ways have different bytes, so different SHA-256. */
    enum Layout {
        /** First Name, Last Name, Company, Email, Phone. */
        PLAIN,
        /** The columns the other way round, and a Job Title column more. */
        REORDERED_WITH_TITLE
    }

    private PeopleFile() {}

    static byte[] csv(Scenario.Tag tag, int rows, Layout layout) {
        StringBuilder out = new StringBuilder(rows * 90);
        out.append(
                layout == Layout.PLAIN
                        ? "First Name,Last Name,Company,Email,Phone\n"
                        : "Job Title,Phone,Email,Company,Last Name,First Name\n");
        for (int i = 0; i < rows; i++) {
            String given = "Given" + i;
            String family = tag.familyName();
            String company = tag.company(i % 500);
            String email = "person" + i + "@" + tag.domain();
            String phone = "+1" + tag.areaCode() + String.format("%07d", i);
            if (layout == Layout.PLAIN) {
                out.append(given)
                        .append(',')
                        .append(family)
                        .append(',')
                        .append(company)
                        .append(',')
                        .append(email)
                        .append(',')
                        .append(phone)
                        .append('\n');
            } else {
                out.append("Buyer,")
                        .append(phone)
                        .append(',')
                        .append(email)
                        .append(',')
                        .append(company)
                        .append(',')
                        .append(family)
                        .append(',')
                        .append(given)
                        .append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
