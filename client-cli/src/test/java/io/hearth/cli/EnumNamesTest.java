package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.ProtocolMessageEnum;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.Temperature;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

class EnumNamesTest {

    @Test
    void dropsThePrefixLowerCasesAndUsesDashes() {
        assertThat(EnumNames.cliName(LeadSource.LEAD_SOURCE_PURCHASED_LIST.getValueDescriptor()))
                .isEqualTo("purchased-list");
        assertThat(EnumNames.cliName(LeadStatus.LEAD_STATUS_UNQUALIFIED.getValueDescriptor()))
                .isEqualTo("unqualified");
        assertThat(EnumNames.cliName(Temperature.TEMPERATURE_HOT.getValueDescriptor()))
                .isEqualTo("hot");
    }

    @Test
    void shortNameIsTheFilterSpelling() {
        assertThat(EnumNames.shortName(LeadSource.LEAD_SOURCE_TRADE_SHOW.getValueDescriptor()))
                .isEqualTo("TRADE_SHOW");
    }

    @Test
    void choicesLeaveOutTheUnspecifiedValue() {
        assertThat(EnumNames.cliNames(Temperature.getDescriptor())).containsExactly("hot", "warm", "cool", "cold");
    }

    /** The tables spell values from the Java enum, the converters and help from the descriptor. */
    @ParameterizedTest
    @MethodSource("everyEnumOfTheApi")
    void theJavaEnumAndTheDescriptorSpellEveryValueAlike(EnumDescriptor type) throws Exception {
        Class<?> java = Class.forName(javaName(type));
        for (Object constant : java.getEnumConstants()) {
            if (!((Enum<?>) constant).name().equals("UNRECOGNIZED")) {
                ProtocolMessageEnum value = (ProtocolMessageEnum) constant;
                if (value.getNumber() != 0) {
                    assertThat(EnumNames.cliName(value))
                            .as(value.toString())
                            .isEqualTo(EnumNames.cliName(value.getValueDescriptor()));
                }
            }
        }
    }

    /** Every enum of every .proto file of the API, nested ones included. */
    static Stream<EnumDescriptor> everyEnumOfTheApi() {
        return Stream.of(
                        io.hearth.proto.v1.AdminProto.getDescriptor(),
                        io.hearth.proto.v1.CadenceProto.getDescriptor(),
                        io.hearth.proto.v1.ContactProto.getDescriptor(),
                        io.hearth.proto.v1.FollowUpProto.getDescriptor(),
                        io.hearth.proto.v1.LeadProto.getDescriptor(),
                        io.hearth.proto.v1.OpportunityProto.getDescriptor(),
                        io.hearth.proto.v1.QueueProto.getDescriptor(),
                        io.hearth.proto.v1.SyncProto.getDescriptor(),
                        io.hearth.proto.v1.TeamProto.getDescriptor())
                .flatMap(file -> Stream.concat(
                        file.getEnumTypes().stream(),
                        file.getMessageTypes().stream().flatMap(EnumNamesTest::enums)));
    }

    private static Stream<EnumDescriptor> enums(Descriptor message) {
        return Stream.concat(
                message.getEnumTypes().stream(),
                message.getNestedTypes().stream().flatMap(EnumNamesTest::enums));
    }

    private static String javaName(EnumDescriptor type) {
        StringBuilder name = new StringBuilder(type.getName());
        for (Descriptor outer = type.getContainingType(); outer != null; outer = outer.getContainingType()) {
            name.insert(0, outer.getName() + "$");
        }
        return type.getFile().getOptions().getJavaPackage() + "." + name;
    }

    @Test
    void displaysUnspecifiedAsEmptyAndUnknownNumbersAsNumbers() {
        assertThat(EnumNames.display(LeadStatus::forNumber, 0)).isEmpty();
        assertThat(EnumNames.display(LeadStatus::forNumber, 3)).isEqualTo("qualified");
        assertThat(EnumNames.display(LeadStatus::forNumber, 42)).isEqualTo("42");
    }

    static Stream<Arguments> everyChoosableValue() {
        return Stream.of(
                        values(LeadSource.getDescriptor(), LeadSource::forNumber),
                        values(LeadStatus.getDescriptor(), LeadStatus::forNumber),
                        values(Temperature.getDescriptor(), Temperature::forNumber))
                .flatMap(values -> values);
    }

    private static Stream<Arguments> values(EnumDescriptor type, IntFunction<? extends ProtocolMessageEnum> forNumber) {
        return type.getValues().stream()
                .filter(value -> value.getNumber() != 0)
                .map(value -> Arguments.of(value, forNumber.apply(value.getNumber()), forNumber));
    }

    @ParameterizedTest
    @MethodSource("everyChoosableValue")
    <E extends ProtocolMessageEnum> void convertsEveryCliNameBack(
            EnumValueDescriptor value, E expected, IntFunction<E> forNumber) throws Exception {
        ITypeConverter<E> converter = EnumNames.converter(value::getType, forNumber);

        assertThat(converter.convert(EnumNames.cliName(value))).isEqualTo(expected);
        assertThat(converter.convert(EnumNames.shortName(value))).isEqualTo(expected);
    }

    @Test
    void rejectsTheUnspecifiedValueAndUnknownNames() {
        ITypeConverter<Temperature> converter = EnumNames.converter(Temperature::getDescriptor, Temperature::forNumber);

        assertThatThrownBy(() -> converter.convert("unspecified"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'unspecified' is not one of hot, warm, cool, cold");
        assertThatThrownBy(() -> converter.convert("lukewarm")).isInstanceOf(TypeConversionException.class);
    }
}
