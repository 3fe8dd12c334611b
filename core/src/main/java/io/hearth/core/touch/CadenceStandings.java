package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.queue.CadenceStanding;
import io.hearth.core.queue.ScheduledFollowUp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a person's follow-up cadence says about their place in the work queue: nurtured by drip
 * (or unsubscribed), or waiting for a scheduled follow-up. Reads join the caller's transaction.
 */
public final class CadenceStandings {
    private static final DateTimeFormatter DUE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final CadenceStore cadences;
    private final FollowUpStore followUps;
    private final CadencePolicy policy;

    public CadenceStandings(CadenceStore cadences, FollowUpStore followUps, CadencePolicy policy) {
        this.cadences = requireNonNull(cadences, "cadences is null");
        this.followUps = requireNonNull(followUps, "followUps is null");
        this.policy = requireNonNull(policy, "policy is null");
    }

    public CadenceStanding of(PersonRef person) {
        // every write that schedules a follow-up saves the cadence first, so without a cadence
        // there is nothing to look for: a new lead costs one read, not two
        Optional<Cadence> cadence = cadences.find(person);
        if (cadence.isEmpty()) {
            return CadenceStanding.NONE;
        }
        CadenceState state = cadence.get().state();
        if (state == CadenceState.DRIP || state == CadenceState.UNSUBSCRIBED) {
            return new CadenceStanding(true, null);
        }
        return new CadenceStanding(
                false,
                followUps
                        .findOpen(person)
                        .map(open -> scheduled(open, policy.limitFor(person.kind())))
                        .orElse(null));
    }

    /**
     * The follow-up as the queue shows it: its place in the cadence, channel and due time, and its
     * purpose when someone gave one.
     *
     * @param limit the follow-ups the person gets before drip
     */
    static ScheduledFollowUp scheduled(FollowUp followUp, int limit) {
        List<String> reasons = new ArrayList<>();
        reasons.add("follow-up " + followUp.followUpNumber() + " of " + limit + " by "
                + CadenceRules.channelWord(followUp.channel()) + ", due " + DUE_TIME.format(followUp.dueAt()));
        if (!followUp.purpose()
                .equals(CadenceRules.defaultPurpose(followUp.followUpNumber(), limit, followUp.channel()))) {
            reasons.add("purpose: " + followUp.purpose());
        }
        return new ScheduledFollowUp(
                followUp.id(), followUp.dueAt(), followUp.channel().asAction(), reasons);
    }
}
