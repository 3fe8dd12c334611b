package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import io.hearth.core.lead.TickingClock;
import io.hearth.proto.v1.ArchiveLeadRequest;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.ConvertLeadRequest;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.GetLeadProfileRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadProfile;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.UpdateLeadRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hourly retraining, in-process: a changed model reaches every open lead at once. */
class RatingRefresherTest {
    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private final TickingClock clock = new TickingClock(START, Duration.ZERO);
    private InProcessHearth hearth;
    private LeadServiceGrpc.LeadServiceBlockingStub leads;
    private QueueServiceGrpc.QueueServiceBlockingStub queue;
    private RatingRefresher refresher;

    @BeforeEach
    void start() throws Exception {
        hearth = new InProcessHearth(clock);
        leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        queue = QueueServiceGrpc.newBlockingStub(hearth.channel());
        refresher = hearth.get(RatingRefresher.class);
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void aRetrainedModelReachesEveryOpenLeadAtOnceAndAnUnchangedOneNone() {
        ContactServiceGrpc.ContactServiceBlockingStub contacts = ContactServiceGrpc.newBlockingStub(hearth.channel());
        // the team's history: referrals convert, purchased-list leads do not
        for (int i = 0; i < 30; i++) {
            contacts.convertLead(ConvertLeadRequest.newBuilder()
                    .setLead(create("Won" + i, LeadSource.LEAD_SOURCE_REFERRAL).getName())
                    .build());
            leads.updateLead(UpdateLeadRequest.newBuilder()
                    .setLead(Lead.newBuilder()
                            .setName(create("Lost" + i, LeadSource.LEAD_SOURCE_PURCHASED_LIST)
                                    .getName())
                            .setStatus(LeadStatus.LEAD_STATUS_UNQUALIFIED))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("status"))
                    .build());
        }
        Lead referred = create("Referred", LeadSource.LEAD_SOURCE_REFERRAL);
        Lead listed = create("Listed", LeadSource.LEAD_SOURCE_PURCHASED_LIST);
        Lead archived = create("Archived", LeadSource.LEAD_SOURCE_REFERRAL);
        leads.archiveLead(
                ArchiveLeadRequest.newBuilder().setName(archived.getName()).build());
        double referredByRules = profile(referred).getProbabilityToClose();
        double listedByRules = profile(listed).getProbabilityToClose();
        Timestamp archivedRated = profile(archived).getRateTime();

        clock.advance(Duration.ofMinutes(10));
        refresher.retrain();

        Timestamp retrainedAt = Timestamp.newBuilder()
                .setSeconds(clock.instant().getEpochSecond())
                .build();
        LeadProfile referredNow = profile(referred);
        LeadProfile listedNow = profile(listed);
        assertThat(referredNow.getRateTime()).isEqualTo(retrainedAt);
        assertThat(listedNow.getRateTime()).isEqualTo(retrainedAt);
        assertThat(referredNow.getProbabilityToClose())
                .isNotEqualTo(referredByRules)
                .isGreaterThan(0.9);
        assertThat(listedNow.getProbabilityToClose())
                .isNotEqualTo(listedByRules)
                .isLessThan(0.1);
        assertThat(profile(archived).getRateTime())
                .as("archived leads are not worked")
                .isEqualTo(archivedRated);

        clock.advance(Duration.ofMinutes(10));
        refresher.retrain();
        assertThat(profile(referred).getRateTime())
                .as("nothing closed since: same model, no sweep")
                .isEqualTo(retrainedAt);
    }

    private LeadProfile profile(Lead lead) {
        return queue.getLeadProfile(
                GetLeadProfileRequest.newBuilder().setName(lead.getName()).build());
    }

    private Lead create(String given, LeadSource source) {
        return leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName(given)
                        .setFamilyName("Lead")
                        .setPhone("+1 415 555 0100")
                        .setSource(source)
                        .setOwner("alice"))
                // the fixtures share one phone number
                .setAllowDuplicate(true)
                .build());
    }
}
