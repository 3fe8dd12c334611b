package io.hearth.core.queue;

import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.Temperature;
import io.hearth.core.person.PersonKind;
import io.hearth.core.priority.LeadProfile;
import io.hearth.core.resource.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a lead stands in the work queue and what to do with it. Speed-to-lead deadlines come
 * first, then sizzling and hot leads by value, then warm, cool and cold by expected value
 * (value x probability). Archived, converted and drip leads are not in the queue; unqualified ones stay,
 * at the cold end: a cold lead can turn warm, so none is ever dropped.
 *
 * <p>A lead with a scheduled follow-up is worked by it: a touch-base on the follow-up's channel
 * (follow-ups proper are for contacts), with its due time as the deadline. A warm, cool or cold lead
 * waits for it: it shows from the due time on, among the due follow-ups, ahead of the warm lane.
 * Sizzling and hot leads keep their lanes above it and stay in sight (the hottest are never hidden,
 * and the queue never has to step over waiting entries there); an unqualified lead stays in sight
 * at the cold end. A lead awaiting its first touch stays in speed to lead whatever is scheduled:
 * the deadline does not wait.
 */
public final class LeadQueueRules {
    /** Values beyond this many cents are ranked as equal, which keeps the rank inside a long. */
    private static final long MAX_CENTS = 1_000_000_000_000_000L / 1000;
    /** Puts leads judged not a fit behind every other cold lead, whatever their value. */
    private static final long UNQUALIFIED_PENALTY = 1L << 62;

    private static final DateTimeFormatter CLOCK_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private LeadQueueRules() {}

    /**
     * @param cadence where the lead's follow-up cadence stands: in drip, or with a follow-up scheduled
     */
    public static Optional<QueueEntry> entryFor(Lead lead, LeadProfile profile, CadenceStanding cadence) {
        if (cadence.nurtured() || lead.archived() || lead.fields().status() == LeadStatus.CONVERTED) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        Lane lane;
        long rank;
        boolean unqualified = false;
        if (profile.awaitingFirstResponse()) {
            lane = Lane.SPEED_TO_LEAD;
            rank = -micros(profile.responseDeadline());
            reasons.add("new " + lead.fields().source().name().toLowerCase().replace('_', ' ') + " lead: respond by "
                    + CLOCK_TIME.format(profile.responseDeadline()));
        } else if (lead.fields().status() == LeadStatus.UNQUALIFIED) {
            lane = Lane.COLD;
            rank = expectedValueRank(profile) - UNQUALIFIED_PENALTY;
            unqualified = true;
            reasons.add("unqualified: kept as a last resort, behind every other cold lead");
        } else {
            Temperature grade = profile.temperature();
            lane = switch (grade) {
                case HOT -> profile.rating().sizzling() && profile.override() == null ? Lane.SIZZLING : Lane.HOT;
                case WARM -> Lane.WARM;
                case COOL -> Lane.COOL;
                case COLD -> Lane.COLD;
            };
            rank = grade == Temperature.HOT ? valueRank(profile) : expectedValueRank(profile);
        }
        if (lead.possibleDuplicateOf() != null) {
            // first of all: the rep should know before dialling, and lists show the first reason
            reasons.add(0, possibleDuplicateReason(lead.possibleDuplicateOf()));
        }
        if (profile.override() != null) {
            reasons.add("rep set it " + profile.override().grade().name().toLowerCase() + ": "
                    + profile.override().reason());
        }
        reasons.addAll(profile.rating().reasons());
        ScheduledFollowUp followUp = lane == Lane.SPEED_TO_LEAD ? null : cadence.openFollowUp();
        if (followUp != null) {
            Instant visibleFrom = lead.createdAt();
            if (!unqualified && lane.priority() < Lane.DUE_FOLLOW_UP.priority()) {
                lane = Lane.DUE_FOLLOW_UP;
                rank = followUp.rank();
                visibleFrom = followUp.dueAt();
            }
            reasons.addAll(0, followUp.reasons());
            return Optional.of(new QueueEntry(
                    lead.id().value(),
                    PersonKind.LEAD,
                    lead.fields().owner(),
                    lead.displayName(),
                    lane,
                    rank,
                    visibleFrom,
                    followUp.dueAt(),
                    ActionKind.TOUCH_BASE,
                    followUp.channel(),
                    reasons,
                    followUp.id()));
        }
        boolean touchedBefore = profile.activity().lastTouchAt() != null;
        ActionKind action =
                profile.activity().lastConversationAt() != null ? ActionKind.TOUCH_BASE : ActionKind.COLD_CALL;
        ActionChannel channel = lead.fields().phone() != null
                ? ActionChannel.PHONE
                : lead.fields().email() != null ? ActionChannel.EMAIL : ActionChannel.SOCIAL;
        if (lane == Lane.COLD && touchedBefore && lead.fields().email() != null) {
            // a cold lead that did not pick up gets the cheap step, not another call
            channel = ActionChannel.EMAIL;
        }
        return Optional.of(new QueueEntry(
                lead.id().value(),
                PersonKind.LEAD,
                lead.fields().owner(),
                lead.displayName(),
                lane,
                rank,
                lead.createdAt(),
                profile.awaitingFirstResponse() ? profile.responseDeadline() : null,
                action,
                channel,
                reasons));
    }

    /** What an inquiry from someone already in Hearth asks of the rep, its first reason. */
    /** The person a reason of {@link #possibleDuplicateReason} names; empty for any other reason. */
    public static java.util.Optional<String> possibleDuplicateNamedIn(String reason) {
        if (!reason.startsWith(MAY_BE)) {
            return java.util.Optional.empty();
        }
        int end = reason.indexOf(',', MAY_BE.length());
        return end < 0 ? java.util.Optional.empty() : java.util.Optional.of(reason.substring(MAY_BE.length(), end));
    }

    /** The reason shown instead of {@link #possibleDuplicateReason} to a caller who may not see that person. */
    public static final String POSSIBLE_DUPLICATE_OUT_OF_SCOPE =
            "may be someone already in Hearth whom another rep works: ask a manager to merge them";

    private static final String MAY_BE = "may be ";

    static String possibleDuplicateReason(String person) {
        return person.startsWith("contacts/")
                ? "may be " + person + ", already a contact: merge this lead into it after the call"
                : "may be " + person + ", already in Hearth: merge them after the call";
    }

    private static long valueRank(LeadProfile profile) {
        return cents(profile.qualification().estimatedValue()) * 1000 + permille(profile);
    }

    private static long expectedValueRank(LeadProfile profile) {
        long expectedCents = Math.round(cents(profile.qualification().estimatedValue())
                * profile.rating().probabilityToClose());
        return expectedCents * 1000 + permille(profile);
    }

    private static long permille(LeadProfile profile) {
        return Math.round(profile.rating().probabilityToClose() * 999);
    }

    private static long cents(Money value) {
        if (value == null) {
            return 0;
        }
        BigDecimal cents = value.amount().movePointRight(2);
        return cents.compareTo(BigDecimal.valueOf(MAX_CENTS)) > 0 ? MAX_CENTS : cents.longValue();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}
