package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.CADENCE;
import static io.hearth.core.persistence.generated.Tables.LEAD;
import static io.hearth.core.persistence.generated.Tables.LEAD_PROFILE;
import static java.util.Objects.requireNonNull;

import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.Temperature;
import io.hearth.core.persistence.generated.tables.records.LeadProfileRecord;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonKind;
import io.hearth.core.priority.Activity;
import io.hearth.core.priority.Answer;
import io.hearth.core.priority.Bant;
import io.hearth.core.priority.ClosedLead;
import io.hearth.core.priority.InboundArrival;
import io.hearth.core.priority.LeadProfile;
import io.hearth.core.priority.LeadProfileStore;
import io.hearth.core.priority.LeadSignals;
import io.hearth.core.priority.Qualification;
import io.hearth.core.priority.ReferralKind;
import io.hearth.core.priority.TemperatureOverride;
import io.hearth.core.priority.TemperatureRating;
import io.hearth.core.resource.Money;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** {@link LeadProfileStore} on jOOQ. */
public final class JooqLeadProfileStore implements LeadProfileStore {
    private final DSLContext dsl;
    // the reads and writes every rating makes, rendered once (RenderedQuery)
    private final RenderedQuery byLead;
    private final RenderedQuery insertNew;
    private final RenderedQuery updateVersion;

