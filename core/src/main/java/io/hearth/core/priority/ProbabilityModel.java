package io.hearth.core.priority;

/** How likely a lead is to close, in [0,1]. */
public interface ProbabilityModel {
    double probabilityToClose(LeadSignals lead, Temperature grade);
}
