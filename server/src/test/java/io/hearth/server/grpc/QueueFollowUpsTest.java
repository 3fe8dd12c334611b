package io.hearth.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import com.google.type.Date;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import io.hearth.core.app.LeadRatings;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.person.LeadId;
import io.hearth.proto.v1.ActionChannel;
import io.hearth.proto.v1.ActionKind;
import io.hearth.proto.v1.ArchiveContactRequest;
import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.CompleteFollowUpRequest;
import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.ConvertLeadRequest;
import io.hearth.proto.v1.CreateContactRequest;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.CreateOpportunityRequest;
import io.hearth.proto.v1.DealStep;
import io.hearth.proto.v1.FollowUp;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.GetOpportunityRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.ListDueFollowUpsRequest;
import io.hearth.proto.v1.ListQueueRequest;
import io.hearth.proto.v1.ListQueueResponse;
import io.hearth.proto.v1.LogTouchRequest;
import io.hearth.proto.v1.LogTouchResponse;
import io.hearth.proto.v1.Opportunity;
import io.hearth.proto.v1.OpportunityServiceGrpc;
import io.hearth.proto.v1.Qualification;
import io.hearth.proto.v1.QualifyLeadRequest;
import io.hearth.proto.v1.QueueItem;
import io.hearth.proto.v1.QueueLane;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.QueueSnapshot;
import io.hearth.proto.v1.RestoreContactRequest;
import io.hearth.proto.v1.ScheduleFollowUpRequest;
import io.hearth.proto.v1.SetTemperatureOverrideRequest;
import io.hearth.proto.v1.SkipFollowUpRequest;
import io.hearth.proto.v1.Temperature;
import io.hearth.proto.v1.Touch;
import io.hearth.proto.v1.TouchChannel;
import io.hearth.proto.v1.TouchKind;
import io.hearth.proto.v1.TouchOutcome;
import io.hearth.proto.v1.UpdateContactRequest;
import io.hearth.server.InProcessHearth;
import io.hearth.server.config.CadenceConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Contacts, due follow-ups and conversions in the work queue, end to end in one JVM: real wiring,
 * real rules, in-memory HSQLDB, a clock the test moves.
 */
class QueueFollowUpsTest {
    private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
    private final TickingClock clock = new TickingClock(START, Duration.ofMillis(1));
    private InProcessHearth hearth;
    private LeadServiceGrpc.LeadServiceBlockingStub leads;
    private ContactServiceGrpc.ContactServiceBlockingStub contacts;
    private FollowUpServiceGrpc.FollowUpServiceBlockingStub followUps;
    private QueueServiceGrpc.QueueServiceBlockingStub queue;

