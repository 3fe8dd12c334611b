package io.hearth.core.priority;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.lead.Temperature;
import io.hearth.core.person.LeadSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TemperatureModelTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final TemperatureModel model =
            new TemperatureModel(TemperaturePolicy.DEFAULT, new RuleProbability(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static LeadSignalsBuilder lead() {
        return new LeadSignalsBuilder();
    }

    @Test
    void purchasedListWithNothingElseIsCold() {
        TemperatureRating rating =
                model.rate(lead().source(LeadSource.PURCHASED_LIST).build());

        assertThat(rating.grade()).isEqualTo(Temperature.COLD);
        assertThat(rating.sizzling()).isFalse();
        assertThat(rating.reasons()).containsExactly("purchased list: no known need and no relationship yet");
    }

    @Test
    void aNeedWithinFourWeeksIsHotAndWithinAWeekSizzling() {
        TemperatureRating threeWeeks =
                model.rate(lead().needBy(LocalDate.parse("2026-12-14")).build());
        TemperatureRating fiveDays =
                model.rate(lead().needBy(LocalDate.parse("2026-11-28")).build());
        TemperatureRating twoMonths =
                model.rate(lead().needBy(LocalDate.parse("2027-01-23")).build());

        assertThat(threeWeeks.grade()).isEqualTo(Temperature.HOT);
        assertThat(threeWeeks.sizzling()).isFalse();
        assertThat(threeWeeks.reasons()).contains("needs it by 2026-12-14 (21 days)");
        assertThat(fiveDays.sizzling()).isTrue();
        assertThat(twoMonths.grade()).isEqualTo(Temperature.COLD);
    }

    @Test
    void referralConversationOrMeetingIsWarm() {
        assertThat(model.rate(lead().referral(ReferralKind.CHAMPION).build()).reasons())
                .contains("referred by a champion who makes the introduction");
        assertThat(model.rate(lead().referral(ReferralKind.FAN).build()).grade())
                .isEqualTo(Temperature.WARM);
        assertThat(model.rate(lead().lastConversationAt(NOW.minus(Duration.ofDays(10)))
                                .build())
                        .grade())
                .isEqualTo(Temperature.WARM);
        assertThat(model.rate(lead().nextMeetingAt(NOW.plus(Duration.ofDays(2))).build())
                        .grade())
                .isEqualTo(Temperature.WARM);
        assertThat(model.rate(lead().level(3).build()).grade()).isEqualTo(Temperature.WARM);
    }

    @Test
    void aHeardOfNeedOrARaisedHandIsCool() {
        assertThat(model.rate(lead().bant(new Bant(Answer.UNKNOWN, Answer.UNKNOWN, Answer.YES, Answer.UNKNOWN))
                                .build())
                        .grade())
                .isEqualTo(Temperature.COOL);
        TemperatureRating webForm =
                model.rate(lead().source(LeadSource.WEB_FORM).build());
        assertThat(webForm.grade()).isEqualTo(Temperature.COOL);
        assertThat(webForm.reasons()).containsExactly("raised their hand (filled in the web form)");
    }

    @Test
    void qualifiedOrBuyingLeadsAreHot() {
        Bant allYes = new Bant(Answer.YES, Answer.YES, Answer.YES, Answer.YES);
        assertThat(model.rate(lead().bant(allYes).build()).grade()).isEqualTo(Temperature.HOT);
        assertThat(model.rate(lead().level(6).build()).grade()).isEqualTo(Temperature.HOT);
    }

    @Test
    void aPositiveReplyTodayIsSizzlingAndWarmsForTwoWeeks() {
        TemperatureRating today =
                model.rate(lead().lastPositiveAt(NOW.minus(Duration.ofHours(3))).build());
        TemperatureRating lastWeek =
                model.rate(lead().lastPositiveAt(NOW.minus(Duration.ofDays(7))).build());

        assertThat(today.grade()).isEqualTo(Temperature.HOT);
        assertThat(today.sizzling()).isTrue();
        assertThat(lastWeek.grade()).isEqualTo(Temperature.WARM);
        assertThat(lastWeek.sizzling()).isFalse();
    }

    @Test
    void silenceCoolsOneStepPerThreshold() {
        Instant longAgo = NOW.minus(Duration.ofDays(400));
        TemperatureRating referralForgotten = model.rate(lead().referral(ReferralKind.CHAMPION)
                .createdAt(longAgo)
                .lastTouchAt(NOW.minus(Duration.ofDays(120)))
                .build());
        TemperatureRating qualifiedButQuiet =
                model.rate(lead().bant(new Bant(Answer.YES, Answer.YES, Answer.YES, Answer.YES))
                        .createdAt(longAgo)
                        .lastTouchAt(NOW.minus(Duration.ofDays(45)))
                        .build());

        assertThat(referralForgotten.grade()).isEqualTo(Temperature.COOL);
        assertThat(referralForgotten.reasons()).contains("cooled from warm: no activity in 120 days");
        assertThat(qualifiedButQuiet.grade()).isEqualTo(Temperature.WARM);
    }

    @Test
    void aNearNeedStaysHotThroughSilence() {
        TemperatureRating rating = model.rate(lead().needBy(LocalDate.parse("2026-12-01"))
                .createdAt(NOW.minus(Duration.ofDays(300)))
                .build());
        assertThat(rating.grade()).isEqualTo(Temperature.HOT);
    }

    @Test
    void aNearNeedDoesNotMakeHotALeadUnlikelyToBuy() {
        LocalDate inTenDays = LocalDate.parse("2026-12-03");
        Bant allNo = new Bant(Answer.NO, Answer.NO, Answer.NO, Answer.NO);
        Bant noButTimescale = new Bant(Answer.NO, Answer.NO, Answer.NO, Answer.YES);

        TemperatureRating saidNo =
                model.rate(lead().needBy(inTenDays).bant(allNo).build());
        TemperatureRating saidNoButSoon =
                model.rate(lead().needBy(inTenDays).bant(noButTimescale).build());

        assertThat(saidNo.grade()).isNotEqualTo(Temperature.HOT);
        assertThat(saidNo.sizzling()).isFalse();
        assertThat(saidNo.reasons())
                .anySatisfy(r -> assertThat(r)
                        .contains("needs it by 2026-12-03 (10 days)")
                        .contains("likely to buy: 27 %")
                        .contains("not hot"));
        assertThat(saidNoButSoon.grade()).isNotEqualTo(Temperature.HOT);
    }

    @Test
    void aNearNeedOfALeadLikelyToBuyIsHotAndTheReasonsSayBoth() {
        TemperatureRating rating = model.rate(lead().needBy(LocalDate.parse("2026-12-03"))
                .bant(new Bant(Answer.YES, Answer.UNKNOWN, Answer.UNKNOWN, Answer.UNKNOWN))
                .build());

        assertThat(rating.grade()).isEqualTo(Temperature.HOT);
        assertThat(rating.reasons()).contains("likely to buy: 60 %; needs it in 10 days");
        assertThat(rating.probabilityToClose()).isEqualTo(0.60, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aLeadTheModelFindsVeryLikelyIsNotLeftCoolWithoutAReason() {
        TemperatureModel learned = new TemperatureModel(
                TemperaturePolicy.DEFAULT, (signals, grade) -> 0.97, Clock.fixed(NOW, ZoneOffset.UTC));

        TemperatureRating webForm =
                learned.rate(lead().source(LeadSource.WEB_FORM).build());
        TemperatureRating unlikelyModel = new TemperatureModel(
                        TemperaturePolicy.DEFAULT, (signals, grade) -> 0.2, Clock.fixed(NOW, ZoneOffset.UTC))
                .rate(lead().source(LeadSource.WEB_FORM).build());

        assertThat(webForm.grade()).isEqualTo(Temperature.WARM);
        assertThat(webForm.probabilityToClose()).isEqualTo(0.97);
        assertThat(webForm.reasons()).contains("likely to buy: 97 %");
        assertThat(unlikelyModel.grade()).isEqualTo(Temperature.COOL);
    }

    @Test
    void aConversationLongAgoSaysWhenNotThatThereWasNone() {
        Instant spoke = Instant.parse("2026-05-17T15:00:00Z"); // 189 days before NOW
        TemperatureRating rating = model.rate(lead().createdAt(NOW.minus(Duration.ofDays(400)))
                .lastTouchAt(spoke)
                .lastConversationAt(spoke)
                .build());
        TemperatureRating hundredDays = model.rate(lead().createdAt(NOW.minus(Duration.ofDays(400)))
                .lastConversationAt(NOW.minus(Duration.ofDays(100)))
                .build());

        assertThat(rating.grade()).isEqualTo(Temperature.COLD);
        assertThat(rating.reasons())
                .contains("spoken with 189 days ago on 2026-05-17, little contact since")
                .noneMatch(r -> r.contains("no relationship"));
        assertThat(hundredDays.grade()).isEqualTo(Temperature.COLD);
        assertThat(hundredDays.reasons()).contains("spoken with 100 days ago on 2026-08-15, little contact since");
    }

    @Test
    void probabilityRisesWithTheGradeAndBant() {
        double cold =
                model.rate(lead().source(LeadSource.PURCHASED_LIST).build()).probabilityToClose();
        double warm = model.rate(lead().referral(ReferralKind.FAN).build()).probabilityToClose();
        double warmQualifiedish = model.rate(lead().referral(ReferralKind.FAN)
                        .bant(new Bant(Answer.YES, Answer.YES, Answer.UNKNOWN, Answer.UNKNOWN))
                        .build())
                .probabilityToClose();

        assertThat(cold).isLessThan(warm);
        assertThat(warm).isLessThan(warmQualifiedish);
    }

    /** Signals of a lead that arrived an hour ago with nothing known about it. */
    static final class LeadSignalsBuilder {
        private LeadSource source = LeadSource.OTHER;
        private ReferralKind referral = ReferralKind.NONE;
        private LocalDate needBy;
        private Bant bant = Bant.UNKNOWN;
        private int level;
        private Instant createdAt = NOW.minus(Duration.ofHours(1));
        private Instant lastTouchAt;
        private Instant lastConversationAt;
        private Instant lastPositiveAt;
        private Instant nextMeetingAt;

        LeadSignalsBuilder source(LeadSource v) {
            source = v;
            return this;
        }

        LeadSignalsBuilder referral(ReferralKind v) {
            referral = v;
            return this;
        }

        LeadSignalsBuilder needBy(LocalDate v) {
            needBy = v;
            return this;
        }

        LeadSignalsBuilder bant(Bant v) {
            bant = v;
            return this;
        }

        LeadSignalsBuilder level(int v) {
            level = v;
            return this;
        }

        LeadSignalsBuilder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        LeadSignalsBuilder lastTouchAt(Instant v) {
            lastTouchAt = v;
            return this;
        }

        LeadSignalsBuilder lastConversationAt(Instant v) {
            lastConversationAt = v;
            return this;
        }

        LeadSignalsBuilder lastPositiveAt(Instant v) {
            lastPositiveAt = v;
            return this;
        }

        LeadSignalsBuilder nextMeetingAt(Instant v) {
            nextMeetingAt = v;
            return this;
        }

        LeadSignals build() {
            return new LeadSignals(
                    source,
                    referral,
                    needBy,
                    bant,
                    level,
                    createdAt,
                    lastTouchAt,
                    lastConversationAt,
                    lastPositiveAt,
                    nextMeetingAt);
        }
    }
}
