package io.hearth.server.grpc;

import io.hearth.core.query.EnumValues;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Domain enums to and from proto enums whose values are the domain names behind a prefix
 * ({@code CONTACT_KIND_SUPPLIER} for {@code SUPPLIER}).
 */
final class ProtoEnums {
    private ProtoEnums() {}

    /**
     * @return {@code null} for the {@code _UNSPECIFIED} value
     * @param field the request field, named when the number is unknown to this server
     */
    static <D extends Enum<D>> D toDomain(Enum<?> proto, Class<D> domain, String prefix, String field) {
        String name = proto.name();
        if (name.equals(prefix + "UNSPECIFIED")) {
            return null;
        }
        // UNRECOGNIZED (a number this server's protos lack) has no prefix and names no domain value
        return EnumValues.known(domain, name.startsWith(prefix) ? name.substring(prefix.length()) : name, field);
    }

    static <P extends Enum<P>> P toProto(Enum<?> domain, Class<P> proto, String prefix) {
        if (domain == null || !prefix.equals(PREFIXES.get(proto))) {
            return Enum.valueOf(proto, prefix + (domain == null ? "UNSPECIFIED" : domain.name()));
        }
        // remembered: joining and looking up the name was 6 % of a queue read's CPU (50 items, a
        // few enums each)
        return proto.cast(TO_PROTO.get(proto).computeIfAbsent(domain, d -> Enum.valueOf(proto, prefix + d.name())));
    }

    /** Each proto enum's own prefix: its zero value's name without {@code UNSPECIFIED}. */
    private static final ClassValue<String> PREFIXES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> proto) {
            Object[] values = proto.getEnumConstants();
            String zero = values == null || values.length == 0 ? "" : ((Enum<?>) values[0]).name();
            return zero.endsWith("UNSPECIFIED") ? zero.substring(0, zero.length() - "UNSPECIFIED".length()) : null;
        }
    };

    /** Per proto enum, the value each domain value maps to, under the enum's own prefix. */
    private static final ClassValue<Map<Enum<?>, Enum<?>>> TO_PROTO = new ClassValue<>() {
        @Override
        protected Map<Enum<?>, Enum<?>> computeValue(Class<?> proto) {
            return new ConcurrentHashMap<>();
        }
    };
}
