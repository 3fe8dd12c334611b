package io.hearth.server.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.MaskField;
import io.hearth.core.person.PersonField;
import io.hearth.core.person.PersonFields;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields every person has, between a proto {@code Lead} or {@code Contact} and
 * {@link PersonFields}: mapped once, by field name, since both messages declare them alike (the
 * names of {@link PersonField}, plus {@code display_name}). A message lacking one of them fails at
 * its first use, and {@code PersonMessagesTest} checks both messages.
 */
final class PersonMessages {
    private static final String SOURCE_PREFIX = "LEAD_SOURCE_";

    private PersonMessages() {}

    /**
     * The person's fields in {@code message}; an unset source becomes {@code null}.
     *
     * @param resource the request field holding the message ({@code lead}, {@code contact}), for
     *     naming a bad field in errors
     */
    static PersonFields read(MessageOrBuilder message, String resource) {
        Descriptor type = message.getDescriptorForType();
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) message.getField(field(type, PersonField.TAGS));
        return new PersonFields(
                text(message, PersonField.GIVEN_NAME),
                text(message, PersonField.FAMILY_NAME),
                text(message, PersonField.COMPANY),
                text(message, PersonField.TITLE),
                text(message, PersonField.EMAIL),
                text(message, PersonField.PHONE),
                ProtoEnums.toDomain(source(message), LeadSource.class, SOURCE_PREFIX, resource + ".source"),
                text(message, PersonField.OWNER),
                text(message, PersonField.NOTES),
                tags);
    }

    /** Sets the person's fields (and its display name) on {@code builder}; absent text is left empty. */
    static void write(Message.Builder builder, PersonFields person) {
        Fields fields = fields(builder.getDescriptorForType());
        String displayName = person.displayName();
        builder.setField(fields.displayName(), displayName == null ? "" : displayName);
        setText(builder, fields, PersonField.GIVEN_NAME, person.givenName());
        setText(builder, fields, PersonField.FAMILY_NAME, person.familyName());
        setText(builder, fields, PersonField.COMPANY, person.company());
        setText(builder, fields, PersonField.TITLE, person.title());
        setText(builder, fields, PersonField.EMAIL, person.email());
        setText(builder, fields, PersonField.PHONE, person.phone());
        setText(builder, fields, PersonField.OWNER, person.owner());
        setText(builder, fields, PersonField.NOTES, person.notes());
        builder.setField(fields.of(PersonField.TAGS), person.tags());
        io.hearth.proto.v1.LeadSource source =
                ProtoEnums.toProto(person.source(), io.hearth.proto.v1.LeadSource.class, SOURCE_PREFIX);
        builder.setField(fields.of(PersonField.SOURCE), source.getValueDescriptor());
    }

    /** AIP-134: without an update mask, every field the caller set is updated; these are the person's. */
    static Set<MaskField> fieldsSetIn(MessageOrBuilder message) {
        Set<MaskField> set = new LinkedHashSet<>();
        Descriptor type = message.getDescriptorForType();
        for (PersonField f : PersonField.values()) {
            FieldDescriptor descriptor = field(type, f);
            boolean isSet = descriptor.isRepeated()
                    ? message.getRepeatedFieldCount(descriptor) > 0
                    : descriptor.getJavaType() == FieldDescriptor.JavaType.ENUM
                            ? ((EnumValueDescriptor) message.getField(descriptor)).getNumber() != 0
                            : !((String) message.getField(descriptor)).isEmpty();
            if (isSet) {
                set.add(f);
            }
        }
        return set;
    }

    private static io.hearth.proto.v1.LeadSource source(MessageOrBuilder message) {
        EnumValueDescriptor value =
                (EnumValueDescriptor) message.getField(field(message.getDescriptorForType(), PersonField.SOURCE));
        io.hearth.proto.v1.LeadSource known = io.hearth.proto.v1.LeadSource.forNumber(value.getNumber());
        return known == null ? io.hearth.proto.v1.LeadSource.UNRECOGNIZED : known;
    }

    private static String text(MessageOrBuilder message, PersonField f) {
        return (String) message.getField(field(message.getDescriptorForType(), f));
    }

    private static void setText(Message.Builder builder, Fields fields, PersonField f, String value) {
        builder.setField(fields.of(f), value == null ? "" : value);
    }

    private static FieldDescriptor field(Descriptor type, PersonField f) {
        return fields(type).of(f);
    }

    private static Fields fields(Descriptor type) {
        return FIELDS.computeIfAbsent(type, Fields::of);
    }

    private static FieldDescriptor field(Descriptor type, String name) {
        FieldDescriptor descriptor = type.findFieldByName(name);
        if (descriptor == null) {
            throw new IllegalStateException(type.getFullName() + " lacks the person field " + name);
        }
        return descriptor;
    }

    /**
     * Each message type's person fields, looked up by name once: looking them up on every call
     * (the lower-cased name, then the descriptor's symbol table under the full name) was a twentieth
     * of a {@code GetLead}'s CPU.
     */
    private static final Map<Descriptor, Fields> FIELDS = new ConcurrentHashMap<>();

    private record Fields(FieldDescriptor displayName, FieldDescriptor[] byPerson) {
        FieldDescriptor of(PersonField f) {
            return byPerson[f.ordinal()];
        }

        static Fields of(Descriptor type) {
            PersonField[] all = PersonField.values();
            FieldDescriptor[] byPerson = new FieldDescriptor[all.length];
            for (PersonField f : all) {
                byPerson[f.ordinal()] = field(type, f.name().toLowerCase(Locale.ROOT));
            }
            return new Fields(field(type, "display_name"), byPerson);
        }
    }
}
