package io.hearth.cli;

import com.google.protobuf.util.Timestamps;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.Temperature;

/** Canned leads as the server would return them. */
final class TestLeads {

    static final Lead ADA = Lead.newBuilder()
            .setName("leads/ada1")
            .setDisplayName("Ada Lovelace")
            .setGivenName("Ada")
            .setFamilyName("Lovelace")
            .setCompany("Analytical Engines")
            .setTitle("CTO")
            .setEmail("ada@example.com")
            .setPhone("+14155550100")
            .setSource(LeadSource.LEAD_SOURCE_TRADE_SHOW)
            .setOwner("alice")
            .setStatus(LeadStatus.LEAD_STATUS_QUALIFIED)
            .setTemperature(Temperature.TEMPERATURE_HOT)
            .setNotes("Met at the expo.\nWants a demo.")
            .addTags("vip")
            .addTags("expo")
            .setCreateTime(Timestamps.parseUnchecked("2025-03-01T09:30:00Z"))
            .setUpdateTime(Timestamps.parseUnchecked("2025-03-02T10:00:00Z"))
            .setEtag("etag-7")
            .build();

    static final Lead GRACE = Lead.newBuilder()
            .setName("leads/grace2")
            .setDisplayName("Grace Hopper")
            .setGivenName("Grace")
            .setFamilyName("Hopper")
            .setEmail("grace@example.com")
            .setSource(LeadSource.LEAD_SOURCE_WEB_FORM)
            .setOwner("bob")
            .setStatus(LeadStatus.LEAD_STATUS_NEW)
            .setTemperature(Temperature.TEMPERATURE_COLD)
            .setEtag("etag-1")
            .build();

    static final Lead LINUS = Lead.newBuilder()
            .setName("leads/linus3")
            .setDisplayName("Torvalds Inc")
            .setCompany("Torvalds Inc")
            .setSource(LeadSource.LEAD_SOURCE_REFERRAL)
            .setStatus(LeadStatus.LEAD_STATUS_CONTACTED)
            .setTemperature(Temperature.TEMPERATURE_WARM)
            .setEtag("etag-2")
            .build();

    private TestLeads() {}
}
