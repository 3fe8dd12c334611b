package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.BadRequest.FieldViolation;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.CompleteFollowUpRequest;
import io.hearth.proto.v1.FollowUp;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.FollowUpState;
import io.hearth.proto.v1.GetFollowUpRequest;
import io.hearth.proto.v1.ListTouchesRequest;
import io.hearth.proto.v1.ListTouchesResponse;
import io.hearth.proto.v1.LogTouchRequest;
import io.hearth.proto.v1.LogTouchResponse;
import io.hearth.proto.v1.ScheduleFollowUpRequest;
import io.hearth.proto.v1.SkipFollowUpRequest;
import io.hearth.proto.v1.Touch;
import io.hearth.proto.v1.TouchChannel;
import io.hearth.proto.v1.TouchKind;
import io.hearth.proto.v1.TouchOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** followups schedule|complete|skip, touch list and touch log --at against a recording fake. */
class FollowUpWorkCommandsTest {

    /** 11:00 in Paris, where the CLI's clock is. */
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static final FollowUp CALL = FollowUp.newBuilder()
            .setName("followUps/f1")
            .setPerson("contacts/c1")
            .setFollowUpNumber(2)
            .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
            .setDueTime(Times.timestamp(Instant.parse("2026-11-25T10:00:00Z")))
            .setPurpose("follow-up 2 of 8: phone")
            .setOwner("alice")
            .setState(FollowUpState.FOLLOW_UP_STATE_SCHEDULED)
            .build();

    private static final FollowUp POSTCARD = CALL.toBuilder()
            .setName("followUps/f2")
            .setChannel(TouchChannel.TOUCH_CHANNEL_POSTCARD)
            .setPurpose("follow-up 2 of 8: postcard")
            .build();

    private final List<Message> requests = new CopyOnWriteArrayList<>();
    private final String serverName = InProcessServerBuilder.generateName();
    private Server server;
    private StatusRuntimeException failure;

