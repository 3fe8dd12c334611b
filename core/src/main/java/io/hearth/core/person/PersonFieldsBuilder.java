package io.hearth.core.person;

import java.util.List;

/**
 * Sets the fields every person has, for the builders of lead and contact fields, which add their
 * own: each shared setter is written once, here.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class PersonFieldsBuilder<B extends PersonFieldsBuilder<B>> {
    private String givenName;
    private String familyName;
    private String company;
    private String title;
    private String email;
    private String phone;
    private LeadSource source;
    private String owner;
    private String notes;
    private List<String> tags = List.of();

    protected abstract B self();

    public B givenName(String v) {
        givenName = v;
        return self();
    }

    public B familyName(String v) {
        familyName = v;
        return self();
    }

    public B company(String v) {
        company = v;
        return self();
    }

    public B title(String v) {
        title = v;
        return self();
    }

    public B email(String v) {
        email = v;
        return self();
    }

    public B phone(String v) {
        phone = v;
        return self();
    }

    public B source(LeadSource v) {
        source = v;
        return self();
    }

    public B owner(String v) {
        owner = v;
        return self();
    }

    public B notes(String v) {
        notes = v;
        return self();
    }

    public B tags(List<String> v) {
        tags = v;
        return self();
    }

    /** Sets every shared field from {@code person}. */
    public B person(PersonFields person) {
        givenName = person.givenName();
        familyName = person.familyName();
        company = person.company();
        title = person.title();
        email = person.email();
        phone = person.phone();
        source = person.source();
        owner = person.owner();
        notes = person.notes();
        tags = person.tags();
        return self();
    }

    /** The shared fields set so far. */
    protected PersonFields buildPerson() {
        return new PersonFields(givenName, familyName, company, title, email, phone, source, owner, notes, tags);
    }
}
