package io.hearth.core.touch;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.contact.ContactOrigin;
import io.hearth.core.opportunity.DealAttention;
import io.hearth.core.opportunity.OpportunityId;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import io.hearth.core.queue.ActionChannel;
import io.hearth.core.queue.ActionKind;
import io.hearth.core.queue.CadenceStanding;
import io.hearth.core.queue.Lane;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.ScheduledFollowUp;
import io.hearth.core.touch.TouchStore.LastTouches;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Where contacts and their follow-ups go in the queue, as plain Java. */
class ContactQueueRulesTest {
    private static final Instant CREATED = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant DUE = Instant.parse("2026-11-04T09:30:00Z");

    @Test
    void aContactWithAFollowUpShowsFromItsDueTimeAmongTheDueFollowUps() {
        Contact contact = contact(ContactKind.DORMANT_CLIENT, null);
        FollowUp email = followUp(contact, 2, Channel.EMAIL, "follow-up 2 of 8: email");

        QueueEntry entry =
                ContactQueueRules.entryFor(contact, waitingFor(email)).orElseThrow();

        assertThat(entry.personId()).isEqualTo(contact.id().value());
        assertThat(entry.personKind()).isEqualTo(PersonKind.CONTACT);
        assertThat(entry.owner()).isEqualTo("alice");
        assertThat(entry.displayName()).isEqualTo("Grace Hopper");
        assertThat(entry.lane()).isEqualTo(Lane.DUE_FOLLOW_UP);
        assertThat(entry.visibleFrom()).isEqualTo(DUE);
        assertThat(entry.deadline()).isEqualTo(DUE);
        assertThat(entry.action()).isEqualTo(ActionKind.FOLLOW_UP);
        assertThat(entry.channel()).isEqualTo(ActionChannel.EMAIL);
        assertThat(entry.reasons())
                .containsExactly("follow-up 2 of 8 by email, due 2026-11-04 09:30 UTC", "dormant client");
    }

    @Test
    void aPurposeSomeoneGaveIsShownAndAConvertedProspectSaysWhereItCameFrom() {
        LeadId lead = new LeadId(UUID.randomUUID());
        Contact prospect = contact(ContactKind.PROSPECT, lead);
        FollowUp sms = followUp(prospect, 1, Channel.SMS, "confirm Tuesday's demo");

        QueueEntry entry = ContactQueueRules.entryFor(prospect, waitingFor(sms)).orElseThrow();

        assertThat(entry.channel()).isEqualTo(ActionChannel.SMS);
        assertThat(entry.reasons())
                .containsExactly(
                        "follow-up 1 of 8 by sms, due 2026-11-04 09:30 UTC",
                        "purpose: confirm Tuesday's demo",
                        "prospect, converted from " + lead.name());
    }

    @Test
    void withoutAFollowUpInDripOrArchivedAContactIsNotInTheQueue() {
        Contact contact = contact(ContactKind.PROSPECT, null);
        Contact archived =
                new Contact(contact.id(), contact.fields(), contact.origin(), null, CREATED, CREATED, CREATED, 2);
        CadenceStanding waiting = waitingFor(followUp(contact, 1, Channel.PHONE, "follow-up 1 of 8: phone"));

        assertThat(ContactQueueRules.entryFor(contact, CadenceStanding.NONE)).isEmpty();
        assertThat(ContactQueueRules.entryFor(contact, new CadenceStanding(true, null)))
                .isEmpty();
        assertThat(ContactQueueRules.entryFor(archived, waiting)).isEmpty();
    }

    @Test
    void theOlderFollowUpRanksHigher() {
        Contact contact = contact(ContactKind.PROSPECT, null);
        FollowUp older = followUp(contact, 1, Channel.PHONE, "p");
        FollowUp newer = new FollowUp(
                UUID.randomUUID(),
                older.person(),
                1,
                0,
                Channel.PHONE,
                DUE.plus(Duration.ofMinutes(1)),
                "p",
                "alice",
                FollowUpState.SCHEDULED,
                null,
                CREATED,
                null,
                null);

        assertThat(ContactQueueRules.entryFor(contact, waitingFor(older))
                        .orElseThrow()
                        .rank())
                .isGreaterThan(ContactQueueRules.entryFor(contact, waitingFor(newer))
                        .orElseThrow()
                        .rank());
    }