    private void start(CadenceConfig cadence) throws Exception {
        hearth = new InProcessHearth(clock, cadence);
        leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        contacts = ContactServiceGrpc.newBlockingStub(hearth.channel());
        followUps = FollowUpServiceGrpc.newBlockingStub(hearth.channel());
        queue = QueueServiceGrpc.newBlockingStub(hearth.channel());
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void aSeededTeamQueueShowsDueFollowUpsAfterHotAndBeforeWarm() throws Exception {
        start(CadenceConfig.DEFAULTS);
        // a contact's cadence gives it its first step, a call due as it arrives
        Contact texted = contact("Texted", "alice");
        Lead leadWaiting = override(lead("Waiting", LeadSource.LEAD_SOURCE_OTHER), Temperature.TEMPERATURE_WARM);
        schedule(leadWaiting.getName(), TouchChannel.TOUCH_CHANNEL_EMAIL, START.plus(Duration.ofMinutes(90)));
        Lead hotWaiting = override(lead("HotWaiting", LeadSource.LEAD_SOURCE_OTHER), Temperature.TEMPERATURE_HOT);
        schedule(hotWaiting.getName(), TouchChannel.TOUCH_CHANNEL_DIRECT_MAIL, START.plus(Duration.ofDays(3)));
        Contact called = contact("Called", "bob");
        Contact later = contact("Later", "alice");
        // skipped, the call makes way for the postcard, due in 3 days
        followUps.skipFollowUp(SkipFollowUpRequest.newBuilder()
                .setName(firstStep(later).getName())
                .build());
        Contact archived = contact("Archived", "alice");
        contacts.archiveContact(
                ArchiveContactRequest.newBuilder().setName(archived.getName()).build());
        Contact dripped = contact("Dripped", "alice");
        FollowUp step = firstStep(dripped);
        for (int i = 1; i <= 8; i++) {
            LogTouchResponse done = complete(step, TouchOutcome.TOUCH_OUTCOME_NO_ANSWER);
            step = done.getNextFollowUp();
            assertThat(done.getCadenceState())
                    .as("the next step is scheduled for later; the eighth moves the contact to drip")
                    .isEqualTo(i < 8 ? CadenceState.CADENCE_STATE_WAITING : CadenceState.CADENCE_STATE_DRIP);
        }
        Contact unsubscribed = contact("Unsubscribed", "alice");
        logTouch(unsubscribed.getName(), TouchKind.TOUCH_KIND_FOLLOW_UP, TouchOutcome.TOUCH_OUTCOME_UNSUBSCRIBED);

        clock.advance(Duration.ofHours(2).plusMinutes(1));
        Lead hot = override(lead("Hot", LeadSource.LEAD_SOURCE_OTHER), Temperature.TEMPERATURE_HOT);
        Lead sizzling = needsItIn(lead("Sizzling", LeadSource.LEAD_SOURCE_OTHER), 3);
        Lead warm = override(lead("Warm", LeadSource.LEAD_SOURCE_OTHER), Temperature.TEMPERATURE_WARM);
        Lead cool = lead("Cool", LeadSource.LEAD_SOURCE_TRADE_SHOW);
        Lead cold = lead("Cold", LeadSource.LEAD_SOURCE_PURCHASED_LIST);
        Lead web = lead("Web", LeadSource.LEAD_SOURCE_WEB_FORM);

        List<QueueItem> team = all("");

        // the two hot leads rank alike (no value known); the newer id comes first
        assertThat(team)
                .extracting(QueueItem::getPerson)
                .containsExactly(
                        web.getName(),
                        sizzling.getName(),
                        hot.getName(),
                        hotWaiting.getName(),
                        texted.getName(),
                        called.getName(),
                        leadWaiting.getName(),
                        warm.getName(),
                        cool.getName(),
                        cold.getName());
        assertThat(team)
                .extracting(QueueItem::getLane)
                .containsExactly(
                        QueueLane.QUEUE_LANE_SPEED_TO_LEAD,
                        QueueLane.QUEUE_LANE_SIZZLING,
                        QueueLane.QUEUE_LANE_HOT,
                        QueueLane.QUEUE_LANE_HOT,
                        QueueLane.QUEUE_LANE_DUE_FOLLOW_UP,
                        QueueLane.QUEUE_LANE_DUE_FOLLOW_UP,
                        QueueLane.QUEUE_LANE_DUE_FOLLOW_UP,
                        QueueLane.QUEUE_LANE_WARM,
                        QueueLane.QUEUE_LANE_COOL,
                        QueueLane.QUEUE_LANE_COLD);
        QueueItem hotsStep = team.get(3);
        assertThat(hotsStep.getAction())
                .as("a hot lead is never hidden; it shows its next step")
                .isEqualTo(ActionKind.ACTION_KIND_TOUCH_BASE);
        assertThat(hotsStep.getChannel()).isEqualTo(ActionChannel.ACTION_CHANNEL_DIRECT_MAIL);
        assertThat(hotsStep.getDeadline().getSeconds())
                .isEqualTo(START.plus(Duration.ofDays(3)).getEpochSecond());
        QueueItem text = team.get(4);
        assertThat(text.getAction()).isEqualTo(ActionKind.ACTION_KIND_FOLLOW_UP);
        assertThat(text.getChannel()).isEqualTo(ActionChannel.ACTION_CHANNEL_PHONE);
        assertThat(text.getDisplayName()).isEqualTo("Texted Contact");
        assertThat(text.getDeadline().getSeconds()).isEqualTo(START.getEpochSecond());
        assertThat(text.getReasonsList())
                .containsExactly("follow-up 1 of 8 by phone, due 2026-11-02 09:00 UTC", "prospect");
        QueueItem leadsTurn = team.get(6);
        assertThat(leadsTurn.getAction())
                .as("follow-ups proper are for contacts")
                .isEqualTo(ActionKind.ACTION_KIND_TOUCH_BASE);
        assertThat(leadsTurn.getChannel()).isEqualTo(ActionChannel.ACTION_CHANNEL_EMAIL);
        assertThat(leadsTurn.getReasonsList().get(0)).isEqualTo("follow-up 1 of 2 by email, due 2026-11-02 10:30 UTC");
        assertThat(all("bob")).extracting(QueueItem::getPerson).containsExactly(called.getName());
        assertThat(all("alice"))
                .extracting(QueueItem::getPerson)
                .doesNotContain(called.getName())
                .contains(texted.getName(), leadWaiting.getName());
        assertThat(pagedBy(2, "")).isEqualTo(team);
    }

    @Test
    void aFollowUpShowsOnlyOnceItIsDueAndTheNextStepWaitsAgain() throws Exception {
        start(CadenceConfig.DEFAULTS);
        Contact contact = contact("Grace", "alice");
        FollowUp call = firstStep(contact);
        assertThat(item(contact.getName()))
                .as("the first step is due as it arrives")
                .hasValueSatisfying(item -> {
                    assertThat(item.getChannel()).isEqualTo(ActionChannel.ACTION_CHANNEL_PHONE);
                    assertThat(item.getReasons(0)).startsWith("follow-up 1 of 8 by phone, due 2026-11-02 09:00");
                    assertThat(item.getFollowUp())
                            .as("the step to complete from the queue")
                            .isEqualTo(call.getName());
                });

        FollowUp postcard = complete(call, TouchOutcome.TOUCH_OUTCOME_NO_ANSWER).getNextFollowUp();
        assertThat(people()).as("waits for the postcard").doesNotContain(contact.getName());
        clock.advance(Duration.ofDays(3).minusMinutes(1));
        assertThat(people()).as("a minute early").doesNotContain(contact.getName());
        clock.advance(Duration.ofMinutes(1));
        assertThat(item(contact.getName())).hasValueSatisfying(item -> {
            assertThat(item.getChannel()).isEqualTo(ActionChannel.ACTION_CHANNEL_POSTCARD);
            assertThat(item.getReasons(0)).startsWith("follow-up 2 of 8 by postcard");
            assertThat(item.getFollowUp()).isEqualTo(postcard.getName());
        });

        followUps.skipFollowUp(
                SkipFollowUpRequest.newBuilder().setName(postcard.getName()).build());
        assertThat(people())
                .as("the email after the skipped postcard is not due yet")
                .doesNotContain(contact.getName());
        clock.advance(Duration.ofDays(4));
        assertThat(item(contact.getName()).map(QueueItem::getChannel)).hasValue(ActionChannel.ACTION_CHANNEL_EMAIL);
    }

    @Test
    void aContactMovedToDripOrStoppedByAPositiveReplyLeavesTheQueue() throws Exception {
        start(new CadenceConfig(2, 2, true));
        Contact quiet = contact("Quiet", "alice");
        Contact keen = contact("Keen", "alice");
        FollowUp first = firstStep(quiet);
        assertThat(people()).contains(quiet.getName(), keen.getName());

        FollowUp second =
                complete(first, TouchOutcome.TOUCH_OUTCOME_LEFT_VOICEMAIL).getNextFollowUp();
        clock.advance(Duration.ofDays(3));
        assertThat(people()).contains(quiet.getName());
        assertThat(complete(second, TouchOutcome.TOUCH_OUTCOME_NO_ANSWER).getCadenceState())
                .isEqualTo(CadenceState.CADENCE_STATE_DRIP);
        logTouch(keen.getName(), TouchKind.TOUCH_KIND_TOUCH_BASE, TouchOutcome.TOUCH_OUTCOME_MEETING_BOOKED);

        assertThat(people()).doesNotContain(quiet.getName(), keen.getName());
    }

    @Test
    void conversionPutsTheContactInTheLeadsPlaceAndReRatingTheLeadLeavesItThere() throws Exception {
        start(CadenceConfig.DEFAULTS);
        Lead lead = override(lead("Convert", LeadSource.LEAD_SOURCE_OTHER), Temperature.TEMPERATURE_WARM);
        assertThat(people()).containsExactly(lead.getName());
        String contact = lead.getName().replace("leads/", "contacts/");

        contacts.convertLead(
                ConvertLeadRequest.newBuilder().setLead(lead.getName()).build());

        assertThat(all("")).singleElement().satisfies(item -> {
            assertThat(item.getPerson()).isEqualTo(contact);
            assertThat(item.getLane()).isEqualTo(QueueLane.QUEUE_LANE_DUE_FOLLOW_UP);
            assertThat(item.getAction()).isEqualTo(ActionKind.ACTION_KIND_FOLLOW_UP);
            assertThat(item.getChannel()).isEqualTo(ActionChannel.ACTION_CHANNEL_PHONE);
            assertThat(item.getReasonsList())
                    .contains(
                            "purpose: new prospect: follow up the same day",
                            "prospect, converted from " + lead.getName());
        });
        hearth.get(LeadRatings.class).refresh(LeadId.fromName(lead.getName(), "lead"));
        assertThat(people())
                .as("the converted lead's re-rating leaves its contact's entry alone")
                .containsExactly(contact);
    }

    @Test
    void aPositiveReplyConvertsTheLeadAndItsContactComesDueAtOnce() throws Exception {
        start(CadenceConfig.DEFAULTS);
        Lead lead = lead("Replies", LeadSource.LEAD_SOURCE_OTHER);
        schedule(lead.getName(), null, START.plus(Duration.ofDays(2)));
        assertThat(people()).as("waits for its follow-up").isEmpty();

        LogTouchResponse reply =
                logTouch(lead.getName(), TouchKind.TOUCH_KIND_TOUCH_BASE, TouchOutcome.TOUCH_OUTCOME_REPLIED_POSITIVE);

        assertThat(reply.getConvertedContact().getName())
                .isEqualTo(lead.getName().replace("leads/", "contacts/"));
        assertThat(people()).containsExactly(reply.getConvertedContact().getName());
    }

    @Test
    void contactWritesMoveItsEntry() throws Exception {
        start(CadenceConfig.DEFAULTS);
        Contact contact = contact("Grace", "alice");

        contacts.updateContact(UpdateContactRequest.newBuilder()
                .setContact(Contact.newBuilder()
                        .setName(contact.getName())
                        .setFamilyName("Hopper")
                        .setOwner("bob"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("family_name").addPaths("owner"))
                .build());
        assertThat(all("alice")).isEmpty();
        assertThat(all("bob"))
                .singleElement()
                .extracting(QueueItem::getDisplayName)
                .isEqualTo("Grace Hopper");

        contacts.archiveContact(
                ArchiveContactRequest.newBuilder().setName(contact.getName()).build());
        assertThat(people()).isEmpty();
        contacts.restoreContact(
                RestoreContactRequest.newBuilder().setName(contact.getName()).build());
        assertThat(people()).containsExactly(contact.getName());
    }

    @Test
    void watchPushesAFollowUpComingDue() throws Exception {
        start(CadenceConfig.DEFAULTS);
        lead("Cold", LeadSource.LEAD_SOURCE_PURCHASED_LIST);
        Contact contact = contact("Grace", "alice");
        // the first step done, the postcard comes due in 3 days
        complete(firstStep(contact), TouchOutcome.TOUCH_OUTCOME_NO_ANSWER);
        BlockingQueue<QueueSnapshot> snapshots = new LinkedBlockingQueue<>();
        Context.CancellableContext watching = Context.current().withCancellation();
        watching.run(() -> QueueServiceGrpc.newStub(hearth.channel())
                .watchQueue(
                        io.hearth.proto.v1.WatchQueueRequest.newBuilder()
                                .setOwner("alice")
                                .build(),
                        collect(snapshots)));
        try {
            QueueSnapshot first = snapshots.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.getItemsList()).extracting(QueueItem::getPerson).doesNotContain(contact.getName());

            clock.advance(Duration.ofDays(3));
            QueueSnapshot next = snapshots.poll(5, TimeUnit.SECONDS);

            assertThat(next).isNotNull();
            assertThat(next.getItems(0).getPerson()).isEqualTo(contact.getName());
            assertThat(next.getItems(0).getChannel()).isEqualTo(ActionChannel.ACTION_CHANNEL_POSTCARD);
        } finally {
            watching.cancel(null);
        }
    }

    @Test
    void pagesWalkLeadsAndContactsOnceInOrder() throws Exception {
        start(CadenceConfig.DEFAULTS);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // each contact's first step is due as it arrives
            Contact contact = contact("C" + i, "alice");
            created.add(contact.getName());
            created.add(override(
                            lead("L" + i, LeadSource.LEAD_SOURCE_OTHER),
                            i % 2 == 0 ? Temperature.TEMPERATURE_HOT : Temperature.TEMPERATURE_COOL)
                    .getName());
        }
        clock.advance(Duration.ofHours(1));

        List<QueueItem> onePage = all("alice");
        assertThat(onePage).extracting(QueueItem::getPerson).containsExactlyInAnyOrderElementsOf(created);
        for (int size = 1; size <= 4; size++) {
            assertThat(pagedBy(size, "alice")).as("pages of %d", size).isEqualTo(onePage);
        }
    }

