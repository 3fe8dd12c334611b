package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.hearth.core.lead.TickingClock;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.GetResponseStatsRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.ListMissedDeadlinesRequest;
import io.hearth.proto.v1.ListMissedDeadlinesResponse;
import io.hearth.proto.v1.LogTouchRequest;
import io.hearth.proto.v1.MissedDeadline;
import io.hearth.proto.v1.OwnerMissedDeadlines;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.ResponseStats;
import io.hearth.proto.v1.Touch;
import io.hearth.proto.v1.TouchChannel;
import io.hearth.proto.v1.TouchKind;
import io.hearth.proto.v1.TouchOutcome;
import io.hearth.server.InProcessHearth;
import io.hearth.server.RatingRefresher;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Missed speed-to-lead deadlines end to end in one JVM, with a clock the test moves. */
class MissedDeadlinesServiceTest {
    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private final TickingClock clock = new TickingClock(START, Duration.ZERO);
    private InProcessHearth hearth;
    private LeadServiceGrpc.LeadServiceBlockingStub leads;
    private QueueServiceGrpc.QueueServiceBlockingStub queue;
    private FollowUpServiceGrpc.FollowUpServiceBlockingStub followUps;

    @BeforeEach
    void start() throws Exception {
        hearth = new InProcessHearth(clock);
        leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        queue = QueueServiceGrpc.newBlockingStub(hearth.channel());
        followUps = FollowUpServiceGrpc.newBlockingStub(hearth.channel());
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void aPassedDeadlineIsRecordedAndItsLateTouchToo() {
        Lead ada = create("Ada", "alice");
        clock.advance(Duration.ofMinutes(1));
        Lead bob = create("Bob", "bob");
        clock.advance(Duration.ofMinutes(3));
        touch(bob);
        clock.advance(Duration.ofMinutes(4));
        sweep();

        ListMissedDeadlinesResponse missed = queue.listMissedDeadlines(ListMissedDeadlinesRequest.getDefaultInstance());
        assertThat(missed.getMissedDeadlinesList()).singleElement().satisfies(m -> {
            assertThat(m.getLead()).isEqualTo(ada.getName());
            assertThat(m.getDisplayName()).isEqualTo("Ada Lead");
            assertThat(m.getOwner()).isEqualTo("alice");
            assertThat(m.getSource()).isEqualTo(LeadSource.LEAD_SOURCE_WEB_FORM);
            assertThat(m.getDeadline()).isEqualTo(timestamp(START.plus(Duration.ofMinutes(5))));
            assertThat(m.hasFirstTouchTime()).isFalse();
            assertThat(m.getLateBy().getSeconds()).as("5 to 8 minutes").isEqualTo(180);
        });
        assertThat(missed.getNextPageToken()).isEmpty();

        clock.advance(Duration.ofMinutes(12));
        touch(ada);
        MissedDeadline answered = queue.listMissedDeadlines(ListMissedDeadlinesRequest.getDefaultInstance())
                .getMissedDeadlines(0);
        assertThat(answered.getFirstTouchTime()).isEqualTo(timestamp(START.plus(Duration.ofMinutes(20))));
        assertThat(answered.getLateBy().getSeconds()).isEqualTo(15 * 60);
        assertThat(queue.listMissedDeadlines(ListMissedDeadlinesRequest.newBuilder()
                                .setUnansweredOnly(true)
                                .build())
                        .getMissedDeadlinesList())
                .isEmpty();
    }

    @Test
    void responseStatsCountTheMissesPerRep() {
        create("Ada", "alice");
        create("Grace", "alice");
        create("Linus", "bob");
        clock.advance(Duration.ofMinutes(30));
        sweep();
        touch(leads.listLeads(io.hearth.proto.v1.ListLeadsRequest.newBuilder()
                        .setFilter("owner = \"bob\"")
                        .build())
                .getLeads(0));

        ResponseStats team = queue.getResponseStats(GetResponseStatsRequest.getDefaultInstance());
        assertThat(team.getMissed()).isEqualTo(3);
        assertThat(team.getMissedUnanswered()).isEqualTo(2);
        assertThat(team.getMissedByOwnerList())
                .containsExactly(
                        OwnerMissedDeadlines.newBuilder()
                                .setOwner("alice")
                                .setMissed(2)
                                .setUnanswered(2)
                                .build(),
                        OwnerMissedDeadlines.newBuilder()
                                .setOwner("bob")
                                .setMissed(1)
                                .setUnanswered(0)
                                .build());
        assertThat(queue.getResponseStats(GetResponseStatsRequest.newBuilder()
                                .setOwner("bob")
                                .build())
                        .getMissed())
                .isEqualTo(1);
    }

    @Test
    void listsPageAndValidateTheirInput() {
        for (int i = 0; i < 3; i++) {
            create("Web" + i, "alice");
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(10));
        sweep();

        ListMissedDeadlinesResponse first = queue.listMissedDeadlines(ListMissedDeadlinesRequest.newBuilder()
                .setOwner("alice")
                .setPageSize(2)
                .build());
        ListMissedDeadlinesResponse second = queue.listMissedDeadlines(ListMissedDeadlinesRequest.newBuilder()
                .setOwner("alice")
                .setPageSize(2)
                .setPageToken(first.getNextPageToken())
                .build());
        assertThat(first.getMissedDeadlinesList())
                .extracting(MissedDeadline::getDisplayName)
                .containsExactly("Web2 Lead", "Web1 Lead");
        assertThat(second.getMissedDeadlinesList())
                .extracting(MissedDeadline::getDisplayName)
                .containsExactly("Web0 Lead");
        assertThat(second.getNextPageToken()).isEmpty();

        assertInvalid(
                () -> queue.listMissedDeadlines(
                        ListMissedDeadlinesRequest.newBuilder().setPageSize(-1).build()),
                "page_size");
        assertInvalid(
                () -> queue.listMissedDeadlines(ListMissedDeadlinesRequest.newBuilder()
                        .setPageToken("garbage")
                        .build()),
                "page_token");
        assertInvalid(
                () -> queue.listMissedDeadlines(ListMissedDeadlinesRequest.newBuilder()
                        .setOwner("bob")
                        .setPageSize(2)
                        .setPageToken(first.getNextPageToken())
                        .build()),
                "page_token");
        assertInvalid(
                () -> queue.listMissedDeadlines(ListMissedDeadlinesRequest.newBuilder()
                        .setStartTime(timestamp(START))
                        .setEndTime(timestamp(START.minusSeconds(1)))
                        .build()),
                "start_time");
    }

    private void sweep() {
        hearth.get(RatingRefresher.class).refreshExpired();
    }

    private void touch(Lead lead) {
        followUps.logTouch(LogTouchRequest.newBuilder()
                .setTouch(Touch.newBuilder()
                        .setPerson(lead.getName())
                        .setKind(TouchKind.TOUCH_KIND_COLD_CALL)
                        .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                        .setOutcome(TouchOutcome.TOUCH_OUTCOME_NO_ANSWER))
                .build());
    }

    private Lead create(String given, String owner) {
        return leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName(given)
                        .setFamilyName("Lead")
                        .setPhone("+1 415 555 0100")
                        .setSource(LeadSource.LEAD_SOURCE_WEB_FORM)
                        .setOwner(owner))
                // the fixtures share one phone number
                .setAllowDuplicate(true)
                .build());
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
