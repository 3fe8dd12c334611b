package io.hearth.cli;

import io.hearth.proto.v1.SetTemperatureOverrideRequest;
import io.hearth.proto.v1.Temperature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth leads override ID}: pins the rep's temperature over the model's until cleared.
 * Clearing sends TEMPERATURE_UNSPECIFIED.
 */
@Command(
        name = "override",
        description = {
            "Pin your own temperature over the model's, with a reason; --clear removes the pin.",
            "The pin survives every recomputation until cleared."
        })
final class OverrideLeadCommand extends ProfileRpcCommand {

    @Option(
            names = "--temperature",
            paramLabel = "TEMP",
            completionCandidates = EnumNames.TemperatureNames.class,
            description = "The temperature to pin: ${COMPLETION-CANDIDATES}.")
    Temperature temperature;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            description = "Why (required with --temperature, at most 500 characters).")
    String reason = "";

    @Option(names = "--by", paramLabel = "USER", description = "Who pins it.")
    String by = "";

    @Option(names = "--clear", description = "Remove the pin; the model's temperature applies again.")
    boolean clear;

    @Override
    void execute() {
        if (clear == (temperature != null)) {
            throw usageError(
                    clear
                            ? "--temperature and --clear exclude each other"
                            : "Give --temperature (with --reason) to pin a temperature," + " or --clear");
        }
        if (!clear && reason.isBlank()) {
            throw usageError("--reason is required with --temperature: say why you override");
        }
        SetTemperatureOverrideRequest request = SetTemperatureOverrideRequest.newBuilder()
                .setName(name)
                .setTemperature(clear ? Temperature.TEMPERATURE_UNSPECIFIED : temperature)
                .setReason(reason.strip())
                .setSetBy(by)
                .build();
        printProfile(queueService().setTemperatureOverride(request));
    }
}
