package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.type.Date;
import com.google.type.Money;
import io.grpc.Status;
import io.hearth.proto.v1.Bant;
import io.hearth.proto.v1.BantAnswer;
import io.hearth.proto.v1.GetLeadProfileRequest;
import io.hearth.proto.v1.Qualification;
import io.hearth.proto.v1.QualifyLeadRequest;
import io.hearth.proto.v1.ReferralKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QualifyLeadCommandTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void sendsOnlyTheGivenOptionsWithAMaskNamingThemAndNoRead() {
        CliResult result = hearth.run("leads", "qualify", "ada1", "--authority", "yes", "--level", "5");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.requests())
                .containsExactly(QualifyLeadRequest.newBuilder()
                        .setName("leads/ada1")
                        .setQualification(Qualification.newBuilder()
                                .setBant(Bant.newBuilder().setAuthority(BantAnswer.BANT_ANSWER_YES))
                                .setLeadLevel(5))
                        .setUpdateMask(FieldMask.newBuilder()
                                .addPaths("bant.authority")
                                .addPaths("lead_level"))
                        .build());
    }

    @Test
    void mapsEveryOptionOntoItsFieldAndMaskPath() {
        CliResult result = hearth.run(
                "leads",
                "qualify",
                "leads/ada1",
                "--need-by",
                "2026-12-15",
                "--value",
                "25000.50",
                "--currency",
                "usd",
                "--referral",
                "fan",
                "--budget",
                "yes",
                "--authority",
                "no",
                "--need",
                "yes",
                "--timescale",
                "yes",
                "--level",
                "6",
                "--note",
                "Wants it before Christmas",
                "--etag",
                "\"7\"");

        assertThat(result.exitCode()).as(result.err()).isZero();
        QualifyLeadRequest sent = hearth.queue.onlyRequest(QualifyLeadRequest.class);
        assertThat(sent.getQualification())
                .isEqualTo(Qualification.newBuilder()
                        .setNeedBy(Date.newBuilder().setYear(2026).setMonth(12).setDay(15))
                        .setEstimatedValue(Money.newBuilder()
                                .setCurrencyCode("USD")
                                .setUnits(25000)
                                .setNanos(500_000_000))
                        .setReferral(ReferralKind.REFERRAL_KIND_FAN)
                        .setBant(Bant.newBuilder()
                                .setBudget(BantAnswer.BANT_ANSWER_YES)
                                .setAuthority(BantAnswer.BANT_ANSWER_NO)
                                .setNeed(BantAnswer.BANT_ANSWER_YES)
                                .setTimescale(BantAnswer.BANT_ANSWER_YES))
                        .setLeadLevel(6)
                        .setNote("Wants it before Christmas")
                        .setEtag("\"7\"")
                        .build());
        assertThat(sent.getUpdateMask().getPathsList())
                .containsExactly(
                        "need_by",
                        "estimated_value",
                        "referral",
                        "bant.budget",
                        "bant.authority",
                        "bant.need",
                        "bant.timescale",
                        "lead_level",
                        "note");
    }

    @ParameterizedTest
    @CsvSource({
        "25000,       25000, 0",
        "25000.50,    25000, 500000000",
        "0.01,        0,     10000000",
        "1234567.123456789, 1234567, 123456789"
    })
    void valueWithoutCurrencyTakesTheRecordedCurrency(String value, long units, int nanos) {
        CliResult result = hearth.run("leads", "qualify", "ada1", "--value", value);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.requests(GetLeadProfileRequest.class)).hasSize(1);
        assertThat(sentQualification().getEstimatedValue())
                .isEqualTo(Money.newBuilder()
                        .setCurrencyCode("USD")
                        .setUnits(units)
                        .setNanos(nanos)
                        .build());
        assertThat(sentMask()).containsExactly("estimated_value");
    }

    @Test
    void currencyAloneChangesTheCurrencyOfTheRecordedValue() {
        CliResult result = hearth.run("leads", "qualify", "ada1", "--currency", "EUR");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(sentQualification().getEstimatedValue())
                .isEqualTo(Money.newBuilder()
                        .setCurrencyCode("EUR")
                        .setUnits(25000)
                        .setNanos(500_000_000)
                        .build());
    }

    @Test
    void unknownClearsValuesAndAnswersByNamingThemUnset() {
        CliResult result = hearth.run(
                "leads",
                "qualify",
                "ada1",
                "--need-by",
                "unknown",
                "--value",
                "unknown",
                "--referral",
                "unknown",
                "--budget",
                "unknown",
                "--note",
                "");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.queue.requests(GetLeadProfileRequest.class)).isEmpty();
        assertThat(sentQualification())
                .isEqualTo(Qualification.newBuilder()
                        .setBant(Bant.getDefaultInstance())
                        .build());
        assertThat(sentMask()).containsExactly("need_by", "estimated_value", "referral", "bant.budget", "note");
    }

    @Test
    void aStaleEtagIsReportedAsAFailedCall() {
        hearth.queue.failure = Status.ABORTED
                .withDescription("the qualification of leads/ada1 was changed by someone else (etag"
                        + " \"6\" is stale, current is \"7\"); get it again and retry")
                .asRuntimeException();

        CliResult result = hearth.run("leads", "qualify", "ada1", "--note", "x", "--etag", "\"6\"");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("etag \"6\" is stale");
        assertThat(hearth.queue
                        .onlyRequest(QualifyLeadRequest.class)
                        .getQualification()
                        .getEtag())
                .isEqualTo("\"6\"");
    }

    @Test
    void printsTheResultingProfile() {
        CliResult result = hearth.run("leads", "qualify", "ada1", "--timescale", "yes");

        assertThat(result.out().lines()).contains("lead:              leads/ada1", "timescale:         yes");
    }

    @Test
    void aValueWithoutAnyCurrencyIsAUsageError() {
        hearth.queue.profile = TestQueue.PROFILE.toBuilder()
                .setQualification(Qualification.getDefaultInstance())
                .build();

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
        assertThat(result.err().lines()).hasSize(2);
        assertThat(result.err()).contains(message).contains("hint: run 'hearth leads qualify --help'");
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
        return sentRequest().getQualification();
    }

    private List<String> sentMask() {
        return sentRequest().getUpdateMask().getPathsList();
    }

    private QualifyLeadRequest sentRequest() {
        List<QualifyLeadRequest> sent = hearth.queue.requests(QualifyLeadRequest.class);
        assertThat(sent).hasSize(1);
        return sent.get(0);
    }
}
