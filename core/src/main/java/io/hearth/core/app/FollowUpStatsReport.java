package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.Scope;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.FollowUpStats;
import io.hearth.core.touch.FollowUpStatsStore;
import io.hearth.core.touch.StatsPeriod;
import io.hearth.core.touch.Touch;
import io.hearth.core.touch.TouchKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/** Computes the follow-up statistics of a period from the stored facts, read in one transaction. */
public final class FollowUpStatsReport {
    private final FollowUpStatsStore store;
    private final Transactor transactor;
    private final CurrentCaller caller;

    /** @param caller who each report is for: it counts the people in the caller's scope only */
    public FollowUpStatsReport(FollowUpStatsStore store, Transactor transactor, CurrentCaller caller) {
        this.caller = requireNonNull(caller, "caller is null");
        this.store = requireNonNull(store, "store is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
    }

    public FollowUpStats report(StatsPeriod period) {
        Scope scope = caller.scope();
        return transactor.inTransaction(() -> compute(
                store.touches(period, scope),
                store.leadsCreated(period, scope),
                store.touchesBeforeConversion(period, scope),
                store.movedToDrip(period, scope)));
    }

    static FollowUpStats compute(
            List<Touch> touches,
            List<FollowUpStatsStore.LeadConversionFact> leads,
            List<Integer> touchesBeforeConversion,
            int movedToDrip) {
        Map<Channel, Map<TouchKind, Integer>> byChannelAndKind = new EnumMap<>(Channel.class);
        for (Touch touch : touches) {
            byChannelAndKind
                    .computeIfAbsent(touch.channel(), c -> new EnumMap<>(TouchKind.class))
                    .merge(touch.kind(), 1, Integer::sum);
        }
        List<FollowUpStats.ChannelKindCount> counts = new ArrayList<>();
        byChannelAndKind.forEach((channel, kinds) ->
                kinds.forEach((kind, n) -> counts.add(new FollowUpStats.ChannelKindCount(channel, kind, n))));

        List<FollowUpStats.Rate<Channel>> byChannel = rates(
                touches,
                Touch::channel,
                new EnumMap<>(Channel.class),
                t -> t.outcome().isPositive());
        List<FollowUpStats.Rate<Integer>> byNumber = rates(
                touches.stream().filter(t -> t.followUpNumber() != null).toList(),
                Touch::followUpNumber,
                new TreeMap<>(),
                t -> t.outcome().isPositive());
        List<FollowUpStats.Rate<LeadSource>> bySource = rates(
                leads,
                FollowUpStatsStore.LeadConversionFact::source,
                new EnumMap<>(LeadSource.class),
                FollowUpStatsStore.LeadConversionFact::converted);
        return new FollowUpStats(
                counts,
                byChannel,
                byNumber,
                bySource,
                median(touchesBeforeConversion),
                touchesBeforeConversion.size(),
                movedToDrip);
    }

    private static <T, K> List<FollowUpStats.Rate<K>> rates(
            List<T> items, Function<T, K> key, Map<K, int[]> tally, Predicate<T> hit) {
        for (T item : items) {
            int[] counts = tally.computeIfAbsent(key.apply(item), k -> new int[2]);
            counts[0]++;
            if (hit.test(item)) {
                counts[1]++;
            }
        }
        List<FollowUpStats.Rate<K>> result = new ArrayList<>();
        tally.forEach((k, c) -> result.add(new FollowUpStats.Rate<>(k, c[0], c[1])));
        return result;
    }

    private static OptionalDouble median(List<Integer> values) {
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<Integer> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return OptionalDouble.of(
                sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0);
    }
}