    @BeforeEach
    void start() throws Exception {
        server = InProcessServerBuilder.forName(serverName)
                .directExecutor()
                .addService(new FollowUps())
                .build()
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void scheduleSendsChannelDueTimeAndPurposeAndPrintsTheFollowUp() {
        CliResult result = run(
                "followups", "schedule", " contacts/c1 ", "--channel", "phone", "--due", "+2d", "--note", "ask again");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(ScheduleFollowUpRequest.newBuilder()
                        .setPerson("contacts/c1")
                        .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                        .setDueTime(Times.timestamp(Instant.parse("2026-11-25T10:00:00Z")))
                        .setPurpose("ask again")
                        .build());
        assertThat(result.out())
                .contains("followUps/f1")
                .contains("#2")
                .contains("phone")
                .contains("2026-11-25T10:00:00Z")
                .contains("scheduled");
    }

    @Test
    void scheduleLeavesChannelAndDueTimeToTheCadenceUnlessGiven() {
        CliResult result = run("followups", "schedule", "leads/l1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        ScheduleFollowUpRequest request = (ScheduleFollowUpRequest) requests.get(0);
        assertThat(request.getChannel()).isEqualTo(TouchChannel.TOUCH_CHANNEL_UNSPECIFIED);
        assertThat(request.hasDueTime()).isFalse();
        assertThat(request.getPurpose()).isEmpty();
    }

    @Test
    void scheduleTakesALeadsIdAsTheQueueShowsIt() {
        CliResult result = run("followups", "schedule", "l1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((ScheduleFollowUpRequest) requests.get(0)).getPerson()).isEqualTo("leads/l1");
    }

    @Test
    void scheduleReadsALocalDueTimeInTheClocksZone() {
        CliResult result = run("followups", "schedule", "contacts/c1", "--due", "2026-11-25T09:30", "--purpose", "p");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((ScheduleFollowUpRequest) requests.get(0)).getDueTime())
                .isEqualTo(Times.timestamp(Instant.parse("2026-11-25T08:30:00Z")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--due=tomorrow", "--channel=pigeon"})
    void aBadScheduleOptionIsAUsageErrorAndCallsNothing(String option) {
        CliResult result = run("followups", "schedule", "contacts/c1", option);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(option.substring(option.indexOf('=') + 1));
        assertThat(requests).isEmpty();
    }

    @Test
    void scheduleAsJsonPrintsTheFollowUp() {
        CliResult result = run("--output", "json", "followups", "schedule", "contacts/c1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("\"name\": \"followUps/f1\"")
                .contains("\"state\": \"FOLLOW_UP_STATE_SCHEDULED\"");
    }

    @Test
    void scheduleReportsTheRuleTheServerApplied() {
        failure = refusal(
                Code.FAILED_PRECONDITION, "contacts/c1 already has an open follow-up", "FOLLOW_UP_ALREADY_SCHEDULED");

        CliResult result = run("followups", "schedule", "contacts/c1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines())
                .containsExactly(
                        "error: FAILED_PRECONDITION: contacts/c1 already has an open follow-up",
                        "  reason: FOLLOW_UP_ALREADY_SCHEDULED");
    }

    @Test
    void completeSendsTheOutcomeAndSaysWhatComesNext() {
        CliResult result = run(
                "followups",
                "complete",
                "f1",
                "--outcome",
                "left-voicemail",
                "--kind",
                "follow-up",
                "--minutes",
                "3",
                "--note",
                "call back Friday",
                "--by",
                "alice");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(CompleteFollowUpRequest.newBuilder()
                        .setName("followUps/f1")
                        .setOutcome(TouchOutcome.TOUCH_OUTCOME_LEFT_VOICEMAIL)
                        .setKind(TouchKind.TOUCH_KIND_FOLLOW_UP)
                        .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(180))
                        .setNote("call back Friday")
                        .setPerformedBy("alice")
                        .build());
        assertThat(result.out().lines())
                .containsExactly(
                        "logged touches/t1; cadence active",
                        "next follow-up: followUps/f2 by postcard, due 2026-11-25T10:00:00Z");
    }

    @Test
    void completeLeavesKindAndDurationToTheServerUnlessGiven() {
        CliResult result = run("followups", "complete", "followUps/f1", "--outcome", "no-answer");

        assertThat(result.exitCode()).as(result.err()).isZero();
        CompleteFollowUpRequest request = (CompleteFollowUpRequest) requests.get(0);
        assertThat(request.getKind()).isEqualTo(TouchKind.TOUCH_KIND_UNSPECIFIED);
        assertThat(request.hasDuration()).isFalse();
    }

    @Test
    void completeWithAPositiveOutcomeSuggestsConvertingTheLead() {
        CliResult result = run("followups", "complete", "f9", "--outcome", "replied-positive");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("positive outcome: convert with 'hearth leads convert leads/l9'");
    }

    @Test
    void completeNeedsAnOutcome() {
        CliResult result = run("followups", "complete", "f1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--outcome");
        assertThat(requests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"followUps/", "a/b", "leads/l1"})
    void aMalformedFollowUpIsAUsageError(String followUp) {
        CliResult result = run("followups", "skip", followUp);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is neither a follow-up id nor a name like followUps/{id}");
        assertThat(requests).isEmpty();
    }

    @Test
    void skipSendsTheNameAndPrintsTheStepInItsPlace() {
        CliResult result = run("followups", "skip", "f1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(
                        SkipFollowUpRequest.newBuilder().setName("followUps/f1").build());
        assertThat(result.out())
                .startsWith("skipped followUps/f1; instead:")
                .contains("followUps/f2")
                .contains("postcard");
    }

    @Test
    void skipSendsItsReasonAndGetShowsItWithTheSkippedFollowUp() {
        CliResult skipped = run("followups", "skip", "f1", "--reason", "on leave until the 12th");

        assertThat(skipped.exitCode()).as(skipped.err()).isZero();
        assertThat(skipped.out()).startsWith("skipped followUps/f1 (on leave until the 12th); instead:");
        CliResult shown = run("followups", "get", "f1");

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(requests)
                .containsExactly(
                        SkipFollowUpRequest.newBuilder()
                                .setName("followUps/f1")
                                .setReason("on leave until the 12th")
                                .build(),
                        GetFollowUpRequest.newBuilder().setName("followUps/f1").build());
        assertThat(shown.out())
                .contains("followUps/f1")
                .contains("skipped")
                .containsPattern("skip reason +on leave until the 12th");
    }

    @Test
    void skipOfAClosedFollowUpReportsTheServersReason() {
        failure = refusal(Code.FAILED_PRECONDITION, "followUps/f1 is completed", "FOLLOW_UP_CLOSED");

        CliResult result = run("followups", "skip", "f1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .contains("FAILED_PRECONDITION: followUps/f1 is completed")
                .contains("reason: FOLLOW_UP_CLOSED");
    }

    @Test
    void touchListSendsTheFiltersAndPrintsNewestFirst() {
        CliResult result = run(
                "touch",
                "list",
                "contacts/c1",
                "--performed-by",
                "alice",
                "--since",
                "2026-11-01",
                "--until",
                "-1h",
                "--page-size",
                "2",
                "--page-token",
                "p1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(ListTouchesRequest.newBuilder()
                        .setPerson("contacts/c1")
                        .setPerformedBy("alice")
                        .setStartTime(Times.timestamp(Instant.parse("2026-10-31T23:00:00Z")))
                        .setEndTime(Times.timestamp(Instant.parse("2026-11-23T09:00:00Z")))
                        .setPageSize(2)
                        .setPageToken("p1")
                        .build());
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0))
                .startsWith("WHEN")
                .contains("OUTCOME")
                .contains("FOLLOW-UP")
                .endsWith("TOUCH");
        assertThat(lines.get(1))
                .startsWith("2026-11-22T15:00:00Z")
                .contains("follow-up")
                .contains("left-voicemail")
                .contains("alice")
                .contains("#1")
                .contains("touches/t2");
        assertThat(lines.get(2))
                .startsWith("2026-11-20T09:00:00Z")
                .contains("cold-call")
                .contains("touches/t1");
        assertThat(lines).hasSize(3);
        assertThat(result.err()).isEqualTo("more: --page-token p2" + System.lineSeparator());
    }

    @Test
    void touchListWithoutFiltersSendsNoTimes() {
        CliResult result = run("--output", "json", "touch", "list", "leads/l1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        ListTouchesRequest request = (ListTouchesRequest) requests.get(0);
        assertThat(request.hasStartTime()).isFalse();
        assertThat(request.hasEndTime()).isFalse();
        assertThat(result.out()).contains("\"touches\"").contains("\"nextPageToken\": \"p2\"");
    }

    @Test
    void touchListRefusesAnEmptyPeriod() {
        CliResult result = run("touch", "list", "contacts/c1", "--since", "2026-11-02", "--until", "2026-11-01");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--since must be before --until");
        assertThat(requests).isEmpty();
    }

    @Test
    void touchLogAtSendsWhenTheTouchHappened() {
        CliResult result = run(
                "touch",
                "log",
                "contacts/c1",
                "--kind",
                "follow-up",
                "--channel",
                "email",
                "--outcome",
                "connected",
                "--at",
                "-2h");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((LogTouchRequest) requests.get(0)).getTouch().getOccurTime())
                .isEqualTo(Times.timestamp(Instant.parse("2026-11-23T08:00:00Z")));
    }

    @Test
    void touchLogWithoutAtLeavesTheTimeToTheServer() {
        CliResult result = run(
                "touch", "log", "contacts/c1", "--kind", "follow-up", "--channel", "email", "--outcome", "connected");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((LogTouchRequest) requests.get(0)).getTouch().hasOccurTime())
                .isFalse();
    }

    @Test
    void touchLogAtInTheFutureReportsTheServersRefusalOfTheField() {
        failure = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage("touch is invalid")
                .addDetails(Any.pack(BadRequest.newBuilder()
                        .addFieldViolations(FieldViolation.newBuilder()
                                .setField("touch.occur_time")
                                .setDescription("is in the future; log touches once they happened"))
                        .build()))
                .build());

        CliResult result = run(
                "touch",
                "log",
                "contacts/c1",
                "--kind",
                "follow-up",
                "--channel",
                "email",
                "--outcome",
                "connected",
                "--at",
                "2026-11-24T10:00:00Z");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(((LogTouchRequest) requests.get(0)).getTouch().getOccurTime())
                .isEqualTo(Times.timestamp(Instant.parse("2026-11-24T10:00:00Z")));
        assertThat(result.err().lines())
                .containsExactly(
                        "error: INVALID_ARGUMENT: touch is invalid",
                        "  field touch.occur_time: is in the future; log touches once they happened");
    }

    @Test
    void touchLogTakesALeadsIdAsTheQueueShowsIt() {
        CliResult result =
                run("touch", "log", "l1", "--kind", "cold-call", "--channel", "phone", "--outcome", "no-answer");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((LogTouchRequest) requests.get(0)).getTouch().getPerson()).isEqualTo("leads/l1");
    }

    @Test
    void touchListTakesALeadsIdAsTheQueueShowsIt() {
        CliResult result = run("--output", "json", "touch", "list", "l1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(((ListTouchesRequest) requests.get(0)).getPerson()).isEqualTo("leads/l1");
    }

    @Test
    void touchLogRefusesWhatNamesNoPersonBeforeCalling() {
        CliResult result = run(
                "touch", "log", "followUps/f1", "--kind", "cold-call", "--channel", "phone", "--outcome", "no-answer");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'followUps/f1' is neither leads/{id}, contacts/{id}");
        assertThat(requests).isEmpty();
    }

    @Test
    void touchLogRefusesATimeItCannotRead() {
        CliResult result = run(
                "touch",
                "log",
                "contacts/c1",
                "--kind",
                "follow-up",
                "--channel",
                "email",
                "--outcome",
                "connected",
                "--at",
                "yesterday");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'yesterday' is not a time");
        assertThat(requests).isEmpty();
    }

    private CliResult run(String... args) {
        Clock clock = Clock.fixed(NOW, ZoneId.of("Europe/Paris"));
        return CliResult.run(
                new CliEnvironment(
                        (target, credentials) -> inProcess(),
                        clock,
                        false,
                        Duration.ofSeconds(1),
                        Duration.ofMillis(1)),
                args);
    }

    private ManagedChannel inProcess() {
        return InProcessChannelBuilder.forName(serverName).directExecutor().build();
    }

    private static StatusRuntimeException refusal(Code code, String message, String reason) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason(reason)
                        .setDomain("hearth.io")
                        .build()))
                .build());
    }

    private static Timestamp at(String instant) {
        return Times.timestamp(Instant.parse(instant));
    }

    private final class FollowUps extends FollowUpServiceGrpc.FollowUpServiceImplBase {

        private <T> boolean failed(Message request, StreamObserver<T> response) {
            requests.add(request);
            if (failure != null) {
                response.onError(failure);
                return true;
            }
            return false;
        }

        @Override
        public void scheduleFollowUp(ScheduleFollowUpRequest request, StreamObserver<FollowUp> response) {
            if (!failed(request, response)) {
                response.onNext(CALL);
                response.onCompleted();
            }
        }

        @Override
        public void completeFollowUp(CompleteFollowUpRequest request, StreamObserver<LogTouchResponse> response) {
            if (failed(request, response)) {
                return;
            }
            boolean positive = request.getOutcome() == TouchOutcome.TOUCH_OUTCOME_REPLIED_POSITIVE;
            LogTouchResponse.Builder logged = LogTouchResponse.newBuilder()
                    .setTouch(Touch.newBuilder().setName("touches/t1").setPerson(positive ? "leads/l9" : "contacts/c1"))
                    .setCadenceState(positive ? CadenceState.CADENCE_STATE_STOPPED : CadenceState.CADENCE_STATE_ACTIVE)
                    .setConversionSuggested(positive);
            if (!positive) {
                logged.setNextFollowUp(POSTCARD);
            }
            response.onNext(logged.build());
            response.onCompleted();
        }

        @Override
        public void getFollowUp(GetFollowUpRequest request, StreamObserver<FollowUp> response) {
            if (!failed(request, response)) {
                response.onNext(CALL.toBuilder()
                        .setState(FollowUpState.FOLLOW_UP_STATE_SKIPPED)
                        .setSkipReason("on leave until the 12th")
                        .build());
                response.onCompleted();
            }
        }

        @Override
        public void skipFollowUp(SkipFollowUpRequest request, StreamObserver<FollowUp> response) {
            if (!failed(request, response)) {
                response.onNext(POSTCARD);
                response.onCompleted();
            }
        }

        @Override
        public void listTouches(ListTouchesRequest request, StreamObserver<ListTouchesResponse> response) {
            if (failed(request, response)) {
                return;
            }
            response.onNext(ListTouchesResponse.newBuilder()
                    .addTouches(Touch.newBuilder()
                            .setName("touches/t2")
                            .setPerson("contacts/c1")
                            .setKind(TouchKind.TOUCH_KIND_FOLLOW_UP)
                            .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                            .setOutcome(TouchOutcome.TOUCH_OUTCOME_LEFT_VOICEMAIL)
                            .setPerformedBy("alice")
                            .setFollowUpNumber(1)
                            .setOccurTime(at("2026-11-22T15:00:00Z")))
                    .addTouches(Touch.newBuilder()
                            .setName("touches/t1")
                            .setPerson("leads/c1")
                            .setKind(TouchKind.TOUCH_KIND_COLD_CALL)
                            .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                            .setOutcome(TouchOutcome.TOUCH_OUTCOME_CONNECTED)
                            .setNote("first call")
                            .setOccurTime(at("2026-11-20T09:00:00Z")))
                    .setNextPageToken("p2")
                    .build());
            response.onCompleted();
        }

        @Override
        public void logTouch(LogTouchRequest request, StreamObserver<LogTouchResponse> response) {
            if (!failed(request, response)) {
                response.onNext(LogTouchResponse.newBuilder()
                        .setTouch(Touch.newBuilder().setName("touches/t3"))
                        .setCadenceState(CadenceState.CADENCE_STATE_ACTIVE)
                        .build());
                response.onCompleted();
            }
        }
    }
}
