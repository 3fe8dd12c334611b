package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.lead.Temperature;
import io.hearth.core.person.LeadSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Rates a lead hot, warm, cool or cold from how likely and how soon it is to close, with the
 * reasons it used, so a rep can see why and disagree.
 *
 * <p>Warmth is how likely times how soon. Hot: a need within weeks of a lead likely to buy (a
 * near date does not make hot a lead that said no to budget, authority and need), a lead that is
 * buying (level 6) or fully qualified, or a positive reply right now. Warm: a referral, a real
 * conversation, a meeting, an appointment-level lead, or a recent positive reply. Cool: a need
 * heard of, or a lead that raised its hand, with no referral. Cold: no known need and no
 * relationship, or spoken with long ago and little contact since (the reason says when). A lead the probability model finds very likely is at least warm, with that reason.
 * Silence cools a lead one step per threshold passed, unless a near need date keeps it hot: the
 * date, not the rep's activity, makes that one urgent.
 */
public final class TemperatureModel {
    /** Sources where the lead acted first (filled a form, came to a talk, found us). */
    private static final Set<LeadSource> INBOUND = EnumSet.of(
            LeadSource.WEB_FORM,
            LeadSource.WEBINAR,
            LeadSource.SEMINAR,
            LeadSource.TRADE_SHOW,
            LeadSource.SEARCH,
            LeadSource.SOCIAL);

    /** The finest time step the databases keep. */
    private static final Duration TICK = Duration.ofNanos(1_000);

    private final TemperaturePolicy policy;
    private final ProbabilityModel probabilities;
    private final Clock clock;

