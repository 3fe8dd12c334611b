package io.hearth.core.priority;

/**
 * Explainable defaults for a team without history: a base rate per grade, nudged up by every BANT
 * yes and down by every no.
 */
public final class RuleProbability implements ProbabilityModel {
    @Override
    public double probabilityToClose(LeadSignals lead, Temperature grade) {
        double base = switch (grade) {
            case HOT -> 0.55;
            case WARM -> 0.30;
            case COOL -> 0.12;
            case COLD -> 0.04;
        };
        double adjusted =
                base + 0.05 * lead.bant().yesCount() - 0.07 * lead.bant().noCount();
        return Math.max(0.01, Math.min(0.95, adjusted));
    }
}