    public JooqLeadProfileStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        this.byLead = new RenderedQuery(
                dsl,
                dsl.select(LEAD_PROFILE.fields())
                        .from(LEAD_PROFILE)
                        .where(LEAD_PROFILE.LEAD_ID.eq(DSL.param("key", UUID.class))));
        Map<Field<?>, Field<?>> row = RenderedQuery.columnParameters(LEAD_PROFILE.fields());
        this.insertNew =
                new RenderedQuery(dsl, dsl.insertInto(LEAD_PROFILE).set(row).onConflictDoNothing());
        this.updateVersion =
                RenderedQuery.versionedUpdate(dsl, LEAD_PROFILE, row, LEAD_PROFILE.LEAD_ID, LEAD_PROFILE.VERSION);
    }

    @Override
    public Optional<LeadProfile> find(LeadId leadId) {
        return byLead.fetch(dsl, Map.of("key", leadId.value()), JooqLeadProfileStore::toProfile).stream()
                .findFirst();
    }

    @Override
    public void insertAll(Collection<LeadProfile> profiles) {
        BulkSql.insert(dsl, LEAD_PROFILE, profiles.stream().map(this::toRecord).toList());
    }

    @Override
    public boolean save(LeadProfile profile) {
        Map<String, Object> values = RenderedQuery.valuesOf(toRecord(profile));
        if (profile.version() == 0) {
            // a concurrent first save of the same lead's profile wins; the caller reads it and retries
            return insertNew.execute(dsl, values) == 1;
        }
        return updateVersion.executeVersioned(dsl, values, profile.leadId().value(), profile.version());
    }

    @Override
    public void lock(LeadId leadId) {
        // a write that changes nothing: both databases hold a written row's lock until commit
        dsl.update(LEAD_PROFILE)
                .set(LEAD_PROFILE.VERSION, LEAD_PROFILE.VERSION)
                .where(LEAD_PROFILE.LEAD_ID.eq(leadId.value()))
                .execute();
    }

    @Override
    public List<InboundArrival> inboundArrivals(String owner, Instant from, Instant to) {
        var query = dsl.select(
                        LEAD.CREATED_AT, LEAD_PROFILE.RESPONSE_DEADLINE, LEAD_PROFILE.FIRST_TOUCH_AT, LEAD.STATUS)
                .from(LEAD_PROFILE)
                .join(LEAD)
                .on(LEAD.ID.eq(LEAD_PROFILE.LEAD_ID))
                .where(LEAD_PROFILE.RESPONSE_DEADLINE.isNotNull())
                .and(LEAD.CREATED_AT.ge(at(from)))
                .and(LEAD.CREATED_AT.lt(at(to)));
        if (owner != null) {
            query = query.and(LEAD.OWNER.eq(owner));
        }
        return query.fetch(r -> new InboundArrival(
                instant(r.value1()), instant(r.value2()), instant(r.value3()), LeadStatus.valueOf(r.value4())));
    }

    /**
     * The newest {@code limit} of each closed status read down {@code ix_lead_status_updated}, then
     * merged newest first: at most twice {@code limit} rows, whatever the number of open leads.
     */
    @Override
    public List<ClosedLead> closedLeads(int limit) {
        List<Closed> closed = new ArrayList<>();
        for (LeadStatus status : List.of(LeadStatus.CONVERTED, LeadStatus.UNQUALIFIED)) {
            // the newest leads alone first: HSQLDB walks the index in order and stops only on one
            // table, and only when the ORDER BY names the status too; their profiles are then
            // looked up by key
            Table<?> newest = DSL.select(LEAD.ID, LEAD.SOURCE, LEAD.CREATED_AT, LEAD.STATUS, LEAD.UPDATED_AT)
                    .from(LEAD)
                    .where(LEAD.STATUS.eq(status.name()))
                    .orderBy(LEAD.STATUS.desc(), LEAD.UPDATED_AT.desc(), LEAD.ID.desc())
                    .limit(DSL.inline(limit))
                    .asTable("newest");
            Field<String> source = newest.field(LEAD.SOURCE);
            Field<OffsetDateTime> createdAt = newest.field(LEAD.CREATED_AT);
            Field<OffsetDateTime> updatedAt = newest.field(LEAD.UPDATED_AT);
            closed.addAll(dsl.select(source, createdAt, updatedAt, LEAD_PROFILE.asterisk())
                    .from(newest)
                    .join(LEAD_PROFILE)
                    .on(LEAD_PROFILE.LEAD_ID.eq(newest.field(LEAD.ID)))
                    .fetch(r -> new Closed(
                            r.get(updatedAt),
                            r.get(LEAD_PROFILE.LEAD_ID),
                            closedLead(r, r.get(source), r.get(createdAt), status == LeadStatus.CONVERTED))));
        }
        // as the database orders them: updated_at, then the id's bytes, unsigned, both descending
        closed.sort(Comparator.comparing(Closed::updatedAt)
                .thenComparing(Closed::id, (a, b) -> {
                    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
                    return high != 0
                            ? high
                            : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
                })
                .reversed());
        return closed.stream().limit(limit).map(Closed::lead).toList();
    }

    private record Closed(OffsetDateTime updatedAt, UUID id, ClosedLead lead) {}

    private static ClosedLead closedLead(org.jooq.Record r, String source, OffsetDateTime createdAt, boolean won) {
        LeadProfile profile = toProfile(Columns.of(r.into(LEAD_PROFILE)));
        Qualification q = profile.qualification();
        Activity a = profile.activity();
        LeadSignals signals = new LeadSignals(
                LeadSource.valueOf(source),
                q.referral(),
                q.needBy(),
                q.bant(),
                q.leadLevel(),
                instant(createdAt),
                a.lastTouchAt(),
                a.lastConversationAt(),
                a.lastPositiveAt(),
                a.nextMeetingAt());
        return new ClosedLead(signals, profile.rating().grade(), won);
    }

    @Override
    public List<LeadId> ratingsExpiredBy(Instant now, int limit) {
        return dsl.select(LEAD_PROFILE.LEAD_ID)
                .from(LEAD_PROFILE)
                .where(LEAD_PROFILE.RATING_VALID_UNTIL.le(at(now)))
                .orderBy(LEAD_PROFILE.RATING_VALID_UNTIL)
                .limit(limit)
                .fetch(r -> new LeadId(r.value1()));
    }

    @Override
    public List<LeadId> openLeadsAfter(LeadId after, int limit) {
        Condition open = LEAD.ARCHIVED_AT
                .isNull()
                .and(LEAD.STATUS.ne(LeadStatus.CONVERTED.name()))
                .andNotExists(DSL.selectOne()
                        .from(CADENCE)
                        .where(CADENCE.PERSON_KIND.eq(PersonKind.LEAD.name()))
                        .and(CADENCE.PERSON_ID.eq(LEAD.ID))
                        .and(CADENCE.STATE.in(CadenceState.DRIP.name(), CadenceState.UNSUBSCRIBED.name())));
        if (after != null) {
            open = open.and(LEAD.ID.gt(after.value()));
        }
        return dsl.select(LEAD.ID)
                .from(LEAD)
                .where(open)
                .orderBy(LEAD.ID)
                .limit(DSL.inline(limit))
                .fetch(r -> new LeadId(r.value1()));
    }

    private LeadProfileRecord toRecord(LeadProfile p) {
        // attached: a detached record builds a configuration of its own at every set
        LeadProfileRecord r = dsl.newRecord(LEAD_PROFILE);
        Qualification q = p.qualification();
        r.setLeadId(p.leadId().value());
        r.setNeedBy(q.needBy());
        r.setValueAmount(q.estimatedValue() == null ? null : q.estimatedValue().amount());
        r.setValueCurrency(
                q.estimatedValue() == null ? null : q.estimatedValue().currency());
        r.setReferral(q.referral().name());
        r.setBudget(q.bant().budget().name());
        r.setAuthority(q.bant().authority().name());
        r.setNeed(q.bant().need().name());
        r.setTimescale(q.bant().timescale().name());
        r.setQualificationNote(q.note());
        r.setLeadLevel((short) q.leadLevel());
        TemperatureOverride o = p.override();
        r.setOverrideTemperature(o == null ? null : o.grade().name());
        r.setOverrideReason(o == null ? null : o.reason());
        r.setOverrideBy(o == null ? null : o.by());
        r.setOverrideAt(o == null ? null : at(o.at()));
        r.setResponseDeadline(at(p.responseDeadline()));
        Activity a = p.activity();
        r.setFirstTouchAt(at(a.firstTouchAt()));
        r.setLastTouchAt(at(a.lastTouchAt()));
        r.setLastConversationAt(at(a.lastConversationAt()));
        r.setLastPositiveAt(at(a.lastPositiveAt()));
        r.setNextMeetingAt(at(a.nextMeetingAt()));
        TemperatureRating rating = p.rating();
        r.setModelTemperature(rating.grade().name());
        r.setSizzling(rating.sizzling());
        r.setProbability(rating.probabilityToClose());
        r.setReasons(String.join("\n", rating.reasons()));
        r.setRatedAt(at(p.ratedAt()));
        r.setRatingValidUntil(at(p.ratingValidUntil()));
        r.setVersion(p.version() + 1);
        r.setQualificationVersion(p.qualificationVersion());
        return r;
    }

    private static LeadProfile toProfile(Columns r) {
        Money value = r.get(LEAD_PROFILE.VALUE_AMOUNT) == null
                ? null
                : new Money(r.get(LEAD_PROFILE.VALUE_CURRENCY), r.get(LEAD_PROFILE.VALUE_AMOUNT));
        Bant bant = new Bant(
                Answer.valueOf(r.get(LEAD_PROFILE.BUDGET)),
                Answer.valueOf(r.get(LEAD_PROFILE.AUTHORITY)),
                Answer.valueOf(r.get(LEAD_PROFILE.NEED)),
                Answer.valueOf(r.get(LEAD_PROFILE.TIMESCALE)));
        Qualification q = new Qualification(
                r.get(LEAD_PROFILE.NEED_BY),
                value,
                ReferralKind.valueOf(r.get(LEAD_PROFILE.REFERRAL)),
                bant,
                r.get(LEAD_PROFILE.QUALIFICATION_NOTE),
                r.get(LEAD_PROFILE.LEAD_LEVEL));
        TemperatureOverride o = r.get(LEAD_PROFILE.OVERRIDE_TEMPERATURE) == null
                ? null
                : new TemperatureOverride(
                        Temperature.valueOf(r.get(LEAD_PROFILE.OVERRIDE_TEMPERATURE)),
                        r.get(LEAD_PROFILE.OVERRIDE_REASON),
                        r.get(LEAD_PROFILE.OVERRIDE_BY),
                        instant(r.get(LEAD_PROFILE.OVERRIDE_AT)));
        Activity a = new Activity(
                instant(r.get(LEAD_PROFILE.FIRST_TOUCH_AT)),
                instant(r.get(LEAD_PROFILE.LAST_TOUCH_AT)),
                instant(r.get(LEAD_PROFILE.LAST_CONVERSATION_AT)),
                instant(r.get(LEAD_PROFILE.LAST_POSITIVE_AT)),
                instant(r.get(LEAD_PROFILE.NEXT_MEETING_AT)));
        List<String> reasons = r.get(LEAD_PROFILE.REASONS).isEmpty()
                ? List.of()
                : Arrays.asList(r.get(LEAD_PROFILE.REASONS).split("\n"));
        TemperatureRating rating = new TemperatureRating(
                Temperature.valueOf(r.get(LEAD_PROFILE.MODEL_TEMPERATURE)),
                r.get(LEAD_PROFILE.SIZZLING),
                r.get(LEAD_PROFILE.PROBABILITY),
                reasons);
        return new LeadProfile(
                new LeadId(r.get(LEAD_PROFILE.LEAD_ID)),
                q,
                o,
                instant(r.get(LEAD_PROFILE.RESPONSE_DEADLINE)),
                a,
                rating,
                instant(r.get(LEAD_PROFILE.RATED_AT)),
                instant(r.get(LEAD_PROFILE.RATING_VALID_UNTIL)),
                r.get(LEAD_PROFILE.VERSION),
                r.get(LEAD_PROFILE.QUALIFICATION_VERSION));
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