    public TemperatureModel(TemperaturePolicy policy, ProbabilityModel probabilities, Clock clock) {
        this.policy = requireNonNull(policy, "policy is null");
        this.probabilities = requireNonNull(probabilities, "probabilities is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public TemperatureRating rate(LeadSignals lead) {
        Instant now = clock.instant();
        List<String> reasons = new ArrayList<>();
        boolean sizzling = false;

        Long daysToNeed = lead.needBy() == null
                ? null
                : ChronoUnit.DAYS.between(LocalDate.ofInstant(now, ZoneOffset.UTC), lead.needBy());
        boolean needIsNear = daysToNeed != null
                && daysToNeed >= 0
                && daysToNeed <= policy.hotNeedWithin().toDays();
        boolean positiveNow = within(lead.lastPositiveAt(), policy.sizzlingAfterPositive(), now);

        Temperature grade = Temperature.COLD;
        boolean hotByNeed = false;
        boolean nearButUnlikely = false;
        if (needIsNear) {
            // how soon says nothing of how likely: a near date makes hot only a lead likely to buy
            double likelihood = probabilities.probabilityToClose(lead, Temperature.HOT);
            if (likelihood >= policy.hotNeedLikelihood()) {
                hotByNeed = true;
                grade = Temperature.HOT;
                reasons.add("likely to buy: " + percent(likelihood) + "; needs it in " + daysToNeed + " days");
                reasons.add("needs it by " + lead.needBy() + " (" + daysToNeed + " days)");
                if (daysToNeed <= policy.sizzlingNeedWithin().toDays()) {
                    sizzling = true;
                    reasons.add("sizzling: the need date is within "
                            + policy.sizzlingNeedWithin().toDays() + " days");
                }
            } else {
                nearButUnlikely = true;
                String noes = answeredNo(lead.bant());
                reasons.add("needs it by " + lead.needBy() + " (" + daysToNeed + " days), but not hot: likely to buy: "
                        + percent(likelihood) + " at best" + (noes.isEmpty() ? "" : " (" + noes + ")"));
            }
        }
        if (lead.leadLevel() == 6) {
            grade = warmest(grade, Temperature.HOT);
            reasons.add("level 6: buying a solution and considering ours");
        }
        if (lead.bant().qualified()) {
            grade = warmest(grade, Temperature.HOT);
            reasons.add("qualified: budget, authority, need and timescale all confirmed");
        }
        if (positiveNow) {
            grade = warmest(grade, Temperature.HOT);
            sizzling = true;
            reasons.add("sizzling: replied positively or booked a meeting in the last "
                    + hours(policy.sizzlingAfterPositive()) + " hours");
        }

        if (lead.referral() != ReferralKind.NONE) {
            grade = warmest(grade, Temperature.WARM);
            reasons.add(
                    lead.referral() == ReferralKind.CHAMPION
                            ? "referred by a champion who makes the introduction"
                            : "referred by a fan who passed the name");
        }
        if (lead.nextMeetingAt() != null && lead.nextMeetingAt().isAfter(now)) {
            grade = warmest(grade, Temperature.WARM);
            reasons.add("meeting scheduled for " + lead.nextMeetingAt());
        }
        if (within(lead.lastConversationAt(), policy.conversationCounts(), now)) {
            grade = warmest(grade, Temperature.WARM);
            reasons.add("spoke with them " + daysAgo(lead.lastConversationAt(), now) + " days ago");
        }
        if (!positiveNow && within(lead.lastPositiveAt(), policy.warmAfterPositive(), now)) {
            grade = warmest(grade, Temperature.WARM);
            reasons.add("positive reply " + daysAgo(lead.lastPositiveAt(), now) + " days ago");
        }
        if (lead.leadLevel() >= 3 && lead.leadLevel() <= 5) {
            grade = warmest(grade, Temperature.WARM);
            reasons.add("level " + lead.leadLevel() + ": " + levelMeaning(lead.leadLevel()));
        }

        if (lead.bant().need() == Answer.YES) {
            grade = warmest(grade, Temperature.COOL);
            reasons.add("has a need, by their own account");
        }
        if (INBOUND.contains(lead.source()) || lead.leadLevel() == 2) {
            grade = warmest(grade, Temperature.COOL);
            reasons.add("raised their hand (" + sourceMeaning(lead.source()) + ")");
        }
        if (grade == Temperature.COLD) {
            if (lead.lastConversationAt() != null && !lead.lastConversationAt().isAfter(now)) {
                reasons.add("spoken with " + daysAgo(lead.lastConversationAt(), now) + " days ago on "
                        + LocalDate.ofInstant(lead.lastConversationAt(), ZoneOffset.UTC)
                        + ", little contact since");
            } else if (!nearButUnlikely) {
                reasons.add(
                        lead.source() == LeadSource.PURCHASED_LIST
                                ? "purchased list: no known need and no relationship yet"
                                : "no known need and no relationship yet");
            }
        }

        // the model may find a lead likely that the rules above did not warm: say so, and warm it
        double probability = probabilities.probabilityToClose(lead, grade);
        if ((grade == Temperature.COOL || grade == Temperature.COLD) && probability >= policy.warmLikelihood()) {
            grade = Temperature.WARM;
            reasons.add("likely to buy: " + percent(probability));
        }

        if (!hotByNeed && !positiveNow) {
            Temperature cooled = cooledBySilence(grade, Duration.between(lead.lastActivityAt(), now));
            if (cooled != grade) {
                reasons.add("cooled from " + grade.name().toLowerCase() + ": no activity in "
                        + daysAgo(lead.lastActivityAt(), now) + " days");
                grade = cooled;
                sizzling = false;
                probability = probabilities.probabilityToClose(lead, grade);
            }
        }
        return new TemperatureRating(grade, sizzling && grade == Temperature.HOT, probability, reasons);
    }

    /** A probability as a rep reads it: "76 %". */
    private static String percent(double probability) {
        return Math.round(probability * 100) + " %";
    }

    /** "answered no to budget and need", or empty when no BANT answer was no. */
    private static String answeredNo(Bant bant) {
        List<String> noes = new ArrayList<>();
        if (bant.budget() == Answer.NO) {
            noes.add("budget");
        }
        if (bant.authority() == Answer.NO) {
            noes.add("authority");
        }
        if (bant.need() == Answer.NO) {
            noes.add("need");
        }
        if (bant.timescale() == Answer.NO) {
            noes.add("timescale");
        }
        if (noes.isEmpty()) {
            return "";
        }
        String last = noes.remove(noes.size() - 1);
        return "answered no to " + (noes.isEmpty() ? last : String.join(", ", noes) + " and " + last);
    }

    /**
     * The first moment after now at which the passing of time alone can change the rating of
     * {@code lead} (a need date comes near, a reply or a conversation ages, silence crosses a
     * threshold), or {@code null} when nothing ahead can. Re-rating then keeps decay current without
     * re-rating every lead all the time.
     */
    public Instant validUntil(LeadSignals lead) {
        Instant now = clock.instant();
        List<Instant> moments = new ArrayList<>();
        if (lead.needBy() != null) {
            Instant needDay = lead.needBy().atStartOfDay(ZoneOffset.UTC).toInstant();
            moments.add(needDay.minus(policy.hotNeedWithin()));
            moments.add(needDay.minus(policy.sizzlingNeedWithin()));
            moments.add(needDay.plus(Duration.ofDays(1)));
        }
        // windows include their end, so they lapse just after it
        if (lead.lastPositiveAt() != null) {
            moments.add(
                    lead.lastPositiveAt().plus(policy.sizzlingAfterPositive()).plus(TICK));
            moments.add(lead.lastPositiveAt().plus(policy.warmAfterPositive()).plus(TICK));
        }
        if (lead.lastConversationAt() != null) {
            moments.add(
                    lead.lastConversationAt().plus(policy.conversationCounts()).plus(TICK));
        }
        if (lead.nextMeetingAt() != null) {
            moments.add(lead.nextMeetingAt());
        }
        Instant lastActivity = lead.lastActivityAt();
        moments.add(lastActivity.plus(policy.hotSilence()).plus(TICK));
        moments.add(lastActivity.plus(policy.warmSilence()).plus(TICK));
        moments.add(lastActivity.plus(policy.coolSilence()).plus(TICK));
        return moments.stream()
                .filter(m -> m.isAfter(now))
                .min(Instant::compareTo)
                .orElse(null);
    }

    private Temperature cooledBySilence(Temperature grade, Duration silence) {
        Temperature result = grade;
        if (result == Temperature.HOT && silence.compareTo(policy.hotSilence()) > 0) {
            result = Temperature.WARM;
        }
        if (result == Temperature.WARM && silence.compareTo(policy.warmSilence()) > 0) {
            result = Temperature.COOL;
        }
        if (result == Temperature.COOL && silence.compareTo(policy.coolSilence()) > 0) {
            result = Temperature.COLD;
        }
        return result;
    }

    private static Temperature warmest(Temperature a, Temperature b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    private static boolean within(Instant when, Duration window, Instant now) {
        return when != null && !when.isAfter(now) && Duration.between(when, now).compareTo(window) <= 0;
    }

    private static long daysAgo(Instant when, Instant now) {
        return Duration.between(when, now).toDays();
    }

    private static long hours(Duration d) {
        return d.toHours();
    }

    private static String levelMeaning(int level) {
        return switch (level) {
            case 3 -> "committed to an appointment to hear the pitch";
            case 4 -> "heard the pitch and wants to learn more";
            case 5 -> "revealed interest, needs, initiatives and timeframes";
            default -> throw new IllegalArgumentException("no warm meaning for level " + level);
        };
    }

    private static String sourceMeaning(LeadSource source) {
        return switch (source) {
            case WEB_FORM -> "filled in the web form";
            case WEBINAR -> "attended a webinar";
            case SEMINAR -> "attended a seminar";
            case TRADE_SHOW -> "visited our trade-show stand";
            case SEARCH -> "found us by searching";
            case SOCIAL -> "reached out on social media";
            default -> "identified themselves by an action";
        };
    }
}
