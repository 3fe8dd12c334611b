package io.hearth.core.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hearth.core.lead.Temperature;
import io.hearth.core.person.LeadSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NaiveBayesProbabilityTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * A seeded synthetic history in which only the source decides the outcome: referrals close 70% of
     * the time, web forms 30%, purchased lists 5%. Every other field is random noise.
     */
    private static List<ClosedLead> history(int size, long seed) {
        Random random = new Random(seed);
        LeadSource[] sources = {LeadSource.REFERRAL, LeadSource.WEB_FORM, LeadSource.PURCHASED_LIST};
        double[] closeRates = {0.70, 0.30, 0.05};
        List<ClosedLead> history = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int s = random.nextInt(sources.length);
            Answer[] answers = Answer.values();
            Bant bant = new Bant(
                    answers[random.nextInt(3)],
                    answers[random.nextInt(3)],
                    answers[random.nextInt(3)],
                    answers[random.nextInt(3)]);
            LeadSignals signals = new LeadSignals(
                    sources[s], ReferralKind.NONE, null, bant, random.nextInt(7), T, null, null, null, null);
            Temperature grade = Temperature.values()[random.nextInt(4)];
            history.add(new ClosedLead(signals, grade, random.nextDouble() < closeRates[s]));
        }
        return history;
    }

    private static LeadSignals newLead(LeadSource source) {
        return new LeadSignals(source, ReferralKind.NONE, null, Bant.UNKNOWN, 2, T, null, null, null, null);
    }

    @Test
    void learnsTheCloseRateThatTheHistoryHides() {
        NaiveBayesProbability model = new NaiveBayesProbability(history(6000, 42), 20, new RuleProbability());

        assertThat(model.learned()).isTrue();
        assertThat(model.probabilityToClose(newLead(LeadSource.REFERRAL), Temperature.COOL))
                .isCloseTo(0.70, within(0.06));
        assertThat(model.probabilityToClose(newLead(LeadSource.WEB_FORM), Temperature.COOL))
                .isCloseTo(0.30, within(0.06));
        assertThat(model.probabilityToClose(newLead(LeadSource.PURCHASED_LIST), Temperature.COOL))
                .isCloseTo(0.05, within(0.03));
    }

    @Test
    void anUnseenValueDoesNotSwingTheAnswerToAnExtreme() {
        NaiveBayesProbability model = new NaiveBayesProbability(history(6000, 7), 20, new RuleProbability());
        double neverSeenSource = model.probabilityToClose(newLead(LeadSource.SEMINAR), Temperature.COOL);
        assertThat(neverSeenSource).isBetween(0.2, 0.5);
    }

    @Test
    void thinHistoryFallsBackToTheRules() {
        List<ClosedLead> thin = history(25, 3);
        NaiveBayesProbability model = new NaiveBayesProbability(thin, 20, new RuleProbability());
        LeadSignals lead = newLead(LeadSource.REFERRAL);

        assertThat(model.learned()).isFalse();
        assertThat(model.probabilityToClose(lead, Temperature.WARM))
                .isEqualTo(new RuleProbability().probabilityToClose(lead, Temperature.WARM));
    }
}