    private Lead lead(String given, LeadSource source) {
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

    private Lead override(Lead lead, Temperature grade) {
        queue.setTemperatureOverride(SetTemperatureOverrideRequest.newBuilder()
                .setName(lead.getName())
                .setTemperature(grade)
                .setReason("seeded")
                .build());
        return lead;
    }

    private Lead needsItIn(Lead lead, int days) {
        LocalDate needBy = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(days);
        queue.qualifyLead(QualifyLeadRequest.newBuilder()
                .setName(lead.getName())
                .setQualification(Qualification.newBuilder()
                        .setNeedBy(Date.newBuilder()
                                .setYear(needBy.getYear())
                                .setMonth(needBy.getMonthValue())
                                .setDay(needBy.getDayOfMonth())))
                .build());
        return lead;
    }

    @Test
    void aDealsDueStepIsAnOpportunityItemAndATouchForTheDealDoesIt() throws Exception {
        start(CadenceConfig.DEFAULTS);
        Contact ada = contact("Ada", "alice");
        // she said yes: the cadence stops, so only the deal puts her in the queue
        logTouch(ada.getName(), TouchKind.TOUCH_KIND_FOLLOW_UP, TouchOutcome.TOUCH_OUTCOME_REPLIED_POSITIVE);
        clock.advance(Duration.ofDays(1));
        OpportunityServiceGrpc.OpportunityServiceBlockingStub deals =
                OpportunityServiceGrpc.newBlockingStub(hearth.channel());
        Opportunity deal = deals.createOpportunity(CreateOpportunityRequest.newBuilder()
                .setOpportunity(Opportunity.newBuilder()
                        .setContact(ada.getName())
                        .setTitle("200 seats")
                        .setAmount(com.google.type.Money.newBuilder()
                                .setCurrencyCode("EUR")
                                .setUnits(25_000))
                        .setExpectedCloseDate(
                                Date.newBuilder().setYear(2027).setMonth(3).setDay(31))
                        .setNextStep(DealStep.newBuilder()
                                .setDescription("send the contract")
                                .setDueTime(Timestamp.newBuilder()
                                        .setSeconds(
                                                START.plus(Duration.ofDays(1).plusHours(1))
                                                        .getEpochSecond()))))
                .build());
        assertThat(item(ada.getName())).as("the step is not due yet").isEmpty();

        clock.advance(Duration.ofHours(2));
        QueueItem due = item(ada.getName()).orElseThrow();
        assertThat(due.getLane()).isEqualTo(QueueLane.QUEUE_LANE_OPPORTUNITY);
        assertThat(due.getOpportunity()).isEqualTo(deal.getName());
        assertThat(due.getFollowUp()).isEmpty();
        assertThat(due.getReasons(0))
                .isEqualTo("deal \"200 seats\": next step \"send the contract\" due 2026-11-03 10:00 UTC");

        LogTouchResponse logged = followUps.logTouch(LogTouchRequest.newBuilder()
                .setTouch(Touch.newBuilder()
                        .setPerson(ada.getName())
                        .setKind(TouchKind.TOUCH_KIND_FOLLOW_UP)
                        .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                        .setOutcome(TouchOutcome.TOUCH_OUTCOME_CONNECTED)
                        .setOpportunity(deal.getName()))
                .build());

        assertThat(logged.getTouch().getOpportunity()).isEqualTo(deal.getName());
        assertThat(deals.getOpportunity(GetOpportunityRequest.newBuilder()
                                .setName(deal.getName())
                                .build())
                        .hasNextStep())
                .as("the touch did the due step")
                .isFalse();
        assertThat(item(ada.getName())).as("nothing more is due for her").isEmpty();
        Lead lead = lead("Linus", LeadSource.LEAD_SOURCE_OTHER);
        GrpcAssertions.assertInvalid(
                () -> followUps.logTouch(LogTouchRequest.newBuilder()
                        .setTouch(Touch.newBuilder()
                                .setPerson(lead.getName())
                                .setKind(TouchKind.TOUCH_KIND_COLD_CALL)
                                .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                                .setOutcome(TouchOutcome.TOUCH_OUTCOME_CONNECTED)
                                .setOpportunity(deal.getName()))
                        .build()),
                "touch.opportunity");
    }

    private Contact contact(String given, String owner) {
        return contacts.createContact(CreateContactRequest.newBuilder()
                .setContact(Contact.newBuilder()
                        .setGivenName(given)
                        .setFamilyName("Contact")
                        // reachable on every step of the cadence
                        .setPhone("+1 415 555 " + (1000 + Math.abs(given.hashCode() % 9000)))
                        .setEmail(given.toLowerCase(java.util.Locale.ROOT) + "@example.com")
                        .setKind(ContactKind.CONTACT_KIND_PROSPECT)
                        .setOwner(owner))
                .build());
    }

    /** The first step a contact's cadence gave it as it arrived. */
    private FollowUp firstStep(Contact contact) {
        return followUps
                .listDueFollowUps(ListDueFollowUpsRequest.newBuilder()
                        .setOwner(contact.getOwner())
                        .setDueBy(Timestamp.newBuilder()
                                .setSeconds(START.plus(Duration.ofDays(3650)).getEpochSecond()))
                        .setPageSize(1000)
                        .build())
                .getFollowUpsList()
                .stream()
                .filter(f -> f.getPerson().equals(contact.getName()))
                .findFirst()
                .orElseThrow();
    }

    /** @param channel {@code null}: the cadence's; @param due {@code null}: the cadence's delay */
    private FollowUp schedule(String person, TouchChannel channel, Instant due) {
        ScheduleFollowUpRequest.Builder request =
                ScheduleFollowUpRequest.newBuilder().setPerson(person);
        if (channel != null) {
            request.setChannel(channel);
        }
        if (due != null) {
            request.setDueTime(Timestamp.newBuilder().setSeconds(due.getEpochSecond()));
        }
        return followUps.scheduleFollowUp(request.build());
    }

    private LogTouchResponse complete(FollowUp followUp, TouchOutcome outcome) {
        return followUps.completeFollowUp(CompleteFollowUpRequest.newBuilder()
                .setName(followUp.getName())
                .setOutcome(outcome)
                .setPerformedBy("alice")
                .build());
    }

    private LogTouchResponse logTouch(String person, TouchKind kind, TouchOutcome outcome) {
        return followUps.logTouch(LogTouchRequest.newBuilder()
                .setTouch(Touch.newBuilder()
                        .setPerson(person)
                        .setKind(kind)
                        .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                        .setOutcome(outcome)
                        .setPerformedBy("alice"))
                .build());
    }

    private List<QueueItem> all(String owner) {
        return queue.listQueue(ListQueueRequest.newBuilder()
                        .setOwner(owner)
                        .setPageSize(1000)
                        .build())
                .getItemsList();
    }

    private List<String> people() {
        return all("").stream().map(QueueItem::getPerson).toList();
    }

    private Optional<QueueItem> item(String person) {
        return all("").stream().filter(item -> item.getPerson().equals(person)).findFirst();
    }

    private List<QueueItem> pagedBy(int size, String owner) {
        List<QueueItem> items = new ArrayList<>();
        String token = "";
        do {
            ListQueueResponse page = queue.listQueue(ListQueueRequest.newBuilder()
                    .setOwner(owner)
                    .setPageSize(size)
                    .setPageToken(token)
                    .build());
            items.addAll(page.getItemsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return items;
    }

    private static StreamObserver<QueueSnapshot> collect(BlockingQueue<QueueSnapshot> snapshots) {
        return new StreamObserver<>() {
            @Override
            public void onNext(QueueSnapshot snapshot) {
                snapshots.add(snapshot);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        };
    }
}
