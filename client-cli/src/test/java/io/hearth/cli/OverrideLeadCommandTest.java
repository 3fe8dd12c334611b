package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.proto.v1.SetTemperatureOverrideRequest;
import io.hearth.proto.v1.Temperature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OverrideLeadCommandTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void pinsTheTemperatureWithReasonAndAuthor() {
        CliResult result = hearth.run(
                "leads",
                "override",
                "ada1",
                "--temperature",
                "cold",
                "--reason",
                "Went with a competitor",
                "--by",
                "alice");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.onlyRequest(SetTemperatureOverrideRequest.class))
                .isEqualTo(SetTemperatureOverrideRequest.newBuilder()
                        .setName("leads/ada1")
                        .setTemperature(Temperature.TEMPERATURE_COLD)
                        .setReason("Went with a competitor")
                        .setSetBy("alice")
                        .build());
        assertThat(result.out().lines())
                .contains(
                        "override:          hot by alice at 2026-11-20T09:00:00Z",
                        "override reason:   Asked for a quote");
    }

    @Test
    void clearSendsUnspecified() {
        CliResult result = hearth.run("leads", "override", "leads/ada1", "--clear");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.onlyRequest(SetTemperatureOverrideRequest.class))
                .isEqualTo(SetTemperatureOverrideRequest.newBuilder()
                        .setName("leads/ada1")
                        .setTemperature(Temperature.TEMPERATURE_UNSPECIFIED)
                        .build());
    }

    @Test
    void aReasonIsRequiredToPin() {
        assertUsageError(
                hearth.run("leads", "override", "ada1", "--temperature", "hot"),
                "--reason is required with --temperature");
    }

    @Test
    void aBlankReasonDoesNotCount() {
        assertUsageError(
                hearth.run("leads", "override", "ada1", "--temperature", "hot", "--reason", " "),
                "--reason is required with --temperature");
    }

    @Test
    void temperatureOrClearIsRequired() {
        assertUsageError(
                hearth.run("leads", "override", "ada1", "--reason", "why not"),
                "Give --temperature (with --reason) to pin a temperature, or --clear");
    }

    @Test
    void temperatureAndClearExcludeEachOther() {
        assertUsageError(
                hearth.run("leads", "override", "ada1", "--clear", "--temperature", "hot", "--reason", "x"),
                "--temperature and --clear exclude each other");
    }

    @Test
    void anUnknownTemperatureIsAUsageError() {
        assertUsageError(
                hearth.run("leads", "override", "ada1", "--temperature", "lukewarm", "--reason", "x"),
                "'lukewarm' is not one of hot, warm, cool, cold");
    }

    private void assertUsageError(CliResult result, String message) {
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(message);
        assertThat(hearth.queue.requests()).isEmpty();
    }
}
