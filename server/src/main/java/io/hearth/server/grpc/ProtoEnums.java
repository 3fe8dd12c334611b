package io.hearth.server.grpc;

import io.hearth.core.query.EnumValues;

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
        return Enum.valueOf(proto, prefix + (domain == null ? "UNSPECIFIED" : domain.name()));
    }
}
