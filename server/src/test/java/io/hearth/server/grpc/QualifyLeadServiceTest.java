package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.assertCode;
import static io.hearth.server.grpc.GrpcAssertions.assertInvalid;
import static io.hearth.server.grpc.GrpcAssertions.errorReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.FieldMask;
import com.google.type.Date;
import com.google.type.Money;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.proto.v1.Bant;
import io.hearth.proto.v1.BantAnswer;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.GetLeadProfileRequest;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadProfile;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.Qualification;
import io.hearth.proto.v1.QualifyLeadRequest;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.ReferralKind;
import io.hearth.server.InProcessHearth;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** QualifyLead as a partial update (AIP-134) guarded by the qualification's etag (AIP-154). */
class QualifyLeadServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Qualification FULL = Qualification.newBuilder()
            .setNeedBy(Date.newBuilder().setYear(2027).setMonth(3).setDay(1))
            .setEstimatedValue(Money.newBuilder().setCurrencyCode("USD").setUnits(25_000))
            .setReferral(ReferralKind.REFERRAL_KIND_CHAMPION)
            .setBant(Bant.newBuilder().setBudget(BantAnswer.BANT_ANSWER_YES).setNeed(BantAnswer.BANT_ANSWER_YES))
            .setNote("call after 2pm")
            .setLeadLevel(4)
            .build();
    private InProcessHearth hearth;
    private LeadServiceGrpc.LeadServiceBlockingStub leads;
    private QueueServiceGrpc.QueueServiceBlockingStub queue;
    private Lead lead;

    @BeforeEach
    void start() throws Exception {
        hearth = new InProcessHearth(Clock.fixed(NOW, ZoneOffset.UTC));
        leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        queue = QueueServiceGrpc.newBlockingStub(hearth.channel());
        lead = leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName("Ada")
                        .setFamilyName("Lovelace")
                        .setPhone("+1 415 555 0100")
                        .setSource(LeadSource.LEAD_SOURCE_OTHER)
                        .setOwner("alice"))
                .build());
        qualify(FULL, "*");
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void onlyTheNamedFieldsChangeAndANamedUnsetFieldIsCleared() {
        LeadProfile profile = qualify(
                Qualification.newBuilder()
                        .setBant(Bant.newBuilder().setAuthority(BantAnswer.BANT_ANSWER_NO))
                        .setNote("ignored: not in the mask")
                        .setLeadLevel(5)
                        .build(),
                "bant.authority",
                "lead_level",
                "need_by");

        assertThat(profile.getQualification())
                .isEqualTo(FULL.toBuilder()
                        .clearNeedBy()
                        .setBant(FULL.getBant().toBuilder().setAuthority(BantAnswer.BANT_ANSWER_NO))
                        .setLeadLevel(5)
                        .setEtag(profile.getQualification().getEtag())
                        .build());
    }

    @Test
    void withoutAMaskTheFieldsSetAreUpdatedAndTheRestKept() {
        LeadProfile profile = qualify(Qualification.newBuilder()
                .setBant(Bant.newBuilder().setTimescale(BantAnswer.BANT_ANSWER_NO))
                .build());

        assertThat(profile.getQualification().getBant())
                .isEqualTo(FULL.getBant().toBuilder()
                        .setTimescale(BantAnswer.BANT_ANSWER_NO)
                        .build());
        assertThat(profile.getQualification().getNote()).isEqualTo("call after 2pm");
        assertThat(profile.getQualification().getLeadLevel()).isEqualTo(4);
    }

    @Test
    void bantNamesAllFourAnswersAndStarReplacesEverything() {
        LeadProfile allYes = qualify(
                Qualification.newBuilder()
                        .setBant(Bant.newBuilder()
                                .setBudget(BantAnswer.BANT_ANSWER_YES)
                                .setAuthority(BantAnswer.BANT_ANSWER_YES)
                                .setNeed(BantAnswer.BANT_ANSWER_YES)
                                .setTimescale(BantAnswer.BANT_ANSWER_YES))
                        .build(),
                "bant");
        assertThat(allYes.getQualification().getQualified()).isTrue();
        assertThat(allYes.getQualification().getNote()).isEqualTo("call after 2pm");
        assertThat(leads.getLead(GetLeadRequest.newBuilder()
                                .setName(lead.getName())
                                .build())
                        .getStatus())
                .isEqualTo(LeadStatus.LEAD_STATUS_QUALIFIED);

        LeadProfile replaced =
                qualify(Qualification.newBuilder().setNote("start over").build(), "*");
        assertThat(replaced.getQualification())
                .isEqualTo(Qualification.newBuilder()
                        .setReferral(ReferralKind.REFERRAL_KIND_NONE)
                        .setBant(Bant.getDefaultInstance())
                        .setNote("start over")
                        .setEtag(replaced.getQualification().getEtag())
                        .build());
    }

    @Test
    void theEtagGuardsAgainstLostUpdates() {
        String etag = profile().getQualification().getEtag();

        LeadProfile updated = queue.qualifyLead(request(
                Qualification.newBuilder().setNote("first").setEtag(etag).build(), "note"));
        assertThat(updated.getQualification().getEtag()).isNotEqualTo(etag);

        StatusRuntimeException stale =
                (StatusRuntimeException) org.assertj.core.api.Assertions.catchThrowable(() -> queue.qualifyLead(request(
                        Qualification.newBuilder()
                                .setNote("second")
                                .setEtag(etag)
                                .build(),
                        "note")));
        assertThat(stale.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(errorReason(stale)).isEqualTo("STALE_ETAG");
        assertThat(stale.getStatus().getDescription()).contains("the qualification of " + lead.getName());
        assertThat(profile().getQualification().getNote()).isEqualTo("first");

        assertThat(queue.qualifyLead(request(
                                Qualification.newBuilder()
                                        .setNote("second")
                                        .setEtag(updated.getQualification().getEtag())
                                        .build(),
                                "note"))
                        .getQualification()
                        .getNote())
                .isEqualTo("second");
    }

    @Test
    void reRatingAndOverridesLeaveTheQualificationEtagAlone() {
        String etag = profile().getQualification().getEtag();

        queue.setTemperatureOverride(io.hearth.proto.v1.SetTemperatureOverrideRequest.newBuilder()
                .setName(lead.getName())
                .setTemperature(io.hearth.proto.v1.Temperature.TEMPERATURE_HOT)
                .setReason("asked for a price")
                .build());
        leads.updateLead(io.hearth.proto.v1.UpdateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder().setName(lead.getName()).setNotes("met at the expo"))
                .build());

        assertThat(profile().getQualification().getEtag()).isEqualTo(etag);
    }

    @Test
    void badMasksAndRequestsNameTheField() {
        assertInvalid(() -> queue.qualifyLead(request(FULL, "budget")), "update_mask");
        assertInvalid(() -> queue.qualifyLead(request(FULL, "qualified")), "update_mask");
        assertInvalid(() -> queue.qualifyLead(request(FULL, "etag")), "update_mask");
        assertInvalid(() -> queue.qualifyLead(request(Qualification.getDefaultInstance())), "update_mask");
        assertInvalid(
                () -> queue.qualifyLead(
                        QualifyLeadRequest.newBuilder().setName(lead.getName()).build()),
                "qualification");
        assertInvalid(
                () -> queue.qualifyLead(
                        request(Qualification.newBuilder().setLeadLevel(7).build(), "lead_level")),
                "qualification.lead_level");
        assertInvalid(
                () -> queue.qualifyLead(QualifyLeadRequest.newBuilder()
                        .setName("people/1")
                        .setQualification(FULL)
                        .build()),
                "name");
        assertThatThrownBy(() -> queue.qualifyLead(request(FULL, "budget")))
                .hasMessageContaining("'budget' is not a qualification field")
                .hasMessageContaining("bant.budget");
        assertCode(
                () -> queue.qualifyLead(QualifyLeadRequest.newBuilder()
                        .setName("leads/" + UUID.randomUUID())
                        .setQualification(FULL)
                        .build()),
                Status.Code.NOT_FOUND);
        assertThat(profile().getQualification().getNote()).isEqualTo("call after 2pm");
    }

    private LeadProfile profile() {
        return queue.getLeadProfile(
                GetLeadProfileRequest.newBuilder().setName(lead.getName()).build());
    }

    private LeadProfile qualify(Qualification qualification, String... paths) {
        return queue.qualifyLead(request(qualification, paths));
    }

    private QualifyLeadRequest request(Qualification qualification, String... paths) {
        QualifyLeadRequest.Builder request =
                QualifyLeadRequest.newBuilder().setName(lead.getName()).setQualification(qualification);
        if (paths.length > 0) {
            request.setUpdateMask(FieldMask.newBuilder().addAllPaths(java.util.List.of(paths)));
        }
        return request.build();
    }
}
