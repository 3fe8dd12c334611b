package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.EXTERNAL_ID;
import static io.hearth.core.persistence.generated.Tables.FOLLOW_UP;
import static io.hearth.core.persistence.generated.Tables.OPPORTUNITY;
import static io.hearth.core.persistence.generated.Tables.TOUCH;
import static java.util.Objects.requireNonNull;

import io.hearth.core.dedup.LeadMergeStore;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonKind;
import org.jooq.DSLContext;

/** {@link LeadMergeStore} in SQL: each move is one UPDATE of the rows that point at the duplicate. */
public final class JooqLeadMergeStore implements LeadMergeStore {
    private static final String LEAD = PersonKind.LEAD.name();
    private static final String CONTACT = PersonKind.CONTACT.name();

    private final DSLContext dsl;

    public JooqLeadMergeStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public int moveTouches(LeadId from, LeadId to) {
        return dsl.update(TOUCH)
                .set(TOUCH.LEAD_ID, to.value())
                .where(TOUCH.LEAD_ID.eq(from.value()))
                .execute();
    }

    @Override
    public int moveFollowUps(LeadId from, LeadId to) {
        return dsl.update(FOLLOW_UP)
                .set(FOLLOW_UP.LEAD_ID, to.value())
                .where(FOLLOW_UP.LEAD_ID.eq(from.value()))
                .execute();
    }

    @Override
    public int moveExternalIds(LeadId from, ContactId to) {
        return dsl.update(EXTERNAL_ID)
                .set(EXTERNAL_ID.PERSON_KIND, PersonKind.CONTACT.name())
                .set(EXTERNAL_ID.PERSON_ID, to.value())
                .where(EXTERNAL_ID.PERSON_KIND.eq(LEAD).and(EXTERNAL_ID.PERSON_ID.eq(from.value())))
                .execute();
    }

    @Override
    public int moveExternalIds(LeadId from, LeadId to) {
        return dsl.update(EXTERNAL_ID)
                .set(EXTERNAL_ID.PERSON_ID, to.value())
                .where(EXTERNAL_ID.PERSON_KIND.eq(LEAD).and(EXTERNAL_ID.PERSON_ID.eq(from.value())))
                .execute();
    }

    @Override
    public int moveTouches(ContactId from, ContactId to) {
        return dsl.update(TOUCH)
                .set(TOUCH.CONTACT_ID, to.value())
                .where(TOUCH.CONTACT_ID.eq(from.value()))
                .execute();
    }

    @Override
    public int moveOpportunities(ContactId from, ContactId to, java.time.Instant at) {
        return dsl.update(OPPORTUNITY)
                .set(OPPORTUNITY.CONTACT_ID, to.value())
                .set(OPPORTUNITY.VERSION, OPPORTUNITY.VERSION.plus(1))
                .set(OPPORTUNITY.UPDATED_AT, JooqLeadProfileStore.at(at))
                .where(OPPORTUNITY.CONTACT_ID.eq(from.value()))
                .execute();
    }

    @Override
    public int moveFollowUps(ContactId from, ContactId to) {
        return dsl.update(FOLLOW_UP)
                .set(FOLLOW_UP.CONTACT_ID, to.value())
                .where(FOLLOW_UP.CONTACT_ID.eq(from.value()))
                .execute();
    }

    @Override
    public int moveExternalIds(ContactId from, ContactId to) {
        return dsl.update(EXTERNAL_ID)
                .set(EXTERNAL_ID.PERSON_ID, to.value())
                .where(EXTERNAL_ID.PERSON_KIND.eq(CONTACT).and(EXTERNAL_ID.PERSON_ID.eq(from.value())))
                .execute();
    }
}