    @Test
    void theEarlierOfTheFollowUpAndADealsStepIsTheEntryAndTheOtherItsLastReason() {
        Contact contact = contact(ContactKind.PROSPECT, null);
        CadenceStanding waiting = waitingFor(followUp(contact, 2, Channel.EMAIL, "follow-up 2 of 8: email"));
        DealAttention later = deal("bob", DUE.plus(Duration.ofDays(1)));
        DealAttention sameTime = deal("bob", DUE);

        QueueEntry followUpFirst = ContactQueueRules.entryFor(contact, waiting, List.of(later), LastTouches.NONE)
                .orElseThrow();
        QueueEntry dealFirst = ContactQueueRules.entryFor(contact, waiting, List.of(sameTime), LastTouches.NONE)
                .orElseThrow();

        assertThat(followUpFirst.lane()).isEqualTo(Lane.DUE_FOLLOW_UP);
        assertThat(followUpFirst.opportunityId()).isNull();
        assertThat(followUpFirst.owner()).isEqualTo("alice");
        assertThat(followUpFirst.reasons()).last().isEqualTo("then deal step");
        assertThat(dealFirst.lane()).as("a tie goes to the deal").isEqualTo(Lane.OPPORTUNITY);
        assertThat(dealFirst.opportunityId()).isEqualTo(sameTime.opportunity().value());
        assertThat(dealFirst.followUpId()).isNull();
        assertThat(dealFirst.owner()).as("the deal's owner works it").isEqualTo("bob");
        assertThat(dealFirst.rank()).isEqualTo(QueueEntry.dueRank(DUE));
        assertThat(dealFirst.channel())
                .as("one call for both: the follow-up's channel")
                .isEqualTo(ActionChannel.EMAIL);
        assertThat(dealFirst.reasons())
                .containsExactly(
                        "deal step",
                        "prospect",
                        "also due that day: follow-up 2 of 8 by email, due 2026-11-04 09:30 UTC (one call for both:"
                                + " the follow-up moves to the next day)");
    }

    @Test
    void aStepDueOnTheDayOfTheOtherStepsTouchShowsTheNextDay() {
        Contact contact = contact(ContactKind.PROSPECT, null);
        CadenceStanding waiting = waitingFor(followUp(contact, 2, Channel.EMAIL, "follow-up 2 of 8: email"));
        DealAttention deal = deal("alice", DUE.plus(Duration.ofHours(2)));
        Instant nextDay = Instant.parse("2026-11-05T00:00:00Z");
        Instant morning = Instant.parse("2026-11-04T08:00:00Z");

        QueueEntry afterPlainTouch = ContactQueueRules.entryFor(
                        contact, waiting, List.of(deal), new LastTouches(morning, null))
                .orElseThrow();
        QueueEntry afterDealTouch = ContactQueueRules.entryFor(
                        contact, waiting, List.of(deal), new LastTouches(morning, morning))
                .orElseThrow();
        QueueEntry touchedYesterday = ContactQueueRules.entryFor(
                        contact, waiting, List.of(deal), new LastTouches(morning.minus(Duration.ofDays(1)), null))
                .orElseThrow();

        assertThat(afterPlainTouch.lane())
                .as("a plain touch does not move the follow-up")
                .isEqualTo(Lane.DUE_FOLLOW_UP);
        assertThat(afterPlainTouch.visibleFrom()).isEqualTo(DUE);
        assertThat(afterDealTouch.visibleFrom())
                .as("both moved to the next day")
                .isEqualTo(nextDay);
        assertThat(afterDealTouch.lane()).as("then the deal's step, a tie").isEqualTo(Lane.OPPORTUNITY);
        assertThat(afterDealTouch.deadline()).isEqualTo(deal.dueAt());
        assertThat(afterDealTouch.reasons())
                .contains("touched on 2026-11-04: one step a day, so this shows from 2026-11-05");
        assertThat(touchedYesterday.visibleFrom()).isEqualTo(DUE);
        assertThat(ContactQueueRules.entryFor(contact, CadenceStanding.NONE, List.of(deal), LastTouches.NONE))
                .as("a stopped cadence: the deal alone")
                .get()
                .extracting(QueueEntry::lane, QueueEntry::channel)
                .containsExactly(Lane.OPPORTUNITY, ActionChannel.SOCIAL);
        assertThat(ContactQueueRules.entryFor(
                        contact, new CadenceStanding(true, null), List.of(deal), LastTouches.NONE))
                .as("in drip")
                .isEmpty();
    }

    private static DealAttention deal(String owner, Instant due) {
        return new DealAttention(new OpportunityId(UUID.randomUUID()), owner, due, List.of("deal step"));
    }

    @Test
    void everyTouchChannelCanBeSuggestedUnderItsOwnName() {
        assertThat(Arrays.stream(Channel.values()).map(c -> c.asAction().name()))
                .containsExactly(
                        Arrays.stream(Channel.values()).map(Channel::name).toArray(String[]::new));
        assertThat(Arrays.stream(Channel.values()).map(Channel::asAction))
                .containsExactlyInAnyOrder(ActionChannel.values());
    }

    private static CadenceStanding waitingFor(FollowUp followUp) {
        ScheduledFollowUp scheduled =
                CadenceStandings.scheduled(followUp, CadencePolicy.DEFAULT.contactFollowUpLimit());
        return new CadenceStanding(false, scheduled);
    }

    private static Contact contact(ContactKind kind, LeadId convertedFrom) {
        return new Contact(
                new ContactId(UUID.randomUUID()),
                ContactFields.builder()
                        .givenName("Grace")
                        .familyName("Hopper")
                        .kind(kind)
                        .owner("alice")
                        .build(),
                convertedFrom == null ? ContactOrigin.DIRECT : ContactOrigin.CONVERTED_LEAD,
                convertedFrom,
                CREATED,
                CREATED,
                null,
                1);
    }

    private static FollowUp followUp(Contact contact, int number, Channel channel, String purpose) {
        return new FollowUp(
                UUID.randomUUID(),
                PersonRef.of(contact.id()),
                number,
                number - 1,
                channel,
                DUE,
                purpose,
                "alice",
                FollowUpState.SCHEDULED,
                null,
                CREATED,
                null,
                null);
    }
}
