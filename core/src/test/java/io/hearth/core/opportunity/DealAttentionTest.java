package io.hearth.core.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.resource.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When a deal asks for attention, and the reasons it gives, as plain Java. */
class DealAttentionTest {
    private static final Instant OPENED = Instant.parse("2026-12-01T09:00:00Z");
    private static final PipelineStages PIPELINE = PipelineStages.DEFAULT;

    @Test
    void withoutANextStepADealIsDueWhenItStallsInItsStage() {
        DealAttention due = DealAttention.of(deal(null), PIPELINE).orElseThrow();

        assertThat(due.dueAt()).isEqualTo(OPENED.plus(Duration.ofDays(14)));
        assertThat(due.owner()).isEqualTo("alice");
        assertThat(due.reasons())
                .containsExactly("deal \"Pilot\": in Qualification since 2026-12-01, stalled from 2026-12-15"
                        + " (14-day limit), no next step");
    }

    @Test
    void theEarlierOfItsNextStepAndItsStallComesFirst() {
        Instant soon = OPENED.plus(Duration.ofDays(2));
        DealAttention stepFirst = DealAttention.of(deal(new NextStep("send the proposal", soon)), PIPELINE)
                .orElseThrow();
        DealAttention stallFirst = DealAttention.of(
                        deal(new NextStep("call back", OPENED.plus(Duration.ofDays(30)))), PIPELINE)
                .orElseThrow();
        DealAttention undated = DealAttention.of(deal(new NextStep("think about it", null)), PIPELINE)
                .orElseThrow();

        assertThat(stepFirst.dueAt()).isEqualTo(soon);
        assertThat(stepFirst.reasons())
                .containsExactly(
                        "deal \"Pilot\": next step \"send the proposal\" due 2026-12-03 09:00 UTC",
                        "deal \"Pilot\": in Qualification since 2026-12-01, stalled from 2026-12-15 (14-day limit),"
                                + " next step set");
        assertThat(stallFirst.dueAt()).isEqualTo(OPENED.plus(Duration.ofDays(14)));
        assertThat(stallFirst.reasons().get(1)).startsWith("deal \"Pilot\": next step \"call back\" due 2026-12-31");
        assertThat(undated.reasons().get(0)).endsWith("next step \"think about it\" has no date");
    }

    @Test
    void closedAndArchivedDealsAskForNothing() {
        Opportunity open = deal(new NextStep("send it", OPENED));
        Opportunity won = open.closedIn(PIPELINE.closingStage(Outcome.WON), null, "alice", OPENED.plusSeconds(1));
        Opportunity archived = open.withArchivedAt(OPENED.plusSeconds(1), OPENED.plusSeconds(1));

        assertThat(DealAttention.of(won, PIPELINE)).isEmpty();
        assertThat(DealAttention.of(archived, PIPELINE)).isEmpty();
    }

    private static Opportunity deal(NextStep next) {
        return Opportunity.open(
                new OpportunityId(UUID.randomUUID()),
                new ContactId(UUID.randomUUID()),
                new OpportunityFields(
                        "Pilot", Money.of("EUR", 1000, 0, "amount"), LocalDate.parse("2027-03-31"), "alice", next),
                PIPELINE.first(),
                new OpportunitySource(null, LeadSource.OTHER),
                "alice",
                OPENED);
    }
}
