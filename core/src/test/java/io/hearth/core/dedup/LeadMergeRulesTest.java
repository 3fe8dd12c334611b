package io.hearth.core.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonFieldCleaner;
import io.hearth.core.priority.Activity;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LeadMergeRulesTest {
    private static final Instant T1 = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-15T09:00:00Z");

    @Test
    void filledValuesStayEmptyOnesAreFilled() {
        LeadFields survivor = LeadFields.builder()
                .givenName("Ann")
                .email("ann@acme.com")
                .tags(List.of())
                .build();
        LeadFields duplicate = LeadFields.builder()
                .givenName("Annie")
                .familyName("Lee")
                .owner("bob")
                .email("annie@home.example")
                .tags(List.of())
                .build();

        LeadFields merged = LeadMergeRules.fields(survivor, duplicate, "leads/d");

        assertThat(merged.givenName()).isEqualTo("Ann");
        assertThat(merged.email()).isEqualTo("ann@acme.com");
        assertThat(merged.familyName()).isEqualTo("Lee");
        assertThat(merged.owner()).isEqualTo("bob");
    }

    @Test
    void aContactWithoutASourceTakesTheLeadsAndKeepsItsKindAndItsOwnSource() {
        LeadFields lead = LeadFields.builder()
                .givenName("Ann")
                .source(LeadSource.WEB_FORM)
                .tags(List.of())
                .build();
        ContactFields entered = ContactFields.builder()
                .givenName("Ann")
                .kind(ContactKind.SUPPLIER)
                .tags(List.of())
                .build();
        ContactFields referred = entered.toBuilder().source(LeadSource.REFERRAL).build();

        ContactFields filled = LeadMergeRules.fields(entered, lead, "leads/d");
        ContactFields kept = LeadMergeRules.fields(referred, lead, "leads/d");

        assertThat(filled.person().source()).isEqualTo(LeadSource.WEB_FORM);
        assertThat(filled.kind()).isEqualTo(ContactKind.SUPPLIER);
        assertThat(kept.person().source()).isEqualTo(LeadSource.REFERRAL);
    }

    @Test
    void aLeadSurvivorKeepsItsOwnSource() {
        LeadFields survivor = LeadFields.builder()
                .givenName("Ann")
                .source(LeadSource.TRADE_SHOW)
                .tags(List.of())
                .build();
        LeadFields duplicate = survivor.toBuilder().source(LeadSource.WEB_FORM).build();

        assertThat(LeadMergeRules.fields(survivor, duplicate, "leads/d").source())
                .isEqualTo(LeadSource.TRADE_SHOW);
    }

    @Test
    void tagsUniteSurvivorFirstUpToWhatALeadHolds() {
        List<String> many = IntStream.range(0, 15).mapToObj(i -> "s" + i).toList();
        List<String> more = IntStream.range(0, 15).mapToObj(i -> "d" + i).toList();
        LeadFields merged = LeadMergeRules.fields(
                LeadFields.builder().tags(many).build(),
                LeadFields.builder().tags(more).build(),
                "leads/d");

        assertThat(merged.tags())
                .hasSize(PersonFieldCleaner.MAX_TAGS)
                .startsWith("s0")
                .contains("s14", "d0", "d4")
                .doesNotContain("d5");
    }

    @Test
    void notesAreJoinedSayingWhereTheyCameFromAndNeverOverflow() {
        assertThat(LeadMergeRules.notes("call after 5", "prefers email", "leads/d"))
                .isEqualTo("call after 5\n\nFrom leads/d: prefers email");
        assertThat(LeadMergeRules.notes(null, "prefers email", "leads/d")).isEqualTo("From leads/d: prefers email");
        assertThat(LeadMergeRules.notes("same", "same", "leads/d")).isEqualTo("same");
        assertThat(LeadMergeRules.notes("kept", null, "leads/d")).isEqualTo("kept");

        String joined = LeadMergeRules.notes("a".repeat(6_000), "b".repeat(6_000), "leads/d");
        assertThat(joined)
                .hasSize(LeadMergeRules.MAX_NOTES)
                .startsWith("a".repeat(6_000))
                .endsWith("b…");
        String full = "a".repeat(LeadMergeRules.MAX_NOTES);
        assertThat(LeadMergeRules.notes(full, "b", "leads/d")).isEqualTo(full);
    }

    @Test
    void theFirstFirstTouchAndTheLastOfTheRestMakeOneHistory() {
        Activity merged =
                LeadMergeRules.activity(new Activity(T2, T2, null, T1, null), new Activity(T1, T1, T1, T2, T2));

        assertThat(merged).isEqualTo(new Activity(T1, T2, T1, T2, T2));
        assertThat(LeadMergeRules.activity(Activity.NONE, Activity.NONE)).isEqualTo(Activity.NONE);
    }
}
