package io.hearth.core.persistence;

import static io.hearth.core.persistence.JooqContactStore.toOffset;
import static io.hearth.core.persistence.generated.Tables.TOUCH;
import static java.util.Objects.requireNonNull;

import io.hearth.core.opportunity.OpportunityId;
import io.hearth.core.persistence.generated.tables.records.TouchRecord;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.Touch;
import io.hearth.core.touch.TouchKind;
import io.hearth.core.touch.TouchQuery;
import io.hearth.core.touch.TouchStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link TouchStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. */
public final class JooqTouchStore implements TouchStore {
    private final DSLContext dsl;
    /** Every touch logged, rendered once (RenderedQuery). */
    private final RenderedQuery insertRow;

    public JooqTouchStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        this.insertRow =
                new RenderedQuery(dsl, dsl.insertInto(TOUCH).set(RenderedQuery.columnParameters(TOUCH.fields())));
    }

    @Override
    public void insert(Touch touch) {
        insertRow.execute(dsl, RenderedQuery.valuesOf(toRecord(touch)));
    }

    @Override
    public LastTouches lastTouches(ContactId contact) {
        var forDeal = DSL.max(DSL.when(TOUCH.OPPORTUNITY_ID.isNotNull(), TOUCH.OCCURRED_AT));
        return dsl.select(DSL.max(TOUCH.OCCURRED_AT), forDeal)
                .from(TOUCH)
                .where(TOUCH.CONTACT_ID.eq(contact.value()))
                .fetchOne(r -> new LastTouches(
                        r.value1() == null ? null : r.value1().toInstant(),
                        r.value2() == null ? null : r.value2().toInstant()));
    }

    @Override
    public Page<Touch> list(TouchQuery query) {
        List<Condition> conditions = new ArrayList<>();
        if (query.person() != null) {
            conditions.add(personIs(query.person()));
        }
        conditions.add(OwnerScope.personVisible(TOUCH.LEAD_ID, TOUCH.CONTACT_ID, query.scope()));
        if (query.performedBy() != null) {
            conditions.add(TOUCH.PERFORMED_BY.eq(query.performedBy()));
        }
        if (query.from() != null) {
            conditions.add(TOUCH.OCCURRED_AT.ge(toOffset(query.from())));
        }
        if (query.to() != null) {
            conditions.add(TOUCH.OCCURRED_AT.lt(toOffset(query.to())));
        }
        var select = dsl.selectFrom(TOUCH).where(conditions).orderBy(TOUCH.OCCURRED_AT.desc(), TOUCH.ID.desc());
        int fetchSize = query.pageSize() + 1;
        List<TouchRecord> records = query.after()
                .map(after -> select.seek(toOffset(Instant.parse(after.sortValue())), UUID.fromString(after.id()))
                        .limit(fetchSize)
                        .fetch())
                .orElseGet(() -> select.limit(fetchSize).fetch());
        boolean more = records.size() > query.pageSize();
        List<TouchRecord> page = more ? records.subList(0, query.pageSize()) : records;
        Optional<String> next = Optional.empty();
        if (more) {
            TouchRecord last = page.get(page.size() - 1);
            next = Optional.of(new PageToken(
                            query.fingerprint(),
                            last.getOccurredAt().toInstant().toString(),
                            last.getId().toString())
                    .encode());
        }
        return new Page<>(page.stream().map(JooqTouchStore::toTouch).toList(), next);
    }

    @Override
    public int carryOver(LeadId lead, ContactId contact) {
        return dsl.update(TOUCH)
                .set(TOUCH.CONTACT_ID, contact.value())
                .where(TOUCH.LEAD_ID.eq(lead.value()))
                .execute();
    }

    /** A contact's touches include those made while it was still a lead. */
    static Condition personIs(PersonRef person) {
        return person.isLead() ? TOUCH.LEAD_ID.eq(person.id()) : TOUCH.CONTACT_ID.eq(person.id());
    }

    private static TouchRecord toRecord(Touch t) {
        TouchRecord r = new TouchRecord();
        r.setId(t.id());
        r.setLeadId(t.person().isLead() ? t.person().id() : null);
        r.setContactId(t.contact() == null ? null : t.contact().value());
        r.setKind(t.kind().name());
        r.setChannel(t.channel().name());
        r.setOccurredAt(toOffset(t.occurredAt()));
        r.setDurationSeconds(t.duration().toSeconds());
        r.setOutcome(t.outcome().name());
        r.setNote(t.note());
        r.setPerformedBy(t.performedBy());
        r.setSource(t.source() == null ? null : t.source().name());
        r.setOwner(t.owner());
        r.setFollowUpNumber(t.followUpNumber());
        r.setCreatedAt(toOffset(t.createdAt()));
        r.setOpportunityId(t.opportunity() == null ? null : t.opportunity().value());
        return r;
    }

    static Touch toTouch(TouchRecord r) {
        PersonRef person = r.getLeadId() != null
                ? new PersonRef(PersonKind.LEAD, r.getLeadId())
                : new PersonRef(PersonKind.CONTACT, r.getContactId());
        return new Touch(
                r.getId(),
                person,
                r.getContactId() == null ? null : new ContactId(r.getContactId()),
                TouchKind.valueOf(r.getKind()),
                Channel.valueOf(r.getChannel()),
                r.getOccurredAt().toInstant(),
                Duration.ofSeconds(r.getDurationSeconds()),
                Outcome.valueOf(r.getOutcome()),
                r.getNote(),
                r.getPerformedBy(),
                r.getSource() == null ? null : LeadSource.valueOf(r.getSource()),
                r.getOwner(),
                r.getFollowUpNumber(),
                r.getCreatedAt().toInstant(),
                r.getOpportunityId() == null ? null : new OpportunityId(r.getOpportunityId()));
    }
}
