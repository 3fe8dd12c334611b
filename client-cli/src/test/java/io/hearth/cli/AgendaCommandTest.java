package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.JsonFormat;
import io.hearth.proto.v1.ActionChannel;
import io.hearth.proto.v1.ChannelDuration;
import io.hearth.proto.v1.PlanAgendaRequest;
import io.hearth.proto.v1.PlanAgendaResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgendaCommandTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void sendsBudgetOwnerAndDurationOverridesInTheGivenOrder() {
        CliResult result = hearth.run(
                "agenda",
                "--hours",
                "2",
                "--minutes",
                "30",
                "--owner",
                "alice",
                "--duration",
                "meeting=45m",
                "--duration",
                "phone=10m",
                "--duration",
                "video-call=1h5m",
                "--duration",
                "email=PT90S");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.onlyRequest(PlanAgendaRequest.class))
                .isEqualTo(PlanAgendaRequest.newBuilder()
                        .setOwner("alice")
                        .setTimeBudget(Durations.fromSeconds(9000))
                        .addTypicalDurations(duration(ActionChannel.ACTION_CHANNEL_MEETING, 45 * 60))
                        .addTypicalDurations(duration(ActionChannel.ACTION_CHANNEL_PHONE, 10 * 60))
                        .addTypicalDurations(duration(ActionChannel.ACTION_CHANNEL_VIDEO_CALL, 65 * 60))
                        .addTypicalDurations(duration(ActionChannel.ACTION_CHANNEL_EMAIL, 90))
                        .build());
    }

    @Test
    void textMessagesAndDirectMailHaveDurationsToo() {
        CliResult result = hearth.run("agenda", "--hours", "1", "--duration", "sms=1m", "--duration", "direct-mail=4m");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.onlyRequest(PlanAgendaRequest.class).getTypicalDurationsList())
                .containsExactly(
                        duration(ActionChannel.ACTION_CHANNEL_SMS, 60),
                        duration(ActionChannel.ACTION_CHANNEL_DIRECT_MAIL, 4 * 60));
    }

    @ParameterizedTest
    @CsvSource({"--hours, 2, 7200", "--minutes, 45, 2700", "--minutes, 90, 5400"})
    void eitherHoursOrMinutesMakeTheBudget(String option, String value, long seconds) {
        CliResult result = hearth.run("agenda", option, value);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.onlyRequest(PlanAgendaRequest.class))
                .isEqualTo(PlanAgendaRequest.newBuilder()
                        .setTimeBudget(Durations.fromSeconds(seconds))
                        .build());
    }

    @Test
    void tableListsThePlanAndTheFooterSumsItUp() {
        CliResult result = hearth.run("agenda", "--hours", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines())
                .containsExactly(
                        "#  LANE           PERSON        ACTION                   ESTIMATE  ID",
                        "1  speed-to-lead  Ada Lovelace  cold-call by phone       10m       ada1",
                        "2  sizzling       Grace Hopper  follow-up by video-call  30m       grace2",
                        "3  cold           Torvalds Inc  touch-base by postcard   1h15m     linus3",
                        "",
                        "planned 1h55m of 2h, 5m left, 3 skipped");
    }

    @Test
    void anEmptyPlanStillShowsTheFooter() {
        hearth.queue.agenda = PlanAgendaResponse.newBuilder()
                .setPlanned(Durations.ZERO)
                .setLeft(Durations.fromMinutes(20))
                .build();

        CliResult result = hearth.run("agenda", "--minutes", "20");

        assertThat(result.out().lines())
                .containsExactly("Nothing planned.", "", "planned 0s of 20m, 20m left, 0 skipped");
    }

    @Test
    void jsonPrintsTheResponse() throws InvalidProtocolBufferException {
        CliResult result = hearth.run("agenda", "--hours", "2", "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        PlanAgendaResponse.Builder printed = PlanAgendaResponse.newBuilder();
        JsonFormat.parser().merge(result.out(), printed);
        assertThat(printed.build()).isEqualTo(TestQueue.AGENDA);
        assertThat(result.out()).contains("\"planned\": \"6900s\"");
    }

    @Test
    void aBudgetIsRequired() {
        CliResult result = hearth.run("agenda", "--owner", "alice");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Give the time set aside with --hours and/or --minutes");
        assertThat(hearth.queue.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fax=10m", "phone=soon", "phone", "phone=-5m"})
    void badDurationsAreUsageErrors(String duration) {
        CliResult result = hearth.run("agenda", "--hours", "1", "--duration", duration);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(hearth.queue.requests()).isEmpty();
    }

    @Test
    void negativeHoursAreAUsageError() {
        CliResult result = hearth.run("agenda", "--hours", "-1", "--minutes", "90");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("must not be negative");
        assertThat(hearth.queue.requests()).isEmpty();
    }

    private static ChannelDuration duration(ActionChannel channel, long seconds) {
        return ChannelDuration.newBuilder()
                .setChannel(channel)
                .setDuration(Durations.fromSeconds(seconds))
                .build();
    }
}
