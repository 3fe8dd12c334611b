package io.hearth.cli;

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.ProtocolMessageEnum;
import io.hearth.proto.v1.ActionChannel;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.Temperature;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Spells proto enum values the way people type them: without the enum's prefix, lower-case, with
 * dashes ({@code LEAD_SOURCE_TRADE_SHOW} is {@code trade-show}). The prefix is read off the zero
 * value, which AIP-126 names {@code <PREFIX>_UNSPECIFIED}.
 */
final class EnumNames {

    private static final String UNSPECIFIED = "UNSPECIFIED";

    /** The CLI spelling of the unspecified value where "not known" is a meaningful answer. */
    static final String UNKNOWN = "unknown";

    private EnumNames() {}

    /** The CLI spelling, e.g. {@code trade-show}. */
    static String cliName(EnumValueDescriptor value) {
        return shortName(value).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value name without its prefix, as list filters use it, e.g. {@code TRADE_SHOW}. */
    static String shortName(EnumValueDescriptor value) {
        return value.getName().substring(prefix(value.getType()).length());
    }

    /**
     * The CLI spelling of {@code value}, read off the generated Java enum, whose constants carry the
     * proto names, instead of the descriptor: building a descriptor builds its whole .proto file,
     * which cost a table of leads about a tenth of its CPU. Proto3 puts the zero value first.
     */
    static String cliName(ProtocolMessageEnum value) {
        Enum<?> constant = (Enum<?>) value;
        String zeroName = constant.getDeclaringClass().getEnumConstants()[0].name();
        return constant.name()
                .substring(prefix(zeroName).length())
                .toLowerCase(Locale.ROOT)
                .replace('_', '-');
    }

    /**
     * The CLI spelling of the value numbered {@code number}: empty for the unspecified value, the
     * number itself for a value newer than this client.
     */
    static String display(IntFunction<? extends ProtocolMessageEnum> forNumber, int number) {
        ProtocolMessageEnum value = forNumber.apply(number);
        if (value == null) {
            return Integer.toString(number);
        }
        return number == 0 ? "" : cliName(value);
    }

    /** The CLI spellings of all values a user may choose, i.e. all but the unspecified one. */
    static List<String> cliNames(EnumDescriptor type) {
        return type.getValues().stream()
                .filter(value -> value.getNumber() != 0)
                .map(EnumNames::cliName)
                .toList();
    }

    /**
     * Converts a CLI spelling (or the bare value name, e.g. TRADE_SHOW) to the enum value. The
     * descriptor is asked for when a value is converted: building it builds its whole .proto file,
     * which a command that has no such option need not pay for.
     */
    static <E extends ProtocolMessageEnum> ITypeConverter<E> converter(
            Supplier<EnumDescriptor> descriptor, IntFunction<E> forNumber) {
        return text -> {
            EnumDescriptor type = descriptor.get();
            String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            return type.getValues().stream()
                    .filter(value -> value.getNumber() != 0 && cliName(value).equals(wanted))
                    .findFirst()
                    .map(value -> forNumber.apply(value.getNumber()))
                    .orElseThrow(() -> new TypeConversionException(
                            "'" + text + "' is not one of " + String.join(", ", cliNames(type))));
        };
    }

    /**
     * Like {@link #converter}, but {@code unknown} is accepted too and means the unspecified
     * value, for enums whose zero value is a real answer ("not asked yet").
     */
    static <E extends ProtocolMessageEnum> ITypeConverter<E> converterWithUnknown(
            Supplier<EnumDescriptor> descriptor, IntFunction<E> forNumber) {
        ITypeConverter<E> named = converter(descriptor, forNumber);
        return text -> {
            if (text.trim().equalsIgnoreCase(UNKNOWN)) {
                return forNumber.apply(0);
            }
            try {
                return named.convert(text);
            } catch (TypeConversionException e) {
                throw new TypeConversionException(e.getMessage() + ", " + UNKNOWN);
            }
        };
    }

    private static String prefix(EnumDescriptor type) {
        return prefix(type.findValueByNumber(0).getName());
    }

    private static String prefix(String zeroName) {
        if (!zeroName.endsWith(UNSPECIFIED)) {
            throw new IllegalArgumentException(zeroName + " is not an *_UNSPECIFIED zero value");
        }
        return zeroName.substring(0, zeroName.length() - UNSPECIFIED.length());
    }

    /** Choices shown in help for {@code --source}. */
    static final class SourceNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return cliNames(LeadSource.getDescriptor()).iterator();
        }
    }

    /** Choices shown in help for {@code --status}. */
    static final class StatusNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return cliNames(LeadStatus.getDescriptor()).iterator();
        }
    }

    /** Choices shown in help for {@code --temperature}. */
    static final class TemperatureNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return cliNames(Temperature.getDescriptor()).iterator();
        }
    }

    /** Choices shown in help for {@code --duration}. */
    static final class ChannelNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return cliNames(ActionChannel.getDescriptor()).iterator();
        }
    }
}
