package io.hearth.core.app;

import io.hearth.core.lead.Lead;
import io.hearth.core.priority.LeadProfile;

/** A lead with its freshly computed profile. */
public record RatedLead(Lead lead, LeadProfile profile) {}
