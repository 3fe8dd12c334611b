package io.hearth.core.lead;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.PersonFields;
import java.util.List;

/**
 * What a rep can write on a lead. Absent text is {@code null}, never blank: {@link LeadRules}
 * trims input and turns blanks into {@code null}. Enums are never {@code null} after the rules ran.
 */
public record LeadFields(
        String givenName,
        String familyName,
        String company,
        String title,
        String email,
        String phone,
        LeadSource source,
        String owner,
        LeadStatus status,
        Temperature temperature,
        String notes,
        List<String> tags) {

    public LeadFields {
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
    }

    /** Given + family name, else company, else email, else phone. */
    public String displayName() {
        return person().displayName();
    }

    /** A copy with the masked fields taken from {@code changes}. */
    public LeadFields with(LeadFields changes, Iterable<LeadField> mask) {
        Builder result = toBuilder();
        for (LeadField field : mask) {
            field.copy(result, changes);
        }
        return result.build();
    }

    /** The fields every person has, as one value. */
    public PersonFields person() {
        return new PersonFields(givenName, familyName, company, title, email, phone, owner, notes, tags);
    }

    /** A copy with the fields every person has taken from {@code person}. */
    public LeadFields withPerson(PersonFields person) {
        return toBuilder()
                .givenName(person.givenName())
                .familyName(person.familyName())
                .company(person.company())
                .title(person.title())
                .email(person.email())
                .phone(person.phone())
                .owner(person.owner())
                .notes(person.notes())
                .tags(person.tags())
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder()
                .givenName(givenName)
                .familyName(familyName)
                .company(company)
                .title(title)
                .email(email)
                .phone(phone)
                .source(source)
                .owner(owner)
                .status(status)
                .temperature(temperature)
                .notes(notes)
                .tags(tags);
    }

    /** For callers that fill some fields (mapping layers, tests). */
    public static final class Builder {
        private String givenName;
        private String familyName;
        private String company;
        private String title;
        private String email;
        private String phone;
        private LeadSource source;
        private String owner;
        private LeadStatus status;
        private Temperature temperature;
        private String notes;
        private List<String> tags = List.of();

        public Builder givenName(String v) {
            givenName = v;
            return this;
        }

        public Builder familyName(String v) {
            familyName = v;
            return this;
        }

        public Builder company(String v) {
            company = v;
            return this;
        }

        public Builder title(String v) {
            title = v;
            return this;
        }

        public Builder email(String v) {
            email = v;
            return this;
        }

        public Builder phone(String v) {
            phone = v;
            return this;
        }

        public Builder source(LeadSource v) {
            source = v;
            return this;
        }

        public Builder owner(String v) {
            owner = v;
            return this;
        }

        public Builder status(LeadStatus v) {
            status = v;
            return this;
        }

        public Builder temperature(Temperature v) {
            temperature = v;
            return this;
        }

        public Builder notes(String v) {
            notes = v;
            return this;
        }

        public Builder tags(List<String> v) {
            tags = v;
            return this;
        }

        public LeadFields build() {
            return new LeadFields(
                    givenName,
                    familyName,
                    company,
                    title,
                    email,
                    phone,
                    source,
                    owner,
                    status,
                    temperature,
                    notes,
                    tags);
        }
    }
}
