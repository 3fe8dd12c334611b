package io.hearth.core.person;

/** How a person is shown and sorted: given + family name, else company, else email, else phone. */
public final class DisplayNames {
    private DisplayNames() {}

    public static String of(String givenName, String familyName, String company, String email, String phone) {
        if (givenName != null || familyName != null) {
            return givenName == null ? familyName : familyName == null ? givenName : givenName + " " + familyName;
        }
        if (company != null) {
            return company;
        }
        return email != null ? email : phone;
    }
}
