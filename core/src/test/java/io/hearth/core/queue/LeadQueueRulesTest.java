package io.hearth.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.Temperature;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonKind;
import io.hearth.core.priority.Activity;
import io.hearth.core.priority.LeadProfile;
import io.hearth.core.priority.Qualification;
import io.hearth.core.priority.TemperatureRating;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The lead rules of the queue as plain Java: where a lead goes with and without a scheduled follow-up. */
class LeadQueueRulesTest {
    private static final Instant CREATED = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant TOUCHED = CREATED.plus(Duration.ofMinutes(3));
    private static final Instant DUE = CREATED.plus(Duration.ofDays(2));
    private static final ScheduledFollowUp POSTCARD = new ScheduledFollowUp(
            new UUID(7, 7),
            DUE,
            ActionChannel.POSTCARD,
            List.of("follow-up 2 of 2 by postcard, due 2026-11-04 09:00 UTC"));
    private static final CadenceStanding WAITING = new CadenceStanding(false, POSTCARD);

    @Test
    void withoutAFollowUpALeadSitsInItsTemperatureLaneFromArrival() {
        QueueEntry entry = entry(lead(LeadStatus.CONTACTED), touched(Temperature.WARM), CadenceStanding.NONE);

        assertThat(entry.lane()).isEqualTo(Lane.WARM);
        assertThat(entry.visibleFrom()).isEqualTo(CREATED);
        assertThat(entry.deadline()).isNull();
        assertThat(entry.action()).isEqualTo(ActionKind.COLD_CALL);
        assertThat(entry.channel()).isEqualTo(ActionChannel.PHONE);
        assertThat(entry.followUpId()).isNull();
    }

    @Test
    void aWarmCoolOrColdLeadWaitsForItsFollowUpThenJoinsTheDueFollowUps() {
        for (Temperature grade : List.of(Temperature.WARM, Temperature.COOL, Temperature.COLD)) {
            QueueEntry entry = entry(lead(LeadStatus.CONTACTED), touched(grade), WAITING);

            assertThat(entry.lane()).as(grade.name()).isEqualTo(Lane.DUE_FOLLOW_UP);
            assertThat(entry.rank()).isEqualTo(POSTCARD.rank());
            assertThat(entry.visibleFrom()).isEqualTo(DUE);
            assertThat(entry.deadline()).isEqualTo(DUE);
            assertThat(entry.action()).as("follow-ups proper are for contacts").isEqualTo(ActionKind.TOUCH_BASE);
            assertThat(entry.channel()).isEqualTo(ActionChannel.POSTCARD);
            assertThat(entry.followUpId())
                    .as("the step to complete from the queue")
                    .isEqualTo(POSTCARD.id());
            assertThat(entry.reasons().get(0)).isEqualTo("follow-up 2 of 2 by postcard, due 2026-11-04 09:00 UTC");
            assertThat(entry.reasons()).contains("rated " + grade.name().toLowerCase());
        }
    }

    @Test
    void aHotOrSizzlingLeadStaysInSightInItsLaneAndIsWorkedByItsFollowUp() {
        QueueEntry withoutFollowUp = entry(lead(LeadStatus.CONTACTED), touched(Temperature.HOT), CadenceStanding.NONE);
        QueueEntry hot = entry(lead(LeadStatus.CONTACTED), touched(Temperature.HOT), WAITING);
        QueueEntry sizzling = entry(
                lead(LeadStatus.CONTACTED),
                profile(Temperature.HOT, true, new Activity(TOUCHED, TOUCHED, null, null, null), null),
                WAITING);

        assertThat(hot.lane()).isEqualTo(Lane.HOT);
        assertThat(sizzling.lane()).isEqualTo(Lane.SIZZLING);
        assertThat(hot.rank()).as("still by value").isEqualTo(withoutFollowUp.rank());
        assertThat(List.of(hot, sizzling)).allSatisfy(entry -> {
            assertThat(entry.visibleFrom()).as("never hidden").isEqualTo(CREATED);
            assertThat(entry.deadline()).isEqualTo(DUE);
            assertThat(entry.action()).isEqualTo(ActionKind.TOUCH_BASE);
            assertThat(entry.channel()).isEqualTo(ActionChannel.POSTCARD);
            assertThat(entry.reasons().get(0)).startsWith("follow-up 2 of 2 by postcard");
        });
    }

    @Test
    void aLeadAwaitingItsFirstTouchStaysInSpeedToLeadWhateverIsScheduled() {
        LeadProfile awaiting = profile(Temperature.COOL, false, Activity.NONE, CREATED.plus(Duration.ofMinutes(5)));

        QueueEntry entry = entry(lead(LeadStatus.NEW), awaiting, WAITING);

        assertThat(entry.lane()).isEqualTo(Lane.SPEED_TO_LEAD);
        assertThat(entry.visibleFrom()).isEqualTo(CREATED);
        assertThat(entry.deadline()).isEqualTo(CREATED.plus(Duration.ofMinutes(5)));
        assertThat(entry.action()).isEqualTo(ActionKind.COLD_CALL);
    }

