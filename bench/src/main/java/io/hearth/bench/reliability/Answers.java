package io.hearth.bench.reliability;

import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The answers of a scenario's calls, counted by status code. A scenario names the refusals it
 * expects, each with its {@code ErrorInfo} reason: an answer with that code and reason counts
 * under the bare code ({@code ALREADY_EXISTS}); any other reason is counted as
 * {@code CODE/REASON}, and every code the scenario did not expect makes the check fail.
 */
final class Answers {
    private static final String OK = Status.Code.OK.name();

    /** A refusal the scenario expects; a null reason accepts any (a cut connection has none). */
    record Expected(Status.Code code, String reason) {
        boolean matches(Status.Code actual, Optional<String> actualReason) {
            return code == actual
                    && (reason == null || actualReason.filter(reason::equals).isPresent());
        }
    }

    private final Set<Expected> expected;
    private final Map<String, LongAdder> byLabel = new ConcurrentSkipListMap<>();
    private final Set<String> unexpected = new TreeSet<>();

    Answers(Expected... expected) {
        this.expected = Set.of(expected);
    }

    void ok() {
        count(OK);
    }

    /** Counts a failed call by its status; a failure that is no gRPC status is a bug of this check. */
    void failed(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        if (status.getCode() == Status.Code.UNKNOWN && status.getCause() != null) {
            throw new IllegalStateException("not an answer of the server", failure);
        }
        Optional<String> reason = reasonOf(failure);
        boolean isExpected = expected.stream().anyMatch(e -> e.matches(status.getCode(), reason));
        String label = isExpected
                ? status.getCode().name()
                : status.getCode().name() + reason.map(r -> "/" + r).orElse("");
        if (!isExpected) {
            synchronized (unexpected) {
                unexpected.add(label + ": " + status.getDescription());
            }
        }
        count(label);
    }

    private static Optional<String> reasonOf(Throwable failure) {
        com.google.rpc.Status details = StatusProto.fromThrowable(failure);
        if (details == null) {
            return Optional.empty();
        }
        return details.getDetailsList().stream()
                .filter(any -> any.is(ErrorInfo.class))
                .findFirst()
                .map(any -> {
                    try {
                        return any.unpack(ErrorInfo.class).getReason();
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        return "UNREADABLE_ERROR_INFO";
                    }
                });
    }

    private void count(String label) {
        byLabel.computeIfAbsent(label, l -> new LongAdder()).increment();
    }

    long calls() {
        return byLabel.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long count(Status.Code code) {
        LongAdder adder = byLabel.get(code.name());
        return adder == null ? 0 : adder.sum();
    }

    /** E.g. {@code OK=20 ALREADY_EXISTS=60}, OK first. */
    String summary() {
        Map<String, Long> counts = new TreeMap<>(
                Comparator.comparing((String label) -> !label.equals(OK)).thenComparing(Comparator.naturalOrder()));
        byLabel.forEach((label, n) -> counts.put(label, n.sum()));
        return counts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** Each unexpected answer once, with the server's message. */
    Set<String> unexpected() {
        synchronized (unexpected) {
            return Set.copyOf(unexpected);
        }
    }
}
