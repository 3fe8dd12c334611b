package io.hearth.core.priority;

import io.hearth.core.lead.Temperature;

/** How likely a lead is to close, in [0,1]. */
public interface ProbabilityModel {
    double probabilityToClose(LeadSignals lead, Temperature grade);
}
