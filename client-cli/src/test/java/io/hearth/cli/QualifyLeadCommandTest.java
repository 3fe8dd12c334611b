package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.Date;
import com.google.type.Money;

import io.hearth.proto.v1.Bant;
import io.hearth.proto.v1.BantAnswer;
import io.hearth.proto.v1.GetLeadProfileRequest;
import io.hearth.proto.v1.Qualification;
import io.hearth.proto.v1.QualifyLeadRequest;
import io.hearth.proto.v1.ReferralKind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

class QualifyLeadCommandTest {

    @RegisterExtension final InProcessHearth hearth = new InProcessHearth();

    @Test
    void fetchesTheProfileFirstThenSendsItsQualificationWithOnlyTheGivenFieldsChanged() {
        CliResult result = hearth.run("leads", "qualify", "ada1", "--authority", "yes", "--level", "5");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.requests())
                .containsExactly(
                        GetLeadProfileRequest.newBuilder().setName("leads/ada1").build(),
                        QualifyLeadRequest.newBuilder()
                                .setName("leads/ada1")
                                .setQualification(
                                        TestQueue.QUALIFICATION.toBuilder()
                                                .setBant(
                                                        TestQueue.QUALIFICATION.getBant().toBuilder()
                                                                .setAuthority(
                                                                        BantAnswer.BANT_ANSWER_YES))
                                                .setLeadLevel(5))
                                .build());
    }

    @Test
    void mapsEveryOptionOntoAnEmptyQualification() {
        hearth.queue.profile =
                TestQueue.PROFILE.toBuilder().setQualification(Qualification.getDefaultInstance()).build();

        CliResult result =
                hearth.run(
                        "leads", "qualify", "leads/ada1",
                        "--need-by", "2026-12-15",
                        "--value", "25000.50",
                        "--currency", "usd",
                        "--referral", "fan",
                        "--budget", "yes",
                        "--authority", "no",
                        "--need", "yes",
                        "--timescale", "yes",
                        "--level", "6",
                        "--note", "Wants it before Christmas");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(sentQualification())
                .isEqualTo(
                        Qualification.newBuilder()
                                .setNeedBy(Date.newBuilder().setYear(2026).setMonth(12).setDay(15))
                                .setEstimatedValue(
                                        Money.newBuilder()
                                                .setCurrencyCode("USD")
                                                .setUnits(25000)
                                                .setNanos(500_000_000))
                                .setReferral(ReferralKind.REFERRAL_KIND_FAN)
                                .setBant(
                                        Bant.newBuilder()
                                                .setBudget(BantAnswer.BANT_ANSWER_YES)
                                                .setAuthority(BantAnswer.BANT_ANSWER_NO)
                                                .setNeed(BantAnswer.BANT_ANSWER_YES)
                                                .setTimescale(BantAnswer.BANT_ANSWER_YES))
                                .setLeadLevel(6)
                                .setNote("Wants it before Christmas")
                                .build());
    }

    @ParameterizedTest
    @CsvSource({
        "25000,       25000, 0",
        "25000.50,    25000, 500000000",
        "0.01,        0,     10000000",
        "1234567.123456789, 1234567, 123456789"
    })
    void valueBecomesUnitsAndNanosInTheRecordedCurrency(String value, long units, int nanos) {
        CliResult result = hearth.run("leads", "qualify", "ada1", "--value", value);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(sentQualification().getEstimatedValue())
                .isEqualTo(
                        Money.newBuilder()
                                .setCurrencyCode("USD")
                                .setUnits(units)
                                .setNanos(nanos)
                                .build());
    }

    @Test
    void currencyAloneChangesTheCurrencyOfTheRecordedValue() {
        CliResult result = hearth.run("leads", "qualify", "ada1", "--currency", "EUR");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(sentQualification().getEstimatedValue())
                .isEqualTo(
                        Money.newBuilder()
                                .setCurrencyCode("EUR")
                                .setUnits(25000)
                                .setNanos(500_000_000)
                                .build());
    }

    @Test
    void unknownClearsValuesAndAnswers() {
        CliResult result =
                hearth.run(
                        "leads", "qualify", "ada1",
                        "--need-by", "unknown",
                        "--value", "unknown",
                        "--referral", "unknown",
                        "--budget", "unknown",
                        "--note", "");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Qualification sent = sentQualification();
        assertThat(sent.hasNeedBy()).isFalse();
        assertThat(sent.hasEstimatedValue()).isFalse();
        assertThat(sent.getReferral()).isEqualTo(ReferralKind.REFERRAL_KIND_UNSPECIFIED);
        assertThat(sent.getBant().getBudget()).isEqualTo(BantAnswer.BANT_ANSWER_UNSPECIFIED);
        assertThat(sent.getNote()).isEmpty();
        // untouched
        assertThat(sent.getBant().getNeed()).isEqualTo(BantAnswer.BANT_ANSWER_YES);
        assertThat(sent.getLeadLevel()).isEqualTo(4);
    }

    @Test
    void theOutputOnlyQualifiedFlagIsNotSentBack() {
        hearth.queue.profile =
                TestQueue.PROFILE.toBuilder()
                        .setQualification(TestQueue.QUALIFICATION.toBuilder().setQualified(true))
                        .build();

        hearth.run("leads", "qualify", "ada1", "--note", "ok");

        assertThat(sentQualification().getQualified()).isFalse();
    }

    @Test
    void printsTheResultingProfile() {
        CliResult result = hearth.run("leads", "qualify", "ada1", "--timescale", "yes");

        assertThat(result.out().lines())
                .contains("lead:              leads/ada1", "timescale:         yes");
    }

    @Test
    void aValueWithoutAnyCurrencyIsAUsageError() {
        hearth.queue.profile =
                TestQueue.PROFILE.toBuilder().setQualification(Qualification.getDefaultInstance()).build();

        CliResult result = hearth.run("leads", "qualify", "ada1", "--value", "100");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--value needs --currency");
        assertThat(hearth.queue.requests(QualifyLeadRequest.class)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--level|7|is not between 0 and 6",
                "--level|-1|is not between 0 and 6",
                "--need-by|15.12.2026|is not a date like 2026-12-15",
                "--need-by|2026-02-30|is not a date like 2026-12-15",
                "--value|lots|is not an amount",
                "--value|-5|must not be negative",
                "--value|0.0000000001|more than 9 decimals",
                "--currency|dollars|is not an ISO 4217 code",
                "--budget|maybe|'maybe' is not one of yes, no, unknown",
                "--referral|friend|'friend' is not one of none, champion, fan, unknown"
            })
    void badValuesAreUsageErrorsBeforeAnyCall(String option, String value, String message) {
        CliResult result = hearth.run("leads", "qualify", "ada1", option, value);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(message).contains("Usage: hearth leads qualify");
        assertThat(hearth.queue.requests()).isEmpty();
    }

    @Test
    void noOptionIsAUsageError() {
        CliResult result = hearth.run("leads", "qualify", "ada1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Nothing to qualify");
        assertThat(hearth.queue.requests()).isEmpty();
    }

    private Qualification sentQualification() {
        List<QualifyLeadRequest> sent = hearth.queue.requests(QualifyLeadRequest.class);
        assertThat(sent).hasSize(1);
        return sent.get(0).getQualification();
    }
}
