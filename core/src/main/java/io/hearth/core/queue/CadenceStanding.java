package io.hearth.core.queue;

/**
 * What a person's follow-up cadence says about their place in the work queue.
 *
 * @param nurtured the cadence handed the person to a drip campaign, or they unsubscribed: such a
 *     person is not worked by hand, so it is not in the queue
 * @param openFollowUp the follow-up scheduled next, or {@code null} when none is
 */
public record CadenceStanding(boolean nurtured, ScheduledFollowUp openFollowUp) {
    /** No cadence started yet: nothing scheduled, nothing ended. */
    public static final CadenceStanding NONE = new CadenceStanding(false, null);
}
