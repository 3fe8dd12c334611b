package io.hearth.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.contact.ContactOrigin;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.Temperature;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonRef;
import io.hearth.core.sync.SyncCounts;
import io.hearth.core.sync.SyncRun;
import io.hearth.core.sync.SyncState;
import io.hearth.core.touch.Cadence;
import io.hearth.core.touch.PersonCadence;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Why a person was archived by a sync, and what a run wrote back, reach the API. */
class RemovalsAndWriteBackMessagesTest {
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    @Test
    void aLeadArchivedForAReasonCarriesItAndOneArchivedByHandDoesNot() {
        Lead lead = new Lead(
                new LeadId(UUID.randomUUID()),
                LeadFields.builder()
                        .givenName("Ada")
                        .status(LeadStatus.NEW)
                        .temperature(Temperature.COLD)
                        .build(),
                NOW,
                NOW,
                null,
                1);

        assertThat(LeadMapper.toProto(lead.archivedFor("deleted in hubspot (record 51)", NOW))
                        .getArchiveReason())
                .isEqualTo("deleted in hubspot (record 51)");
        assertThat(LeadMapper.toProto(lead.withArchivedAt(NOW, NOW)).getArchiveReason())
                .isEmpty();
    }

    @Test
    void aContactArchivedForAReasonCarriesIt() {
        ContactId id = new ContactId(UUID.randomUUID());
        Contact contact = new Contact(
                id,
                new ContactFields(LeadFields.builder().givenName("Alan").build().person(), ContactKind.PROSPECT),
                ContactOrigin.DIRECT,
                null,
                NOW,
                NOW,
                null,
                1);

        io.hearth.proto.v1.Contact proto = ContactMapper.toProto(
                contact.archivedFor("merged in salesforce into 003B", NOW),
                new PersonCadence(Cadence.start(PersonRef.of(id), NOW), null),
                NOW);

        assertThat(proto.getArchiveReason()).isEqualTo("merged in salesforce into 003B");
        assertThat(proto.hasArchiveTime()).isTrue();
    }

    @Test
    void aRunsArchivedAndWrittenBackCountsAreSent() {
        SyncCounts counts = new SyncCounts(5, 1, 0, 2, 0, 1)
                .plus(new SyncCounts(0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0))
                .plus(SyncCounts.written(3, 0, 4, 1))
                .plus(SyncCounts.dealsWritten(5, 2));
        SyncRun run = new SyncRun(
                UUID.randomUUID(),
                "hubspot",
                "key",
                "base_url=x",
                SyncState.SUCCEEDED,
                false,
                NOW,
                NOW,
                counts,
                null,
                null,
                null);

        io.hearth.proto.v1.SyncCounts sent = SyncMapper.toProto(run).getCounts();

        assertThat(sent.getArchived()).isEqualTo(2);
        assertThat(sent.getPeopleWritten()).isEqualTo(3);
        assertThat(sent.getPeopleFailed()).isZero();
        assertThat(sent.getTouchesWritten()).isEqualTo(4);
        assertThat(sent.getTouchesFailed()).isEqualTo(1);
        assertThat(sent.getDealsWritten()).isEqualTo(5);
        assertThat(sent.getDealsFailed()).isEqualTo(2);
        assertThat(sent.getRejected())
                .as("the refused touch and deals are rejections too")
                .isEqualTo(4);
    }
}
