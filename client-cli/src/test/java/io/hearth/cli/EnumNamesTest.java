package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void displaysUnspecifiedAsEmptyAndUnknownNumbersAsNumbers() {
        assertThat(EnumNames.display(LeadStatus.getDescriptor(), 0)).isEmpty();
        assertThat(EnumNames.display(LeadStatus.getDescriptor(), 3)).isEqualTo("qualified");
        assertThat(EnumNames.display(LeadStatus.getDescriptor(), 42)).isEqualTo("42");
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
