package io.hearth.core.touch;

import io.hearth.core.contact.Contact;
import io.hearth.core.opportunity.DealAttention;
import io.hearth.core.person.PersonKind;
import io.hearth.core.queue.ActionChannel;
import io.hearth.core.queue.ActionKind;
import io.hearth.core.queue.CadenceStanding;
import io.hearth.core.queue.Lane;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.ScheduledFollowUp;
import io.hearth.core.touch.TouchStore.LastTouches;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a contact stands in the work queue. A contact is worked through its follow-up cadence: with
 * a follow-up scheduled, it shows once the follow-up falls due, in the due follow-up lane (oldest
 * first), for a follow-up on the follow-up's channel. Without one there is nothing to do for it yet,
 * so it is not in the queue: contacts have no temperature to rank them by, and suppliers, partners
 * and clients without a plan would bury the leads. Archived, drip and unsubscribed contacts are never
 * in the queue.
 *
 * <p>A contact's open deals have steps too ({@link DealAttention}: a next step falling due, or a stall).
 * The queue keeps one entry per person, so the entry shows the person's most urgent step, the one
 * due first (on a tie, the deal's): a deal's step in the {@link Lane#OPPORTUNITY} lane, ranked by
 * its due time, for a follow-up call on the cadence's channel when the follow-up falls due the same
 * day, else by phone (email, social); or the cadence's follow-up as without deals. The other step is
 * the entry's last reason, with its date; so is the number of further deals of the contact that need
 * attention. The entry changes at the next write on the person (a touch, a follow-up, a deal): until
 * then a step falling due later than the one shown is only that reason.
 *
 * <p>One person gets one step a day: a deal's step due on the day the contact was last touched
 * (any touch) shows from the next day (UTC), and so does a follow-up due on the day of the last
 * touch logged against one of its deals. So working either step today (completing the follow-up,
 * or logging a touch for the deal) moves the other, if due today, to tomorrow. A touch outside any
 * deal moves no follow-up: without deals the cadence is as it always was.
 */
public final class ContactQueueRules {
    private ContactQueueRules() {}

    public static Optional<QueueEntry> entryFor(Contact contact, CadenceStanding cadence) {
        return entryFor(contact, cadence, List.of(), LastTouches.NONE);
    }

    /**
     * @param deals the steps of the contact's open deals, in any order
     * @param touched when the contact was last touched, and last touched for a deal
     */
    public static Optional<QueueEntry> entryFor(
            Contact contact, CadenceStanding cadence, List<DealAttention> deals, LastTouches touched) {
        ScheduledFollowUp followUp = cadence.openFollowUp();
        Optional<DealAttention> deal = deals.stream()
                .min(Comparator.comparing(DealAttention::dueAt)
                        .thenComparing(step -> step.opportunity().value()));
        if (contact.archived() || cadence.nurtured() || (followUp == null && deal.isEmpty())) {
            return Optional.empty();
        }
        String kind = contact.fields().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (contact.convertedFrom() != null
                        ? ", converted from " + contact.convertedFrom().name()
                        : "");
        Instant followUpShows = followUp == null
                ? null
                : deal.isPresent() ? notOnTheDayOf(touched.forDeal(), followUp.dueAt()) : followUp.dueAt();
        Instant dealShows =
                deal.map(step -> notOnTheDayOf(touched.any(), step.dueAt())).orElse(null);
        if (deal.isEmpty() || (followUpShows != null && followUpShows.isBefore(dealShows))) {
            List<String> reasons = new ArrayList<>(followUp.reasons());
            reasons.add(kind);
            if (!followUpShows.equals(followUp.dueAt())) {
                reasons.add(movedToNextDay(touched.forDeal(), true));
            }
            deal.ifPresent(step -> reasons.add("then " + step.reasons().get(0) + moreDeals(deals.size())));
            return Optional.of(new QueueEntry(
                    contact.id().value(),
                    PersonKind.CONTACT,
                    contact.fields().owner(),
                    contact.displayName(),
                    Lane.DUE_FOLLOW_UP,
                    QueueEntry.dueRank(followUpShows),
                    followUpShows,
                    followUp.dueAt(),
                    ActionKind.FOLLOW_UP,
                    followUp.channel(),
                    reasons,
                    followUp.id()));
        }
        DealAttention step = deal.get();
        List<String> reasons = new ArrayList<>(step.reasons());
        reasons.add(kind + moreDeals(deals.size()));
        if (!dealShows.equals(step.dueAt())) {
            reasons.add(movedToNextDay(touched.any(), false));
        }
        boolean sameDay = followUp != null && day(followUpShows).equals(day(dealShows));
        if (followUp != null) {
            reasons.add((sameDay ? "also due that day: " : "then ")
                    + followUp.reasons().get(0)
                    + (sameDay ? " (one call for both: the follow-up moves to the next day)" : ""));
        }
        ActionChannel channel = sameDay
                ? followUp.channel()
                : contact.fields().phone() != null
                        ? ActionChannel.PHONE
                        : contact.fields().email() != null ? ActionChannel.EMAIL : ActionChannel.SOCIAL;
        return Optional.of(new QueueEntry(
                contact.id().value(),
                PersonKind.CONTACT,
                step.owner(),
                contact.displayName(),
                Lane.OPPORTUNITY,
                QueueEntry.dueRank(dealShows),
                dealShows,
                step.dueAt(),
                ActionKind.FOLLOW_UP,
                channel,
                reasons,
                null,
                step.opportunity().value()));
    }

    /** {@code due}, or the start of the next day when it falls on the day of {@code touchedAt}. */
    private static Instant notOnTheDayOf(Instant touchedAt, Instant due) {
        if (touchedAt == null) {
            return due;
        }
        LocalDate touchDay = day(touchedAt);
        Instant nextDay = touchDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return !due.isBefore(nextDay) ? due : nextDay;
    }

    private static String movedToNextDay(Instant touchedAt, boolean forDeal) {
        return "touched on " + day(touchedAt) + (forDeal ? " for a deal" : "") + ": one step a day, so this shows from "
                + day(touchedAt).plusDays(1);
    }

    private static String moreDeals(int deals) {
        return deals <= 1 ? "" : "; " + (deals - 1) + " more open deal" + (deals > 2 ? "s" : "") + " of theirs";
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