    @Test
    void anUnqualifiedLeadStaysInSightAtTheColdEndWithItsFollowUpsChannel() {
        QueueEntry entry = entry(lead(LeadStatus.UNQUALIFIED), touched(Temperature.WARM), WAITING);

        assertThat(entry.lane()).isEqualTo(Lane.COLD);
        assertThat(entry.rank()).isNegative();
        assertThat(entry.visibleFrom()).isEqualTo(CREATED);
        assertThat(entry.deadline()).isEqualTo(DUE);
        assertThat(entry.channel()).isEqualTo(ActionChannel.POSTCARD);
    }

    @Test
    void dripArchivedAndConvertedLeadsHaveNoEntry() {
        LeadProfile profile = touched(Temperature.HOT);
        Lead archived =
                new Lead(new LeadId(UUID.randomUUID()), fields(LeadStatus.CONTACTED), CREATED, CREATED, CREATED, 2);

        assertThat(LeadQueueRules.entryFor(lead(LeadStatus.CONTACTED), profile, new CadenceStanding(true, null)))
                .isEmpty();
        assertThat(LeadQueueRules.entryFor(archived, profile, WAITING)).isEmpty();
        assertThat(LeadQueueRules.entryFor(lead(LeadStatus.CONVERTED), profile, WAITING))
                .isEmpty();
    }

    @Test
    void theLongerOverdueTheHigherTheRank() {
        ScheduledFollowUp older = new ScheduledFollowUp(new UUID(7, 8), DUE, ActionChannel.EMAIL, List.of("older"));
        ScheduledFollowUp newer =
                new ScheduledFollowUp(new UUID(7, 9), DUE.plusNanos(1_000), ActionChannel.EMAIL, List.of("newer"));

        assertThat(older.rank()).isGreaterThan(newer.rank()).isEqualTo(QueueEntry.dueRank(DUE));
    }

    @Test
    void aDueFollowUpEntryMustRankByItsDueTime() {
        assertThatThrownBy(() -> new QueueEntry(
                        UUID.randomUUID(),
                        PersonKind.CONTACT,
                        "alice",
                        "Grace",
                        Lane.DUE_FOLLOW_UP,
                        7,
                        DUE,
                        DUE,
                        ActionKind.FOLLOW_UP,
                        ActionChannel.EMAIL,
                        List.of("why")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInquiryOfSomeoneKnownSaysWhoFirstOfAll() {
        Lead lead = lead(LeadStatus.NEW);
        Lead inquiry = new Lead(lead.id(), lead.fields(), CREATED, CREATED, null, 1, null, "contacts/c-42");
        LeadProfile waiting = profile(Temperature.COOL, false, Activity.NONE, CREATED.plus(Duration.ofMinutes(5)));

        QueueEntry entry = entry(inquiry, waiting, CadenceStanding.NONE);

        assertThat(entry.lane()).isEqualTo(Lane.SPEED_TO_LEAD);
        assertThat(entry.reasons()).hasSize(3);
        assertThat(entry.reasons().get(1)).startsWith("new web form lead: respond by");
        assertThat(entry.reasons().get(0))
                .isEqualTo("may be contacts/c-42, already a contact: merge this lead into it after the call");
        assertThat(LeadQueueRules.possibleDuplicateReason("leads/l-7"))
                .isEqualTo("may be leads/l-7, already in Hearth: merge them after the call");
        assertThat(entry(lead, waiting, CadenceStanding.NONE).reasons()).noneMatch(r -> r.startsWith("may be"));
    }

    private static QueueEntry entry(Lead lead, LeadProfile profile, CadenceStanding cadence) {
        Optional<QueueEntry> entry = LeadQueueRules.entryFor(lead, profile, cadence);
        assertThat(entry).isPresent();
        return entry.get();
    }

    private static Lead lead(LeadStatus status) {
        return new Lead(new LeadId(UUID.randomUUID()), fields(status), CREATED, CREATED, null, 1);
    }

    private static LeadFields fields(LeadStatus status) {
        return LeadFixtures.person("Ada", "Lovelace")
                .source(LeadSource.WEB_FORM)
                .phone("+14155550100")
                .owner("alice")
                .status(status)
                .build();
    }

    /** Out of speed to lead: touched once, three minutes after arrival. */
    private static LeadProfile touched(Temperature grade) {
        return profile(
                grade, false, new Activity(TOUCHED, TOUCHED, null, null, null), CREATED.plus(Duration.ofMinutes(5)));
    }

    private static LeadProfile profile(Temperature grade, boolean sizzling, Activity activity, Instant deadline) {
        return new LeadProfile(
                new LeadId(UUID.randomUUID()),
                Qualification.NONE,
                null,
                deadline,
                activity,
                new TemperatureRating(
                        grade, sizzling, 0.2, List.of("rated " + grade.name().toLowerCase())),
                TOUCHED,
                null,
                1,
                1);
    }
}
